"""A class-data-sharing archive (AppCDS) of the server's classes: it cuts the JVM's start by about 40 %.

Most of a start is spent loading classes: Neo4j's own, then every class of the OpenGDS plugin jar,
which Neo4j scans for procedures. A dynamic CDS archive holds those classes parsed and verified, so
later starts map them instead of loading them again.

The archive is made without asking: a start with no archive runs with ``-XX:ArchiveClassesAtExit``,
and the JVM writes the archive when it shuts down; ``stop`` keeps it only when the server stopped
cleanly (a killed JVM may leave half a file). The archive lives in ``<dist>/cds/`` and is named by a
key over the JDK, the jars on the class path and the JVM flags, so it is shared by the instances of a
distribution and a new JDK, new jars or new flags make (and use) a new one; stale files are removed.
A JVM that rejects the archive starts without it (``-Xshare:auto``, the default); ``start`` then sees
the archive is not mapped in the process and removes it, so the next start makes a new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
import uuid
from pathlib import Path

from hotspot_kg.core.settings import LocalServer

SUFFIX = ".jsa"
PART = ".part"
# CDS warnings (classes it cannot archive) would fill console.log at every stop that makes an archive.
QUIET = "-Xlog:cds*=error"
DISABLE_ENV = "HOTSPOT_NEO4J_CDS"
STALE_PART_SECONDS = 600


def enabled() -> bool:
    """CDS is on unless HOTSPOT_NEO4J_CDS=0."""
    return os.environ.get(DISABLE_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def folder(server: LocalServer) -> Path:
    return server.dist / "cds"


def _java_home(java: str) -> Path | None:
    found = shutil.which(java)
    if found is None:
        return None
    return Path(found).resolve().parent.parent


def key(server: LocalServer, flags: list[str], classpath: list[Path]) -> str:
    """A digest of what the archive depends on: the JDK (its path and module image), the jars, the flags."""
    digest = hashlib.sha256()
    home = _java_home(server.java)
    digest.update(str(home).encode())
    if home is not None:
        for name in ("lib/modules", "release"):
            with contextlib.suppress(OSError):
                stat = (home / name).stat()
                digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for jar in classpath:
        with contextlib.suppress(OSError):
            stat = jar.stat()
            digest.update(f"{jar}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update("\0".join(flags).encode())
    return digest.hexdigest()[:16]


def jars(patterns: list[Path]) -> list[Path]:
    """The jars a class-path of ``dir/*`` entries expands to, in the launcher's order per entry."""
    found: list[Path] = []
    for pattern in patterns:
        found += sorted(pattern.parent.glob("*.jar"))
    return found


def archive(server: LocalServer, flags: list[str], patterns: list[Path]) -> Path:
    return folder(server) / f"neo4j-{key(server, flags, jars(patterns))}{SUFFIX}"


def clean(server: LocalServer, keep: Path) -> None:
    """Remove archives of other keys, and parts no stop promoted (a JVM killed or crashed)."""
    now = time.time()
    for path in folder(server).glob(f"*{SUFFIX}*"):
        if path == keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            # a part is written while a JVM exits and promoted by stop() right after: leave young ones
            if path.name.endswith(PART) and now - path.stat().st_mtime < STALE_PART_SECONDS:
                continue
            path.unlink()


def ticket(server: LocalServer) -> Path:
    """The file naming the part the running JVM will write at exit."""
    return server.home / "run" / "hotspot-kg.cds"


def launch_flags(server: LocalServer, target: Path) -> tuple[list[str], bool]:
    """The JVM flags for a start: use ``target`` if it exists, else make it. True when it is used."""
    if not enabled():
        return [], False
    folder(server).mkdir(parents=True, exist_ok=True)
    clean(server, target)
    if target.is_file() and target.stat().st_size > 0:
        ticket(server).unlink(missing_ok=True)
        return [QUIET, f"-XX:SharedArchiveFile={target}"], True
    part = target.with_name(f"{target.name}.{uuid.uuid4().hex[:12]}{PART}")
    ticket(server).parent.mkdir(parents=True, exist_ok=True)
    ticket(server).write_text(f"{part}\n", encoding="utf-8")
    return [QUIET, f"-XX:ArchiveClassesAtExit={part}"], False


def mapped(pid: int, target: Path) -> bool:
    """Whether process ``pid`` has ``target`` mapped: the JVM accepted the archive."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # cannot tell (not Linux): keep the archive
    return str(target) in maps


def settle(server: LocalServer, clean_exit: bool) -> Path | None:
    """After the JVM stopped: promote the archive it wrote at exit (clean stop), or drop it. The archive."""
    path = ticket(server)
    try:
        part = Path(path.read_text(encoding="utf-8").strip())
    except FileNotFoundError:
        return None
    path.unlink(missing_ok=True)
    if not (part.name.endswith(PART) and part.parent == folder(server)):
        return None
    if clean_exit and part.is_file() and part.stat().st_size > 0:
        final = part.with_name(part.name.split(".")[0] + SUFFIX)
        os.replace(part, final)
        return final
    part.unlink(missing_ok=True)
    return None
