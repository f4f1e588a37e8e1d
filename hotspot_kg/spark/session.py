"""Spark sessions of hotspot-kg: the pinned pyspark, the connector's jars, and settings for this machine."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hotspot_kg.core.errors import SparkError
from hotspot_kg.spark.config import STORAGE_KEY, SparkSettings, spark_settings
from hotspot_kg.spark.jars import ensure_jars

if TYPE_CHECKING:
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

PYSPARK = "3.5.9"
MISSING = (
    "pyspark is not installed; install the spark extra: pip install 'hotspot-kg[spark]' (make install has it)"
)


def require_pyspark() -> Any:
    """The pyspark module, or a SparkError that names the fix."""
    try:
        import pyspark
    except ImportError:
        raise SparkError(MISSING) from None
    if not pyspark.__version__.startswith(PYSPARK.rsplit(".", 1)[0]):
        raise SparkError(
            f"pyspark {pyspark.__version__} is installed; hotspot-kg runs on pyspark {PYSPARK} (the Spark of "
            f"the Neo4j connector it uses): pip install 'pyspark=={PYSPARK}'"
        )
    return pyspark


def conf(spark: SparkSettings, app: str) -> dict[str, str]:
    """The session's configuration."""
    jars = [str(p) for p in ensure_jars()] + list(spark.extra_jars)
    spark.local_dir.mkdir(parents=True, exist_ok=True)
    values = {
        "spark.master": spark.master,
        "spark.app.name": app,
        "spark.driver.memory": spark.driver_memory,
        "spark.executor.memory": spark.executor_memory,
        "spark.local.dir": str(spark.local_dir),
        "spark.sql.shuffle.partitions": str(spark.shuffle_partitions),
        STORAGE_KEY: spark.storage,
        "spark.jars": ",".join(jars),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.sql.ansi.enabled": "false",
        # the readers' plans are deep (a table's rows pass several joins and unions), and Spark builds the
        # whole plan string on every adaptive re-plan: uncut, the string of a PATSTAT read filled 4 GB
        "spark.sql.maxPlanStringLength": "65536",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.extraJavaOptions": "-Dlog4j2.level=ERROR",
    }
    if spark.local:
        values["spark.driver.bindAddress"] = "127.0.0.1"
        values["spark.driver.host"] = "127.0.0.1"
    return {**values, **spark.conf}


def storage_level(spark: SparkSession) -> StorageLevel:
    """The storage level for the tables a job reuses in ``spark`` (HOTSPOT_SPARK_STORAGE, see
    :data:`hotspot_kg.spark.config.STORAGE`): DISK_ONLY unless the session was started with ``memory``."""
    from pyspark import StorageLevel

    memory = spark.conf.get(STORAGE_KEY, "disk") == "memory"
    return StorageLevel.MEMORY_AND_DISK if memory else StorageLevel.DISK_ONLY


@contextmanager
def session(spark: SparkSettings | None = None, *, master: str | None = None,
            app: str = "hotspot-kg") -> Iterator[SparkSession]:  # fmt: skip
    """A Spark session for the block; stopped after it, unless one was already running (then it is used, if
    ``master`` is None or its master; a session on another master is stopped first)."""
    require_pyspark()
    from pyspark.sql import SparkSession

    spark = spark or spark_settings(master=master)
    active = SparkSession.getActiveSession()
    if active is not None and (master is None or active.sparkContext.master == spark.master):
        yield active
        return
    if active is not None:  # another master asked for: one SparkContext per process
        active.stop()
    # the workers run this interpreter, so they import the same hotspot-kg and pandas
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder
    for key, value in conf(spark, app).items():
        builder = builder.config(key, value)
    try:
        started = builder.getOrCreate()
    except Exception as e:  # the JVM did not start: Java missing, a bad setting, an unreachable master
        raise SparkError(
            f"Spark did not start on {spark.master} ({str(e).strip().splitlines()[-1][:300]}); "
            "check Java 17 is installed and the master URL (--master, HOTSPOT_SPARK_MASTER) answers"
        ) from e
    started.sparkContext.setLogLevel("ERROR")
    try:
        yield started
    finally:
        started.stop()
