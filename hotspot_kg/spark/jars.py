"""The jars every session gets: Neo4j's Connector for Apache Spark and its dependencies, resolved by Maven
from Maven Central with ``neo4j-build/spark/pom.xml`` into ``.spark/jars`` once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from hotspot_kg.core.errors import SparkError
from hotspot_kg.core.settings import PROJECT_ROOT
from hotspot_kg.spark.config import SPARK_HOME

POM = PROJECT_ROOT / "neo4j-build" / "spark" / "pom.xml"
CONNECTOR = "neo4j-connector-apache-spark_2.12-5.0.3_for_spark_3.jar"
JARS = SPARK_HOME / "jars"


def ensure_jars(folder: Path = JARS) -> list[Path]:
    """The connector's jars, resolved first if ``folder`` lacks the connector."""
    if not (folder / CONNECTOR).is_file():
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
    return sorted(folder.glob("*.jar"))
