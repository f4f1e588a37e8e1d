"""The Spark settings of hotspot-kg, from the environment, with defaults for a 2-core, 24 GB machine.

``HOTSPOT_SPARK_MASTER`` (``local[2]``; ``spark://host:7077``, ``yarn``, ``k8s://...`` for a cluster),
``HOTSPOT_SPARK_DRIVER_MEMORY`` (``4g``), ``HOTSPOT_SPARK_EXECUTOR_MEMORY`` (``2g``, per executor on a cluster),
``HOTSPOT_SPARK_LOCAL_DIR`` (where shuffles spill: ``.spark/tmp``), ``HOTSPOT_SPARK_SHUFFLE_PARTITIONS``
(``16``), ``HOTSPOT_SPARK_STORAGE`` (``disk``: where the tables a job reuses are kept, see
:data:`STORAGE`), ``HOTSPOT_SPARK_JARS`` (extra jars, comma-separated, e.g. on a cluster whose workers lack
them) and ``HOTSPOT_SPARK_CONF`` (``key=value;key=value``, any other Spark setting).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hotspot_kg.core.errors import ConfigError
from hotspot_kg.core.settings import PROJECT_ROOT

SPARK_HOME = PROJECT_ROOT / ".spark"
_MEMORY = re.compile(r"\d+[kmgt]?", re.IGNORECASE)


# Where Spark keeps the tables a job reuses (the rows read, the checked tables, the lake's tables):
# "disk" (Spark's DISK_ONLY; the operating system's page cache keeps them in memory as far as it can, outside
# the JVM heap) or "memory" (MEMORY_AND_DISK: in the heap, spilled when it is full). MEMORY_AND_DISK ran out of
# the heap when the cached rows passed it (9M patents with a 4 GB driver; 1M with 1 GB), while DISK_ONLY read
# and checked 1M patents as fast (201 s against 214 s) with a third of the JVM's memory (1.6 GB against 4.7).
STORAGE = ("disk", "memory")
STORAGE_KEY = (
    "spark.hotspot.storage"  # the session's setting, read by :func:`hotspot_kg.spark.session.storage_level`
)


@dataclass(frozen=True)
class SparkSettings:
    master: str = "local[2]"
    driver_memory: str = "4g"
    executor_memory: str = "2g"
    local_dir: Path = SPARK_HOME / "tmp"
    shuffle_partitions: int = 16
    storage: str = "disk"
    extra_jars: tuple[str, ...] = ()
    conf: dict[str, str] = field(default_factory=dict)

    @property
    def local(self) -> bool:
        return self.master.startswith("local")


def _memory(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, default).strip()
    if not _MEMORY.fullmatch(value):
        raise ConfigError(f"{name}={value!r} is not a memory size; write it as Spark does, e.g. 4g or 512m")
    return value


def spark_settings(env: Mapping[str, str] | None = None, *, master: str | None = None) -> SparkSettings:
    """The settings from ``env`` (the process environment by default); ``master`` overrides the master."""
    env = os.environ if env is None else env
    raw = env.get("HOTSPOT_SPARK_SHUFFLE_PARTITIONS", "16")
    try:
        partitions = int(raw)
        if partitions < 1:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"HOTSPOT_SPARK_SHUFFLE_PARTITIONS={raw!r} is not a positive integer; try 16 (or 2-3x the cores)"
        ) from None
    conf: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in env.get("HOTSPOT_SPARK_CONF", "").split(";"))):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"HOTSPOT_SPARK_CONF: {item!r} is not key=value; separate settings with ;")
        conf[key.strip()] = value.strip()
    storage = env.get("HOTSPOT_SPARK_STORAGE", "disk").strip().lower()
    if storage not in STORAGE:
        raise ConfigError(
            f"HOTSPOT_SPARK_STORAGE={storage!r} is not a storage; use disk (the default: reused tables on "
            "disk, cached by the operating system) or memory (in the JVM heap, spilled to disk when it is full)"
        )
    jars = tuple(j.strip() for j in env.get("HOTSPOT_SPARK_JARS", "").split(",") if j.strip())
    return SparkSettings(
        master=(master or env.get("HOTSPOT_SPARK_MASTER") or "local[2]").strip(),
        driver_memory=_memory(env, "HOTSPOT_SPARK_DRIVER_MEMORY", "4g"),
        executor_memory=_memory(env, "HOTSPOT_SPARK_EXECUTOR_MEMORY", "2g"),
        local_dir=Path(env.get("HOTSPOT_SPARK_LOCAL_DIR", str(SPARK_HOME / "tmp"))).resolve(),
        shuffle_partitions=partitions,
        storage=storage,
        extra_jars=jars,
        conf=conf,
    )
