"""The jars every session gets: Neo4j's Connector for Apache Spark and its dependencies, resolved by Maven
from Maven Central with ``neo4j-build/spark/pom.xml`` into ``.spark/jars`` once."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from hotspot_kg.core.errors import SparkError
from hotspot_kg.core.settings import PROJECT_ROOT
from hotspot_kg.spark.config import SPARK_HOME

POM = PROJECT_ROOT / "neo4j-build" / "spark" / "pom.xml"
CONNECTOR = "neo4j-connector-apache-spark_2.12-5.0.3_for_spark_3.jar"
JARS = SPARK_HOME / "jars"


MARKER = ".resolved"  # the sha256 of the pom the jars were resolved with


def ensure_jars(folder: Path = JARS) -> list[Path]:
    """The connector's jars, resolved first if ``folder`` lacks them or holds those of another pom."""
    want = hashlib.sha256(POM.read_bytes()).hexdigest()
    marker = folder / MARKER
    if not (folder / CONNECTOR).is_file() or not marker.is_file() or marker.read_text().strip() != want:
        shutil.rmtree(folder, ignore_errors=True)
        mvn = shutil.which("mvn")
        if mvn is None:
            raise SparkError(
                "Maven (mvn) is not installed; it fetches Neo4j's Spark connector from Maven Central. "
                "Install it (Debian: apt-get install maven)"
            )
        folder.parent.mkdir(parents=True, exist_ok=True)
        log = folder.parent / "jars.log"
        command = [mvn, "-B", "-q", "-f", str(POM), f"-Dspark.jars.dir={folder}", "package"]
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
        if done.returncode != 0 or not (folder / CONNECTOR).is_file():
            tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-10:])
            raise SparkError(
                f"resolving Neo4j's Spark connector from Maven Central failed (mvn exit {done.returncode}); "
                f"see {log}:\n{tail}"
            )
        marker.write_text(want + "\n", encoding="utf-8")
    return sorted(folder.glob("*.jar"))
