"""A lake opened in Spark: its manifest checked (against the database's data stamp when a driver is
given) and its tables read as DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from neo4j import Driver

from graph.ingest import lake
from graph.stamp import data_stamp

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


@dataclass
class Lake:
    """The tables of the lake at ``root``, read on first use and kept for the session."""

    spark: SparkSession
    root: Path
    manifest: lake.Manifest
    _tables: dict[str, DataFrame] = field(default_factory=dict)

    def table(self, name: str) -> DataFrame:
        if name not in self._tables:
            path = lake.table_path(self.root, name)
            self._tables[name] = self.spark.read.schema(_ddl(name)).parquet(str(path))
        return self._tables[name]


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
