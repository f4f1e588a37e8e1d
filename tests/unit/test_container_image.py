"""The image's build context and the input hash that decides whether the image is rebuilt (no engine needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotspot_kg.container.image import CONTEXT_FILES, image_name, inputs_hash, stage_context
from hotspot_kg.core.errors import ContainerError
from hotspot_kg.server.conf import JVM_FLAGS
from hotspot_kg.server.pins import pins


def fake_dist(root: Path) -> Path:
    dist = root / "dist"
    (dist / "lib").mkdir(parents=True)
    (dist / "plugins").mkdir()
    (dist / "lib" / "neo4j-5.26.24.jar").write_bytes(b"neo4j classes")
    (dist / "lib" / "netty.jar").write_bytes(b"netty classes")
    (dist / "plugins" / "open-gds-2.13.9.jar").write_bytes(b"gds classes")
    (dist / "lib" / "notes.txt").write_text("not a jar", encoding="utf-8")
    return dist


def test_context_holds_the_jars_the_build_files_and_the_jvm_flags(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path)
    context = stage_context(dist, tmp_path / "context")
    assert sorted(p.name for p in (context / "lib").iterdir()) == ["neo4j-5.26.24.jar", "netty.jar"]
    assert [p.name for p in (context / "plugins").iterdir()] == ["open-gds-2.13.9.jar"]
    linked = (context / "lib" / "netty.jar").stat().st_ino == (dist / "lib" / "netty.jar").stat().st_ino
    assert linked  # a hard link, not a copy
    for name in CONTEXT_FILES:
        assert (context / name).is_file(), name
    flags = (context / "jvm.options").read_text(encoding="utf-8").splitlines()
    assert flags[1:] == JVM_FLAGS
    assert (context / "docker-entrypoint.sh").stat().st_mode & 0o111  # stays executable


def test_context_is_staged_afresh(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path)
    context = stage_context(dist, tmp_path / "context")
    (dist / "lib" / "netty.jar").unlink()
    stage_context(dist, context)
    assert not (context / "lib" / "netty.jar").exists()


def test_missing_jars_are_an_error_naming_the_folder(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path)
    (dist / "plugins" / "open-gds-2.13.9.jar").unlink()
    with pytest.raises(ContainerError, match=r"plugins holds no jars"):
        stage_context(dist, tmp_path / "context")


def test_hash_is_stable_and_follows_every_input(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path)
    context = stage_context(dist, tmp_path / "context")
    first = inputs_hash(context, "recipe-1")
    assert inputs_hash(stage_context(dist, context), "recipe-1") == first
    assert inputs_hash(context, "recipe-2") != first  # another rootfs recipe

    (dist / "plugins" / "open-gds-2.13.9.jar").write_bytes(b"other gds classes")
    changed_jar = inputs_hash(stage_context(dist, context), "recipe-1")
    assert changed_jar != first

    (context / "neo4j.conf").chmod(0o755)
    assert inputs_hash(context, "recipe-1") != changed_jar  # the executable bit counts

    (context / "lib" / "extra.jar").write_bytes(b"")
    assert inputs_hash(context, "recipe-1") != changed_jar


def test_image_name_follows_the_neo4j_pin() -> None:
    assert image_name() == f"localhost/hotspot-kg-neo4j:{pins().neo4j}"
