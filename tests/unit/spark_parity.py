"""What the parity tests of the Spark readers and validator share: a Spark session for tiny inputs, and the
comparison of a Spark validation with the in-process one: the same rejects file (in order), the same
counts, the same records in all 16 tables of a lake and, for the source readers, the same notices."""

from __future__ import annotations

import csv
import importlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.ingest import lake
from graph.ingest import validate as local
from graph.ingest.readers import READERS
from graph.ingest.readers.common import Notice
from graph.ingest.staging import Staging


@contextmanager
def tiny_session(app: str) -> Iterator[Any]:
    """A Spark session for tiny inputs: few shuffle partitions, and no code generation (compiling costs more
    than it saves there)."""
    from hotspot_kg.spark import session, spark_settings

    env = {
        "HOTSPOT_SPARK_SHUFFLE_PARTITIONS": "2",
        "HOTSPOT_SPARK_CONF": "spark.sql.codegen.wholeStage=false;spark.sql.codegen.factoryMode=NO_CODEGEN",
    }
    with session(spark_settings(env), app=app) as s:
        yield s


def value(v: Any) -> Any:
    """A value as Python compares it: numpy scalars unwrapped, NaN as None."""
    if v is None:
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def rejects(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def assert_same_outcome(got: Any, want: local.Outcome, staging: Staging, tmp_path: Path) -> None:
    """The Spark outcome ``got`` (rejects at ``tmp_path/spark.csv``) equals the in-process ``want`` (rejects
    at ``tmp_path/local.csv``, records in ``staging``)."""
    assert rejects(tmp_path / "spark.csv") == rejects(tmp_path / "local.csv")
    assert (got.rows, got.rejected, got.duplicates, got.merged, got.by_table) == (
        want.rows, want.rejected, want.duplicates, want.merged, want.by_table,
    )  # fmt: skip
    for table, schema in lake.SCHEMA.items():
        frame = got.tables[table]
        assert frame.columns == schema.names, table
        mine = Counter(tuple(value(v) for v in row) for row in frame.collect())
        theirs = Counter(tuple(value(r.get(c)) for c in schema.names) for r in staging.records(table))
        assert mine == theirs, table


def assert_same_source(
    spark: Any,
    fmt: str,
    folder: Path,
    tmp_path: Path,
    min_partitions: int | None = None,
    in_order: bool = True,
) -> Any:
    """The Spark reader of ``fmt`` (``graph.ingest.spark.<fmt>``) and validator on ``folder`` agree with the
    in-process ones, notices included (in order, or as a multiset); the Spark outcome."""
    from graph.ingest.spark.validate import validate

    reader = importlib.import_module(f"graph.ingest.spark.{fmt}")
    staging = Staging(tmp_path / "staging")
    want_notices: list[Notice] = []
    got_notices: list[Notice] = []
    persisted: list[Any] = []
    try:
        want = local.validate(READERS[fmt](folder, want_notices), tmp_path / "local.csv", staging)
        frames = reader.frames(spark, folder, tmp_path / "scratch", got_notices, persisted, min_partitions)
        got = validate(spark, frames, tmp_path / "spark.csv")
        got.persisted.extend(persisted)
        assert_same_outcome(got, want, staging, tmp_path)
        key = lambda n: (n.file, n.line, n.table, n.message)  # noqa: E731
        mine, theirs = list(map(key, got_notices)), list(map(key, want_notices))
        assert mine == theirs if in_order else sorted(mine) == sorted(theirs)
        return got
    finally:
        staging.remove()
