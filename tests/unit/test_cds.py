"""The class-data-sharing archive of the server's JVM: its key, when it is made, kept, used and dropped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hotspot_kg.core import settings
from hotspot_kg.core.errors import ServerError
from hotspot_kg.server import cds, conf, process


@pytest.fixture
def local(tmp_path: Path) -> settings.LocalServer:
    dist = tmp_path / "dist"
    for sub in ("lib", "plugins"):
        (dist / sub).mkdir(parents=True)
    (dist / "lib" / "neo4j-5.jar").write_bytes(b"lib")
    (dist / "plugins" / "gds.jar").write_bytes(b"plugin")
    return settings.local_server(
        {"HOTSPOT_NEO4J_DIST": str(dist), "HOTSPOT_NEO4J_HOME": str(tmp_path / "home")}
    )


def _target(local: settings.LocalServer) -> Path:
    return cds.archive(local, conf.JVM_FLAGS, conf.classpath(local))


def test_the_key_follows_the_jars_and_the_flags(local: settings.LocalServer) -> None:
    first = _target(local)
    assert first == _target(local)
    assert first.parent == local.dist / "cds" and first.name.startswith("neo4j-") and first.suffix == ".jsa"
    assert cds.archive(local, [*conf.JVM_FLAGS, "-XX:+UseParallelGC"], conf.classpath(local)) != first
    jar = local.dist / "plugins" / "gds.jar"
    jar.write_bytes(b"another plugin build")
    assert _target(local) != first
    (local.dist / "lib" / "extra.jar").write_bytes(b"x")
    assert len({first, _target(local)}) == 2


def test_an_instance_of_the_same_dist_shares_the_archive(local: settings.LocalServer, tmp_path: Path) -> None:
    other = settings.local_server(
        {"HOTSPOT_NEO4J_DIST": str(local.dist), "HOTSPOT_NEO4J_HOME": str(tmp_path / "o")}
    )
    assert _target(other) == _target(local)


def test_no_archive_means_making_one_at_exit(local: settings.LocalServer) -> None:
    target = _target(local)
    flags, sharing = cds.launch_flags(local, target)
    assert not sharing
    part = Path(cds.ticket(local).read_text(encoding="utf-8").strip())
    assert flags == [cds.QUIET, f"-XX:ArchiveClassesAtExit={part}"]
    assert part.parent == target.parent and part.name.startswith(target.name) and part.name.endswith(".part")


def test_a_clean_stop_keeps_the_part_a_kill_drops_it(local: settings.LocalServer) -> None:
    target = _target(local)
    cds.launch_flags(local, target)
    part = Path(cds.ticket(local).read_text(encoding="utf-8").strip())
    part.write_bytes(b"archive")  # what the JVM writes at exit
    assert cds.settle(local, clean_exit=True) == target
    assert target.read_bytes() == b"archive" and not part.exists() and not cds.ticket(local).exists()
    target.unlink()
    cds.launch_flags(local, target)
    part = Path(cds.ticket(local).read_text(encoding="utf-8").strip())
    part.write_bytes(b"half an archive")
    assert cds.settle(local, clean_exit=False) is None
    assert not part.exists() and not target.exists()
    assert cds.settle(local, clean_exit=True) is None  # no ticket: nothing to do


def test_an_existing_archive_is_used_and_stale_files_go(local: settings.LocalServer) -> None:
    target = _target(local)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"archive")
    old_key = target.with_name("neo4j-0000000000000000.jsa")
    old_key.write_bytes(b"old jars")
    young_part = target.with_name(f"{target.name}.abc.part")
    young_part.write_bytes(b"being written")
    old_part = target.with_name(f"{target.name}.def.part")
    old_part.write_bytes(b"left by a killed JVM")
    an_hour_ago = time.time() - 3600
    os.utime(old_part, (an_hour_ago, an_hour_ago))
    flags, sharing = cds.launch_flags(local, target)
    assert sharing and flags == [cds.QUIET, f"-XX:SharedArchiveFile={target}"]
    assert target.exists() and young_part.exists()
    assert not old_key.exists() and not old_part.exists()


def test_switched_off_by_the_environment(
    local: settings.LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOTSPOT_NEO4J_CDS", "0")
    assert cds.launch_flags(local, _target(local)) == ([], False)


def test_mapped_reads_the_process_maps(tmp_path: Path) -> None:
    python_binary = Path(os.path.realpath(sys.executable))
    assert cds.mapped(os.getpid(), python_binary)
    assert not cds.mapped(os.getpid(), tmp_path / "never-mapped.jsa")


def test_the_command_puts_the_archive_flags_before_the_class_path(local: settings.LocalServer) -> None:
    command = conf.command(local, ["-XX:SharedArchiveFile=/a.jsa"])
    assert command.index("-XX:SharedArchiveFile=/a.jsa") < command.index("-cp")
    assert (
        command[command.index("-cp") + 1] == f"{local.dist}/plugins/*:{local.home}/conf/*:{local.dist}/lib/*"
    )


def test_a_jvm_dying_with_the_archive_is_started_again_without_it(
    local: settings.LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _target(local)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"an archive this JVM dies on")
    config = settings.load(
        {
            "HOTSPOT_NEO4J_DIST": str(local.dist),
            "HOTSPOT_NEO4J_HOME": str(local.home),
            "HOTSPOT_BOLT_PORT": "1",  # never bound: the port check passes
            "HOTSPOT_HTTP_PORT": "2",
            "NEO4J_PASSWORD": "a-long-password",
        }
    )
    launched: list[list[str]] = []

    def launch(server: settings.LocalServer, extra: list[str]) -> subprocess.Popen[bytes]:
        launched.append(extra)
        code = 2 if any("SharedArchiveFile" in flag for flag in extra) else 0
        return subprocess.Popen([sys.executable, "-c", f"raise SystemExit({code})"])

    def wait_ready(_: object, proc: subprocess.Popen[bytes], first: bool, timeout: float) -> None:
        if proc.wait() != 0:
            raise ServerError("Neo4j exited with code 2")

    monkeypatch.setattr(process, "ensure_built", lambda server, echo: False)
    monkeypatch.setattr(process, "_launch", launch)
    monkeypatch.setattr(process, "_wait_ready", wait_ready)
    monkeypatch.setattr(process, "status", lambda settings: None)
    said: list[str] = []
    process.start(config, echo=said.append)
    assert launched == [[cds.QUIET, f"-XX:SharedArchiveFile={target}"], []]
    assert not target.exists()
    assert any("removed it, starting without" in line for line in said)
