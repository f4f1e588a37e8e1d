"""The Neo4j image ``localhost/hotspot-kg-neo4j:<neo4j version>``, built with Podman without any registry.

Layers: the base rootfs (:mod:`hotspot_kg.container.rootfs`), then ``lib/`` and ``plugins/`` of the Neo4j home the
project builds from Maven Central jars (``.neo4j/``), then the small files of ``neo4j-build/image/``. The build
context is staged in ``.local/image/context`` (hard links, no copies of the jars). A hash of every input is stored
as the image label ``org.hotspot-kg.inputs``: the image is rebuilt only when that hash changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hotspot_kg.container import rootfs
from hotspot_kg.container.podman import ensure_installed, podman
from hotspot_kg.core.errors import ContainerError
from hotspot_kg.core.settings import PROJECT_ROOT, current
from hotspot_kg.server import build as server_build
from hotspot_kg.server import conf as server_conf
from hotspot_kg.server.pins import pins

IMAGE_REPO = "localhost/hotspot-kg-neo4j"
INPUTS_LABEL = "org.hotspot-kg.inputs"
IMAGE_DIR = PROJECT_ROOT / "neo4j-build" / "image"
CONTEXT_FILES = ("Containerfile", "docker-entrypoint.sh", "neo4j-admin", "neo4j.conf")
CONTEXT_DIR = rootfs.CACHE_DIR / "context"


def image_name() -> str:
    """localhost/hotspot-kg-neo4j:<the Neo4j version pinned in neo4j-build/server/pom.xml>."""
    return f"{IMAGE_REPO}:{pins().neo4j}"


@dataclass(frozen=True)
class ImageInfo:
    image: str
    inputs: str  # the hash of the current inputs
    built: bool  # False when the image was already up to date
    seconds: float
    size_bytes: int


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system: copy
        shutil.copy2(src, dst)


def stage_context(dist: Path, context: Path = CONTEXT_DIR) -> Path:
    """Fill ``context`` with lib/, plugins/, the files of neo4j-build/image/ and jvm.options."""
    shutil.rmtree(context, ignore_errors=True)
    context.mkdir(parents=True)
    for sub in ("lib", "plugins"):
        (context / sub).mkdir()
        jars = sorted(path for path in (dist / sub).glob("*.jar") if path.is_file())
        if not jars:
            raise ContainerError(
                f"{dist / sub} holds no jars: the Maven build of the Neo4j home did not produce them (see {dist / 'logs' / 'build.log'})"
            )
        for jar in jars:
            _link_or_copy(jar, context / sub / jar.name)
    for name in CONTEXT_FILES:
        shutil.copy2(IMAGE_DIR / name, context / name)
    flags = "\n".join(server_conf.JVM_FLAGS)
    (context / "jvm.options").write_text(f"# hotspot_kg.server.conf.JVM_FLAGS\n{flags}\n", encoding="utf-8")
    return context


def inputs_hash(context: Path, base_recipe: str) -> str:
    """sha256 over the base recipe and every staged file's path, executable bit and content."""
    digest = hashlib.sha256(f"base {base_recipe}\n".encode())
    for path in sorted(p for p in context.rglob("*") if p.is_file()):
        executable = "x" if os.access(path, os.X_OK) else "-"
        with path.open("rb") as handle:
            content = hashlib.file_digest(handle, "sha256").hexdigest()
        digest.update(f"{path.relative_to(context).as_posix()} {executable} {content}\n".encode())
    return digest.hexdigest()[:24]


def _image_id(image: str) -> str | None:
    done = podman(["image", "inspect", "--format", "{{.Id}}", image], check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def image_size(image: str) -> int:
    return int(podman(["image", "inspect", "--format", "{{.Size}}", image]).stdout.strip())


def ensure_image(force: bool = False, echo: Callable[[str], None] = print) -> ImageInfo:
    """Build the image unless it exists with the current inputs' hash. Installs Podman and builds .neo4j if needed."""
    began = time.monotonic()
    ensure_installed()
    server = current().local
    server_build.ensure_built(server, echo=True)
    base = rootfs.ensure_base(echo=echo, force=force)
    context = stage_context(server.dist)
    inputs = inputs_hash(context, base.recipe)
    image = image_name()
    if not force and rootfs.image_label(image, INPUTS_LABEL) == inputs:
        return ImageInfo(image, inputs, False, time.monotonic() - began, image_size(image))
    old_id = _image_id(image)
    echo(f"building {image} (inputs {inputs}) ...")
    version = pins()
    podman(
        [
            "build", "--pull=never", "--layers=false", "-f", str(context / "Containerfile"),
            "--build-arg", f"BASE={base.image}",
            "--label", f"{INPUTS_LABEL}={inputs}",
            "--label", f"org.opencontainers.image.version={version.neo4j}",
            "--label", f"org.hotspot-kg.gds-version={version.gds}",
            "--label", f"org.hotspot-kg.browser-version={version.browser}",
            "--label", "org.opencontainers.image.licenses=GPL-3.0-or-later",
            "-t", image, str(context),
        ],
        timeout=1800,
    )  # fmt: skip
    new_id = _image_id(image)
    if old_id and old_id != new_id:
        podman(["rmi", old_id], check=False)  # the replaced image, unless a container still uses it
    return ImageInfo(image, inputs, True, time.monotonic() - began, image_size(image))


@dataclass(frozen=True)
class ImageStatus:
    image: str
    exists: bool
    up_to_date: bool
    size_bytes: int | None
    created: str | None


def status() -> ImageStatus:
    """Whether the image exists and matches the current inputs (stages the context to hash it)."""
    image = image_name()
    label = rootfs.image_label(image, INPUTS_LABEL)
    if label is None:
        return ImageStatus(image, False, False, None, None)
    dist = current().local.dist
    current_hash = (
        inputs_hash(stage_context(dist), rootfs.recipe_hash()) if server_build.is_built(dist) else None
    )
    created = podman(["image", "inspect", "--format", "{{.Created}}", image]).stdout.strip()
    return ImageStatus(image, True, label == current_hash, image_size(image), created)
