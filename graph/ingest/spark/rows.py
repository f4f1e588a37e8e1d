"""What the Spark readers of source formats (PatentsView, PATSTAT) share: the canonical rows and rejects
they make, with the provenance the validator orders by (file, line and ``_rank``, the place of the source
file in the in-process reading order); the first or last row of a thing in that order; Spark SQL for
ASCII values with the in-process function for the rare others; and the frame of one read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from graph.ingest.readers.common import Emitter
from graph.ingest.records import ROW_ERROR, TABLES
from graph.ingest.spark.delimited import RANK, union
from graph.ingest.validate import FILE, LINE
from hotspot_kg.spark.session import storage_level

ASCII = r"^[\x00-\x7F]*$"
PROVENANCE = (FILE, LINE, RANK)


def is_ascii(c: Column) -> Column:
    """True where ``c`` is null or ASCII."""
    return c.isNull() | c.rlike(ASCII)


def day(raw: Column) -> Column:
    """:func:`graph.ingest.readers.common.iso_date` of an ASCII ``raw`` that the table reader has stripped."""
    digits = F.regexp_replace(raw, "-", "")
    good = digits.rlike("^[0-9]{8}$") & ~digits.endswith("0000") & (F.substring(digits, 5, 2) != "00")
    good = good & (F.substring(digits, 7, 2) != "00")
    return F.when(
        raw.isNotNull() & good,
        F.concat_ws("-", F.substring(digits, 1, 4), F.substring(digits, 5, 2), F.substring(digits, 7, 2)),
    )


def exactly(
    frame: DataFrame, columns: dict[str, tuple[str, Column, Callable[[str | None], str | None]]]
) -> DataFrame:
    """``frame`` with a column ``out`` per ``{out: (column, sql, python)}``: ``sql`` where ``column`` is ASCII,
    else the in-process function's value for it (Python's ``\\d``, ``\\s``, ``isdigit`` and ``upper`` match
    more than Java's). Values with other characters are rare in ids, dates and codes: they are collected
    (distinct, one job for all the columns), mapped on the driver and joined back from a broadcast table;
    with none, the plan is Spark SQL alone."""
    sources = sorted({c for c, _, _ in columns.values()})
    odd = F.explode(
        F.array(*[F.struct(F.lit(k).alias("k"), F.col(c).alias("v")) for k, c in enumerate(sources)])
    )
    found = frame.select(odd.alias("_o")).where(~is_ascii(F.col("_o.v"))).distinct().collect()
    values: dict[str, list[str]] = {c: [] for c in sources}
    for row in found:
        values[sources[row[0]["k"]]].append(row[0]["v"])
    spark = frame.sparkSession
    for out, (column, sql, python) in columns.items():
        if not values[column]:
            frame = frame.withColumn(out, sql)
            continue
        mapped = spark.createDataFrame(
            [(x, python(x)) for x in values[column]], "_odd string, _odd_out string"
        )
        joined = frame.join(F.broadcast(mapped), F.col(column) == F.col("_odd"), "left")
        frame = joined.withColumn(out, F.when(F.col("_odd").isNull(), sql).otherwise(F.col("_odd_out")))
        frame = frame.drop("_odd", "_odd_out")
    return frame


def rows(table: str, frame: DataFrame, values: dict[str, Column]) -> DataFrame:
    """Canonical rows of ``table``: its columns from ``values`` (null where not given), no error."""
    return frame.select(
        *[values.get(c, F.lit(None)).cast("string").alias(c) for c in TABLES[table].columns],
        F.lit(None).cast("string").alias(ROW_ERROR), *PROVENANCE,
    )  # fmt: skip


def rejects(table: str, frame: DataFrame, reason: Column) -> DataFrame:
    """Rows of ``table`` that the validator rejects with ``reason`` (the record contract's ROW_ERROR)."""
    return frame.select(
        *[F.lit(None).cast("string").alias(c) for c in TABLES[table].columns],
        reason.cast("string").alias(ROW_ERROR),
        *PROVENANCE,
    )


_KEPT: WeakKeyDictionary[DataFrame, Any] = WeakKeyDictionary()  # a kept frame -> its persisted JVM rows


def kept(frame: DataFrame) -> DataFrame:
    """``frame`` computed now and kept at the session's storage level (:func:`storage_level`: on disk by
    default, so a large read does not fill the JVM heap), as a new frame whose plan is a scan of what was
    kept. ``DataFrame.localCheckpoint`` cuts the plan too, but keeps its rows in the heap (MEMORY_AND_DISK, not
    to be changed before Spark 4), which a large read fills. Released by :func:`release`."""
    spark = frame.sparkSession
    level = spark.sparkContext._getJavaStorageLevel(storage_level(spark))
    rows = frame._jdf.rdd().persist(level)  # py4j: the JVM's RDD[Row]
    rows.count()
    out = DataFrame(spark._jsparkSession.createDataFrame(rows, frame._jdf.schema()), spark)
    _KEPT[out] = rows
    return out


def release(frame: DataFrame) -> None:
    """Unpersist ``frame``, and the rows of a frame made by :func:`kept`."""
    frame.unpersist()
    rows = _KEPT.pop(frame, None)
    if rows is not None:
        rows.unpersist(False)


def first(frame: DataFrame, key: str | Column, last: bool = False) -> DataFrame:
    """The first (or last) row of ``frame`` per ``key`` in reading order."""
    order = [F.col(RANK).desc(), F.col(LINE).desc()] if last else [F.col(RANK), F.col(LINE)]
    window = Window.partitionBy(key).orderBy(*order)
    return frame.withColumn("_n", F.row_number().over(window)).where(F.col("_n") == 1).drop("_n")


class Reading:
    """One read of a source folder: its tables as frames with ``_rank`` (in the order of ``columns``, each in
    its parts' order), the canonical rows made so far per table, the frames kept, the notices."""

    def __init__(
        self,
        spark: SparkSession,
        state: Any,
        read: dict[str, list[DataFrame]],
        columns: dict[str, tuple[str, ...]],
        persisted: list[DataFrame],
    ) -> None:
        self.spark = spark
        self.state = state  # the in-process reader's state (its ``emit``: the notices)
        self.emit: Emitter = state.emit
        self.persisted = persisted
        self.out: dict[str, list[DataFrame]] = {t: [] for t in TABLES}
        self.source: dict[str, DataFrame] = {}
        rank = 0
        for name, names in columns.items():
            parts = []
            for frame in read.get(name, []):
                parts.append(frame.withColumn(RANK, F.lit(rank).cast("long")))
                rank += 1
            self.source[name] = union(parts) if parts else self._empty(names)

    def _empty(self, columns: tuple[str, ...]) -> DataFrame:
        fields = [T.StructField(c, T.StringType()) for c in [*columns, ROW_ERROR, FILE]]
        schema = T.StructType([*fields, T.StructField(LINE, T.LongType()), T.StructField(RANK, T.LongType())])
        return self.spark.createDataFrame([], schema)

    def keep(self, frame: DataFrame) -> DataFrame:
        """``frame`` computed now and kept (:func:`kept`), its plan cut to a scan of what was kept: it is read
        by several later steps, and a reader's steps build on each other, so uncut plans grow with every step
        (Spark plans and prints the whole tree on each adaptive re-plan: minutes for a few dozen PATSTAT
        rows). Released with the read (:func:`release`)."""
        out = kept(frame)
        self.persisted.append(out)
        return out

    def notice(self, file: str, line: int, table: str, message: str) -> None:
        self.emit.notice(file, line, table, message)

    def tables(self) -> dict[str, DataFrame]:
        """The canonical frames made."""
        return {t: union(frames) for t, frames in self.out.items() if frames}

    def frame_of(self, table: str, values: list[tuple[Any, ...]]) -> DataFrame:
        """A frame of canonical ``table`` rows given as tuples (its columns, error, file, line, rank)."""
        schema = T.StructType([T.StructField(c, T.StringType()) for c in [*TABLES[table].columns, ROW_ERROR, FILE]]
                              + [T.StructField(LINE, T.LongType()), T.StructField(RANK, T.LongType())])  # fmt: skip
        return self.spark.createDataFrame(values, schema)
