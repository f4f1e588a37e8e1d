"""Build the local Neo4j distribution (lib/ and plugins/) from Maven Central with the project's pom files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from hotspot_kg.core.errors import ServerError
from hotspot_kg.core.settings import LocalServer
from hotspot_kg.server.pins import GDS_POM, SERVER_POM, Pins, pins

MARKER = ".built"


def is_built(dist: Path, want: Pins | None = None) -> bool:
    want = want or pins()
    marker = dist / MARKER
    return (
        marker.exists()
        and marker.read_text(encoding="utf-8").strip() == want.marker
        and (dist / "lib" / f"neo4j-{want.neo4j}.jar").exists()
        and (dist / "plugins" / f"open-gds-{want.gds}.jar").exists()
    )


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def _maven(pom: Path, dist: Path, log: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError(
            "Maven (mvn) is not installed; it builds the local Neo4j from Maven Central. "
            "Install it (Debian: apt-get install maven) or point NEO4J_URI at a running Neo4j"
        )
    command = [mvn, "-B", "-q", "-f", str(pom), f"-Dneo4j.home={dist}", "package"]
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise ServerError(
            f"building the local Neo4j failed (mvn exit {done.returncode}); see {log}:\n{_tail(log)}"
        )


def ensure_built(server: LocalServer, echo: bool = True) -> bool:
    """Build lib/ and plugins/ if they are missing or were built from other pins. True if it built."""
    want = pins()
    dist = server.dist
    if is_built(dist, want):
        return False
    if shutil.which(server.java) is None:
        raise ServerError(
            f"Java ({server.java}) is not installed; Neo4j {want.neo4j} needs Java 17 or 21 "
            "(Debian: apt-get install openjdk-17-jdk-headless, or set HOTSPOT_JAVA_HOME)"
        )
    if echo:
        print(
            f"Building Neo4j {want.neo4j} + GDS {want.gds} + Browser {want.browser} from Maven Central into {dist} ..."
        )
    for stale in ("lib", "plugins"):
        shutil.rmtree(dist / stale, ignore_errors=True)
    (dist / "logs").mkdir(parents=True, exist_ok=True)
    log = dist / "logs" / "build.log"
    log.write_text("", encoding="utf-8")
    _maven(SERVER_POM, dist, log)
    _maven(GDS_POM, dist, log)
    (dist / MARKER).write_text(want.marker + "\n", encoding="utf-8")
    return True
