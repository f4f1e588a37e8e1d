"""A lake opened in Spark: its manifest checked (against the database's data stamp when a driver is
given) and its tables read as DataFrames."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from neo4j import Driver

from graph.ingest import lake
from graph.stamp import data_stamp

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

T = TypeVar("T")


@dataclass
class Lake:
    """The tables of the lake at ``root``, read on first use and kept for the session; and what the steps
    derive from them under the same switches (:meth:`memo`), made once for all the steps of one run."""

    spark: SparkSession
    root: Path
    manifest: lake.Manifest
    _tables: dict[str, DataFrame] = field(default_factory=dict)
    _memo: dict[Hashable, tuple[Any, Any]] = field(default_factory=dict)

    def table(self, name: str) -> DataFrame:
        if name not in self._tables:
            path = lake.table_path(self.root, name)
            self._tables[name] = self.spark.read.schema(_ddl(name)).parquet(str(path))
        return self._tables[name]

    def memo(self, key: Hashable, build: Callable[[], T], keep: object = None) -> T:
        """``build()`` once per ``key`` while the lake is open; the DataFrames it gives (alone or in a
        tuple) are persisted until :meth:`release`. ``keep``: an object that ``key`` names by ``id()``,
        held here so that no other object can take its id."""
        if key not in self._memo:
            from hotspot_kg.spark.session import storage_level

            value = build()
            for frame in _frames(value):
                frame.persist(storage_level(self.spark))
            self._memo[key] = (keep, value)
        return self._memo[key][1]

    def release(self) -> None:
        """Unpersist what :meth:`memo` kept, and forget it."""
        for _, value in self._memo.values():
            for frame in _frames(value):
                frame.unpersist()
        self._memo.clear()


def _frames(value: object) -> list[DataFrame]:
    """The DataFrames of a memoised value: the value itself, or those in its tuple."""
    from pyspark.sql import DataFrame

    return [part for part in (value if isinstance(value, tuple) else (value,)) if isinstance(part, DataFrame)]


def _ddl(name: str) -> str:
    """The Spark schema of a lake table, from :data:`graph.ingest.lake.SCHEMA` (so an empty table reads too)."""
    kinds = {
        "string": "STRING",
        "int64": "BIGINT",
        "double": "DOUBLE",
        "bool": "BOOLEAN",
        "date32[day]": "DATE",
    }
    return ", ".join(f"`{f.name}` {kinds[str(f.type)]}" for f in lake.SCHEMA[name])


def open_lake(
    spark: SparkSession, root: Path, driver: Driver | None = None, database: str | None = None
) -> Lake:
    """The lake at ``root``; with ``driver``, only if it matches the database (else a LakeError that says
    how to rebuild it). Without one, only its manifest is checked (tests, and lakes read offline)."""
    if driver is not None:
        manifest = lake.require_matching(root, data_stamp(driver, database))
    else:
        manifest = lake.read_manifest(root)
    return Lake(spark, root, manifest)
