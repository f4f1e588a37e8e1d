"""The base image: a Debian bookworm rootfs with a Java 17 runtime, made by debootstrap and imported into Podman.

No registry is reachable, so the base is made from Debian packages: ``debootstrap --variant=minbase
--include=openjdk-17-jre-headless,wget bookworm`` with the mirror of the machine's own apt sources, finished by
``neo4j-build/image/rootfs.sh``. The tarball is cached in ``.local/image/`` (git-ignored) under the hash of
its recipe, and imported as ``localhost/hotspot-kg-jre17:bookworm`` with that hash as a label.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hotspot_kg.container.podman import podman
from hotspot_kg.core.errors import ContainerError
from hotspot_kg.core.settings import PROJECT_ROOT

SUITE = "bookworm"
PACKAGES = ("openjdk-17-jre-headless", "wget")  # wget: the compose healthcheck, as in the official image
BASE_IMAGE = f"localhost/hotspot-kg-jre17:{SUITE}"
RECIPE_LABEL = "org.hotspot-kg.rootfs-recipe"
ROOTFS_SCRIPT = PROJECT_ROOT / "neo4j-build" / "image" / "rootfs.sh"
CACHE_DIR = PROJECT_ROOT / ".local" / "image"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
APT_SOURCES = Path("/etc/apt")
JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"


@dataclass(frozen=True)
class Base:
    image: str
    recipe: str  # hash of what makes the rootfs
    tarball: Path


def recipe_hash() -> str:
    digest = hashlib.sha256()
    digest.update(f"debootstrap --variant=minbase --include={','.join(PACKAGES)} {SUITE}\n".encode())
    digest.update(ROOTFS_SCRIPT.read_bytes())
    return digest.hexdigest()[:16]


def _source_entries(apt_dir: Path) -> Iterable[tuple[str, list[str]]]:
    """(URI, suites) of every deb entry in sources.list, sources.list.d/*.list and sources.list.d/*.sources."""
    one_line = [apt_dir / "sources.list", *sorted((apt_dir / "sources.list.d").glob("*.list"))]
    for path in one_line:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line)
            if match:
                yield match.group(1), [match.group(2)]
    for path in sorted((apt_dir / "sources.list.d").glob("*.sources")):
        for stanza in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
            fields = dict(
                (key.strip().lower(), value.strip())
                for key, _, value in (
                    line.partition(":") for line in stanza.splitlines() if not line.startswith("#")
                )
            )
            if "deb" in fields.get("types", "").split() and fields.get("enabled", "yes").lower() != "no":
                for uri in fields.get("uris", "").split():
                    yield uri, fields.get("suites", "").split()


def debian_mirror(apt_dir: Path = APT_SOURCES, env: dict[str, str] | None = None) -> str:
    """HOTSPOT_DEBIAN_MIRROR, else the mirror that the machine's apt sources use for bookworm, else deb.debian.org."""
    env = dict(os.environ) if env is None else env
    if env.get("HOTSPOT_DEBIAN_MIRROR"):
        return env["HOTSPOT_DEBIAN_MIRROR"].rstrip("/")
    for uri, suites in _source_entries(apt_dir):
        if SUITE in suites and uri.startswith(("http://", "https://", "file:/")):
            return uri.rstrip("/")
    return DEFAULT_MIRROR


def _run_logged(command: list[str], log: Path, what: str) -> None:
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-10:])
        raise ContainerError(f"{what} failed (exit {done.returncode}); see {log}:\n{tail}")


def make_tarball(tarball: Path, log: Path, echo: Callable[[str], None]) -> None:
    """debootstrap a fresh rootfs, finish it with rootfs.sh and pack it as ``tarball``."""
    if shutil.which("debootstrap") is None:
        raise ContainerError(
            "debootstrap is not installed: run `hotspot-kg image setup` (apt-get install debootstrap)"
        )
    if os.geteuid() != 0:
        raise ContainerError("debootstrap needs root to build the image's rootfs: run the build as root")
    mirror = debian_mirror()
    tarball.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rootfs-", dir=tarball.parent) as tmp:
        root = Path(tmp) / "root"
        echo(f"debootstrap {SUITE} with {', '.join(PACKAGES)} from {mirror} ...")
        began = time.monotonic()
        _run_logged(
            ["debootstrap", "--variant=minbase", f"--include={','.join(PACKAGES)}", SUITE, str(root), mirror],
            log,
            "debootstrap",
        )
        _run_logged(["sh", str(ROOTFS_SCRIPT), str(root)], log, "rootfs.sh")
        partial = tarball.with_suffix(".partial")
        _run_logged(
            ["tar", "-C", str(root), "--numeric-owner", "-cf", str(partial), "."], log, "packing the rootfs"
        )
        partial.rename(tarball)
        echo(
            f"rootfs {tarball.name}: {tarball.stat().st_size / 2**20:.0f} MiB in {time.monotonic() - began:.0f} s"
        )


def image_label(image: str, label: str) -> str | None:
    """The value of ``label`` on ``image``, None if the image does not exist."""
    done = podman(["image", "inspect", "--format", f'{{{{index .Labels "{label}"}}}}', image], check=False)
    if done.returncode != 0:
        return None
    value = done.stdout.strip()
    return "" if value == "<no value>" else value


def ensure_base(echo: Callable[[str], None] = print, force: bool = False) -> Base:
    """Import the base image unless it exists with the current recipe; make the tarball first if not cached."""
    recipe = recipe_hash()
    tarball = CACHE_DIR / f"rootfs-{SUITE}-{recipe}.tar"
    base = Base(BASE_IMAGE, recipe, tarball)
    if not force and image_label(BASE_IMAGE, RECIPE_LABEL) == recipe:
        return base
    log = CACHE_DIR / "build.log"
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    if force or not tarball.exists():
        make_tarball(tarball, log, echo)
    echo(f"importing {tarball.name} as {BASE_IMAGE} ...")
    changes = [
        f"ENV JAVA_HOME={JAVA_HOME}",
        "ENV LANG=C.UTF-8",
        f"LABEL {RECIPE_LABEL}={recipe}",
        'CMD ["/bin/bash"]',
    ]
    command = [
        "import",
        *(arg for change in changes for arg in ("--change", change)),
        str(tarball),
        BASE_IMAGE,
    ]
    podman(command)
    for stale in CACHE_DIR.glob(f"rootfs-{SUITE}-*.tar"):
        if stale != tarball:
            stale.unlink()
    return base
