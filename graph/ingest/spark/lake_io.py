"""The lake (:mod:`graph.ingest.lake`) written and read by Spark: one Parquet dataset per table, in parts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from graph.ingest import lake

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def spark_type(kind: pa.DataType) -> str:
    """The Spark SQL type of a lake column's Arrow type."""
    names = {pa.string(): "string", pa.int64(): "bigint", pa.float64(): "double", pa.bool_(): "boolean",
             pa.date32(): "date"}  # fmt: skip
    return names[kind]


def conform(frame: DataFrame, table: str) -> DataFrame:
    """``frame`` with exactly the columns of ``table`` in the lake, in order and typed (a missing one null)."""
    from pyspark.sql import functions as F

    columns = []
    for field in lake.SCHEMA[table]:
        kind = spark_type(field.type)
        value = F.col(field.name) if field.name in frame.columns else F.lit(None)
        columns.append(value.cast(kind).alias(field.name))
    return frame.select(*columns)


def write(tables: dict[str, DataFrame], root: Path, *, source: dict[str, Any]) -> lake.Manifest:
    """Write every table of the lake from ``tables`` (all of :data:`lake.SCHEMA`) to a new lake at ``root``."""
    missing = [t for t in lake.SCHEMA if t not in tables]
    if missing:
        raise ValueError(f"no frame for the lake tables {', '.join(missing)}")
    partial = lake.begin(root)
    rows: dict[str, int] = {}
    for table in lake.SCHEMA:
        frame = tables[table]
        target = partial / table
        conform(frame, table).write.mode("overwrite").parquet(str(target))
        rows[table] = frame.sparkSession.read.parquet(str(target)).count()  # from the footers
    return lake.finish(partial, root, lake.Manifest("spark", source, rows, lake.now()))


def read(spark: SparkSession, root: Path) -> dict[str, DataFrame]:
    """The tables of the lake at ``root`` (checked by its manifest), typed as the lake says."""
    lake.read_manifest(root)
    out = {}
    for table in lake.SCHEMA:
        out[table] = conform(spark.read.parquet(str(lake.table_path(root, table))), table)
    return out
