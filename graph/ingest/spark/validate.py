"""Validation on Spark: canonical tables as DataFrames in, the 16 tables of a lake and the rejects CSV out,
with the same rules, reasons, rejects and records as the in-process :mod:`graph.ingest.validate`.

Tables are checked in ``LOAD_ORDER``; a row gets the reason of the FIRST check it fails, in the in-process
order: the reader's error, the required columns, then the table's checks (:mod:`.parsers` for values, left
joins against the kept keys of earlier tables for references), then the dedupe (a window per key ordered
by line: the first row wins, a later row with the same content is dropped and counted, one with other
content is rejected as ``duplicate of line N (key=value, ...) with different content``). Rows are ordered
by ``_rank`` (the source file's place in a reader's order, 0 for a canonical table), ``_line``, then
``_file``: the order in which the in-process reader gives them.
Citations of one pair are merged into one record with their ``origins`` before the dedupe, as in-process.

Each checked table is persisted once (its kept keys are joined by the later tables) and counted in one
job; :meth:`SparkOutcome.unpersist` releases them. The derived tables of small sets (countries, the IPC
hierarchy) are built on the driver by :mod:`graph.ingest.derive`; the patent stubs stay a Spark job.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyspark.sql import Column, DataFrame, Row, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from graph.ingest import derive, lake
from graph.ingest.records import LOAD_ORDER, ROW_ERROR, TABLES
from graph.ingest.spark import canonical
from graph.ingest.spark import parsers as P
from graph.ingest.spark.delimited import RANK
from graph.ingest.stakeholders import TYPES as APPLICANT_TYPES
from graph.ingest.validate import FILE, LINE, ORIGINS, REJECT_COLUMNS, Tally
from hotspot_kg.core import files
from hotspot_kg.spark.session import storage_level

R, OK, KEPT, DUP, EXTRA, OUT = "_reason", "_ok", "_kept", "_dup", "_extra", "_o_"

TYPES = {"string": T.StringType(), "int64": T.LongType(), "double": T.DoubleType(), "bool": T.BooleanType(),
         "date32[day]": T.DateType()}  # fmt: skip


def spark_schema(table: str) -> T.StructType:
    """The Spark schema of a lake table (:data:`graph.ingest.lake.SCHEMA`)."""
    return T.StructType([T.StructField(f.name, TYPES[str(f.type)]) for f in lake.SCHEMA[table]])


@dataclass
class SparkOutcome(Tally):
    """What validation kept (``tables``: the 16 tables of a lake, as DataFrames) and rejected; the
    canonical reader notes nothing about rows it reads (as in process); a PatentsView read does."""

    tables: dict[str, DataFrame]
    persisted: list[DataFrame] = field(default_factory=list, repr=False)

    def unpersist(self) -> None:
        """Release the checked tables (and the input frames read by :func:`validate_path`)."""
        from graph.ingest.spark.rows import release

        for frame in self.persisted:
            release(frame)


class Check:
    """One table's rows while they are checked: ``x`` holds them with ``_reason`` (null: fine so far)."""

    def __init__(self, table: str, frame: DataFrame) -> None:
        self.table = table
        self.x = frame.withColumn(R, F.col(ROW_ERROR))
        self.pending: list[Column] = []  # the checks not yet applied to ``_reason``, in order
        for column in TABLES[table].required:
            self.fail(F.col(column).isNull(), F.lit(f"{column} is missing"))

    def fail(self, mask: Column, reason: Column) -> None:
        """Give ``reason`` to the rows in ``mask`` that have none yet (applied by :meth:`mark_ok`)."""
        self.pending.append(F.when(mask, reason))

    @property
    def ok(self) -> Column:
        return F.col(R).isNull()

    def mark_ok(self) -> Column:
        """Apply the checks so far to ``_reason`` (the first failed wins) and freeze the state in ``_ok``."""
        if self.pending:
            self.x = self.x.withColumn(R, F.coalesce(F.col(R), *self.pending))
            self.pending = []
        self.x = self.x.withColumn(OK, self.ok)
        return F.col(OK)

    def parse(self, column: str, parsed: P.Parsed) -> Column:
        """The parsed value of ``column`` (null where invalid); failures become reasons."""
        value, valid, reason = parsed
        given = F.col(column).isNotNull()
        good = given & F.coalesce(valid, F.lit(False))
        self.fail(given & ~good, reason)
        return F.when(good, value)

    def defined(self, column: str, table: str, keys: DataFrame, small: bool = False) -> None:
        """References in ``column`` must be keys kept from ``table`` (a left join on the kept keys,
        broadcast when ``small``)."""
        k, found = f"_k_{column}", f"_in_{column}"
        kept = keys.select(F.col("_key").alias(k), F.lit(True).alias(found))
        self.x = self.x.join(F.broadcast(kept) if small else kept, F.col(column) == F.col(k), "left")
        reason = P.says(column, F.col(column), f"is not defined in {table} (or its row was rejected)")
        self.fail(F.col(column).isNotNull() & F.col(found).isNull(), reason)

    def lookup(
        self, columns: dict[str, Column], where: Column, udf: Any, out: str, small: bool = False
    ) -> Column:
        """``udf`` over the distinct values of ``columns`` among the rows ``where``, joined back as ``out``
        (broadcast when ``small``)."""
        names = [f"{out}_{k}" for k in range(len(columns))]
        distinct = self.x.where(where).select(
            *[c.alias(n) for n, c in zip(names, columns.values(), strict=True)]
        )
        done = distinct.distinct().select(*names, udf(*names).alias(out))
        on = [c.eqNullSafe(F.col(n)) for n, c in zip(names, columns.values(), strict=True)]
        self.x = self.x.join(F.broadcast(done) if small else done, _all([*on, where]), "left")
        return F.col(out)


def _all(conditions: list[Column]) -> Column:
    out = conditions[0]
    for c in conditions[1:]:
        out = out & c
    return out


UNKNOWN = 1 << ORIGINS.index("unknown")
FEW_REJECTS = 200_000  # rejects sorted on the driver; more are sorted by Spark


class Validator:
    """Checks the tables in ``LOAD_ORDER``; keeps each table's kept keys for the later ones."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        self.udfs = P.udfs()
        self.keys: dict[str, DataFrame] = {}
        self.staged: dict[str, DataFrame] = {}

    def cities(self, c: Check) -> dict[str, Column]:
        country = c.parse("country", P.country(F.col("country")))
        lat = c.parse("lat", P.number("lat", -90, 90, F.col("lat")))
        lon = c.parse("lon", P.number("lon", -180, 180, F.col("lon")))
        c.fail(lat.isNull() != lon.isNull(), F.lit("lat and lon must be given together"))
        ok = c.mark_ok()
        columns = {"name": F.col("name"), "country": country, "province": F.col("province")}
        placed = c.lookup(columns, ok & lat.isNull(), self.udfs["place"], "_place", small=True)
        source = F.when(lat.isNotNull(), "input").when(placed["lat"].isNotNull(), "gazetteer")
        return {"id": F.col("city_id"), "name": F.col("name"), "country": country,
                "province": F.col("province"), "lat": F.coalesce(lat, placed["lat"]),
                "lon": F.coalesce(lon, placed["lon"]), "location_source": source}  # fmt: skip

    def applicants(self, c: Check) -> dict[str, Column]:
        c.defined("city_id", "cities", self.keys["cities"], small=True)
        normal = F.translate(F.lower(F.col("type")), " -", "__")
        given = c.parse("type", P.vocabulary("type", F.col("type"), normal, APPLICANT_TYPES))
        ok = c.mark_ok()
        decided = c.lookup({"name": F.col("name")}, ok & given.isNull(), self.udfs["kind"], "_kind")
        kind = F.coalesce(given, decided["type"])
        rule = F.when(given.isNotNull(), F.coalesce(F.col("type_rule"), F.lit("given"))).otherwise(
            decided["rule"]
        )
        return {"id": F.col("applicant_id"), "name": F.col("name"), "type": kind, "type_rule": rule,
                "city_id": F.col("city_id"), "label": F.when(kind.isNotNull(), _labels()[kind])}  # fmt: skip

    def inventors(self, c: Check) -> dict[str, Column]:
        c.defined("city_id", "cities", self.keys["cities"], small=True)
        return {"id": F.col("inventor_id"), "name": F.col("name"), "city_id": F.col("city_id")}

    def ownership(self, c: Check) -> dict[str, Column]:
        c.defined("applicant_id", "applicants", self.keys["applicants"])
        raw = F.col("ownership")
        code = c.parse("ownership", P.vocabulary("ownership", raw, F.upper(raw), derive.OWNERSHIP_TYPES))
        source = F.regexp_extract(F.col(FILE), r"([^/]*)$", 1)
        return {"applicant_id": F.col("applicant_id"), "code": code, "source": source}

    def patents(self, c: Check) -> dict[str, Column]:
        filing = c.parse("filing_date", P.date(F.col("filing_date")))
        year = c.parse("year", P.year("year", F.col("year")))
        c.fail(filing.isNull() & year.isNull(), F.lit("filing_date and year are both missing"))
        filing_year = F.year(filing).cast("long")
        mismatch = F.concat(F.lit("year "), year.cast("string"), F.lit(" does not match filing_date "),
                            filing.cast("string"))  # fmt: skip
        c.fail(filing_year != year, mismatch)
        priority = c.parse("priority_year", P.year("priority_year", F.col("priority_year")))
        return {"id": F.col("patent_id"), "filing_date": filing, "year": F.coalesce(year, filing_year),
                "priority_year": priority, "office": F.col("office"), "kind": F.col("kind"),
                "family_id": F.col("family_id"), "title": F.col("title")}  # fmt: skip

    def _link(self, c: Check, other: str, column: str) -> dict[str, Column]:
        c.defined("patent_id", "patents", self.keys["patents"])
        c.defined(column, other, self.keys[other])
        seq = c.parse("seq", P.integer("seq", F.col("seq")))
        return {"patent_id": F.col("patent_id"), column: F.col(column), "seq": seq}

    def patent_applicants(self, c: Check) -> dict[str, Column]:
        return self._link(c, "applicants", "applicant_id")

    def patent_inventors(self, c: Check) -> dict[str, Column]:
        return self._link(c, "inventors", "inventor_id")

    def patent_ipc(self, c: Check) -> dict[str, Column]:
        c.defined("patent_id", "patents", self.keys["patents"])
        raw = F.col("ipc_code")
        parsed = c.lookup({"ipc_code": raw}, raw.isNotNull(), self.udfs["ipc"], "_ipc", small=True)
        c.fail(parsed["reason"].isNotNull(), parsed["reason"])
        seq = c.parse("seq", P.integer("seq", F.col("seq")))
        ok = c.mark_ok()
        # without a seq, the first row of a patent (among those that got this far) is its main code
        first = ok & (F.row_number().over(Window.partitionBy("patent_id", OK).orderBy(RANK, LINE, FILE)) == 1)
        main = F.when(seq.isNotNull(), seq == 1).otherwise(first)
        return {"patent_id": F.col("patent_id"), "code": parsed["code"], "seq": seq, "main": main}

    def citations(self, c: Check) -> dict[str, Column]:
        c.defined("citing_id", "patents", self.keys["patents"])
        raw = F.col("origin")
        parsed = c.parse("origin", P.vocabulary("origin", raw, F.lower(raw), ORIGINS))
        c.fail(F.col("citing_id") == F.col("cited_id"), F.lit("a patent cannot cite itself"))
        c.x = c.x.withColumn("_origin", F.when(raw.isNotNull(), parsed).otherwise(F.lit("unknown")))
        ok = c.mark_ok()
        # every origin of a pair among its good rows, in the order of ORIGINS; unknown only when no other is
        # known. A window over the pair (and _ok), not an aggregate joined back: the rows are then shuffled
        # once, by the join with the patents, for this window and the dedupe's alike
        pair = Window.partitionBy("citing_id", "cited_id", OK)
        bits = [
            F.max(F.when(F.col("_origin") == o, 1 << k).otherwise(0)).over(pair)
            for k, o in enumerate(ORIGINS)
        ]
        given = bits[0]
        for bit in bits[1:]:
            given = given.bitwiseOR(bit)
        known = given.bitwiseAND(~UNKNOWN)
        mask = F.when(known > 0, known).otherwise(given)
        names = F.create_map(*[F.lit(x) for m in range(1, 1 << len(ORIGINS)) for x in (m, _origins(m))])
        several = sum((F.when(b > 0, 1).otherwise(0) for b in bits[1:]), F.when(bits[0] > 0, 1).otherwise(0))
        c.x = c.x.select("*", F.when(ok, names[mask]).alias("_origins"), F.when(ok, several - 1).alias(EXTRA))
        return {"citing_id": F.col("citing_id"), "cited_id": F.col("cited_id"), "origins": F.col("_origins")}

    def check(self, table: str, frame: DataFrame) -> DataFrame:
        """The checked rows of ``table``, persisted: ``_o_<column>``, ``_reason``, ``_kept``, ``_dup``..."""
        c = Check(table, frame)
        outputs = getattr(self, table)(c)
        ok = c.mark_ok()
        extra = [F.col(EXTRA)] if table == "citations" else [F.lit(0).alias(EXTRA)]
        x = c.x.select(FILE, LINE, RANK, R, ok, *extra, *[v.alias(OUT + n) for n, v in outputs.items()])
        staged = _dedupe(table, x, list(outputs)).persist(storage_level(self.spark))
        key = next(iter(outputs))
        if len(TABLES[table].key) == 1:
            self.keys[table] = staged.where(F.col(KEPT)).select(F.col(OUT + key).alias("_key"))
        self.staged[table] = staged
        return staged

    def kept(self, table: str) -> DataFrame:
        """The kept records of a checked table, with the lake's columns and types."""
        staged = self.staged[table]
        return staged.where(F.col(KEPT)).select(
            *[F.col(OUT + f.name).cast(f.dataType).alias(f.name) for f in spark_schema(table).fields]
        )


def _labels() -> Column:
    return F.create_map(*[F.lit(x) for pair in derive.TYPE_LABELS.items() for x in pair])


def _origins(mask: int) -> str:
    return ";".join(o for k, o in enumerate(ORIGINS) if mask & (1 << k))


def _dedupe(table: str, x: DataFrame, outputs: list[str]) -> DataFrame:
    """The first row (by line) of each key among the good rows is kept; later rows are dropped (same
    content) or rejected (other content, ``main`` aside)."""
    key = TABLES[table].key
    names = [OUT + n for n in outputs[: len(key)]]
    window = Window.partitionBy(*names, OK).orderBy(RANK, LINE, FILE)
    same = _all([F.col(OUT + n).eqNullSafe(F.first(OUT + n).over(window))
                 for n in outputs[len(key):] if n != "main"] or [F.lit(True)])  # fmt: skip
    label = F.concat_ws(", ", *[F.concat(F.lit(f"{k}="), F.col(n)) for k, n in zip(key, names, strict=True)])
    reason = F.concat(F.lit("duplicate of line "), F.first(LINE).over(window).cast("string"), F.lit(" ("),
                      label, F.lit(") with different content"))  # fmt: skip
    later = F.col(OK) & (F.row_number().over(window) > 1)
    x = x.select("*", later.alias("_later"), same.alias("_same"), reason.alias("_dup_reason"))
    return x.select(
        FILE, LINE, RANK,
        F.coalesce(F.col(R), F.when(F.col("_later") & ~F.col("_same"), F.col("_dup_reason"))).alias(R),
        (F.col(OK) & ~F.col("_later")).alias(KEPT), (F.col("_later") & F.col("_same")).alias(DUP), EXTRA,
        *[OUT + n for n in outputs],
    )  # fmt: skip


def _conform(spark: SparkSession, table: str, frame: DataFrame | None) -> DataFrame:
    """``frame`` with every canonical column (null where absent), ``_error``, ``_file``, ``_line`` and
    ``_rank`` (0 where absent)."""
    schema = canonical.schema(table)
    if frame is None:
        frame = spark.createDataFrame([], schema)
    rank = (F.col(RANK) if RANK in frame.columns else F.lit(0)).cast("long").alias(RANK)
    return frame.select(*[(F.col(f.name) if f.name in frame.columns else F.lit(None)).cast(f.dataType)
                          .alias(f.name) for f in schema.fields], rank)  # fmt: skip


def derived(spark: SparkSession, v: Validator) -> dict[str, DataFrame]:
    """The derived tables: small sets built on the driver by :mod:`graph.ingest.derive`, stubs by Spark."""
    countries = sorted(r[0] for r in v.kept("cities").select("country").distinct().collect())
    codes = [r[0] for r in v.kept("patent_ipc").select("code").distinct().collect()]
    nodes, parents = derive.ipc_hierarchy(codes)
    records = {
        "tech_fields": derive.tech_fields(),
        "ownership_types": [{"code": c, "name": n} for c, n in derive.OWNERSHIP_TYPES.items()],
        "countries": [derive.country(c) for c in countries],
        "ipc": nodes,
        "ipc_parents": parents,
        "ipc_fields": [{"code": n["code"], "field": n["field"]} for n in nodes if n["field"] is not None],
    }
    tables = {}
    for name, rows in records.items():
        schema = spark_schema(name)
        tables[name] = spark.createDataFrame([tuple(r[f] for f in schema.names) for r in rows], schema)
    cited = v.kept("citations").select(F.col("cited_id").alias("id")).distinct()
    stubs = cited.join(v.kept("patents").select("id"), "id", "left_anti")
    tables["patent_stubs"] = stubs.orderBy("id")
    return tables


def validate(spark: SparkSession, frames: dict[str, DataFrame], rejects_file: Path) -> SparkOutcome:
    """Check every table of ``frames`` (see :func:`graph.ingest.spark.canonical.frames`; a missing table has
    no rows), and write the rejects CSV (replaced only when all went well)."""
    v = Validator(spark)
    outcome = SparkOutcome(rejects_file, {})
    counts = []
    for k, table in enumerate(LOAD_ORDER):
        staged = v.check(table, _conform(spark, table, frames.get(table)))
        outcome.persisted.append(staged)
        kept, same = F.count(F.when(F.col(KEPT), 1)), F.count(F.when(F.col(DUP), 1))
        merged = F.sum(F.when(F.col(KEPT), F.col(EXTRA)))
        counts.append(staged.agg(F.lit(k).alias("_t"), F.count("*"), F.count(R), kept, same, merged))
    duplicates = 0
    for k, rows, rejected, kept, same, merged in sorted(_union(counts).collect()):  # one job for all tables
        outcome.rows += rows
        outcome.rejected += rejected
        outcome.by_table[LOAD_ORDER[k]] = kept
        duplicates += same
        outcome.merged += merged or 0
    outcome.duplicates = duplicates - outcome.merged
    outcome.tables = {t: v.kept(t) for t in LOAD_ORDER} | derived(spark, v)
    outcome.tables = {t: outcome.tables[t] for t in lake.SCHEMA}
    rejects = [v.staged[t].where(F.col(R).isNotNull()).select(F.lit(k).alias("_t"), RANK, FILE, LINE, F.lit(t), R)
               for k, t in enumerate(LOAD_ORDER)]  # fmt: skip
    ordered = ["_t", RANK, LINE, FILE]
    if outcome.rejected <= FEW_REJECTS:  # sorted on the driver: no sampling and sorting jobs for a few
        few = sorted(
            _union(rejects).collect(), key=lambda r: [(0, "") if r[c] is None else (1, r[c]) for c in ordered]
        )
        write_rejects(rejects_file, few)
    else:
        write_rejects(rejects_file, _union(rejects).orderBy(*ordered).toLocalIterator())
    return outcome


def _union(frames: list[DataFrame]) -> DataFrame:
    """The frames one after another, by column position (the tables' rejects name their table column by
    its literal, so the names differ: not :func:`graph.ingest.spark.delimited.union`)."""
    out = frames[0]
    for more in frames[1:]:
        out = out.unionAll(more)
    return out


def write_rejects(rejects_file: Path, rejects: Iterable[Row]) -> None:
    """The rejects (``_t``, ``_rank``, file, line, table, reason; in order) as CSV, row by row from Spark, atomically."""
    with files.replaced(rejects_file) as partial, open(partial, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(REJECT_COLUMNS)
        for row in rejects:
            writer.writerow(row[2:])


def validate_path(
    spark: SparkSession,
    path: Path,
    rejects_file: Path,
    min_partitions: int | None = None,
    fmt: str = "canonical",
    scratch: Path | None = None,
) -> SparkOutcome:
    """:func:`validate` on the input at ``path`` in format ``fmt``, read by Spark: a canonical folder (or
    zip), or a PatentsView or PATSTAT folder (its zips unpacked into ``scratch``; its notices written beside
    the rejects file, as in process)."""
    from graph.ingest import pipeline
    from graph.ingest.readers.common import NoticeLog
    from graph.ingest.spark import patentsview, patstat

    readers = {"patentsview": patentsview.frames, "patstat": patstat.frames}

    persisted: list[DataFrame] = []
    if fmt != "canonical" and fmt not in readers:
        raise ValueError(f"Spark reads no {fmt} input")
    notices = NoticeLog(pipeline.notices_file(rejects_file))  # written as they come: they may be millions
    try:
        if fmt == "canonical":
            frames = canonical.frames(spark, path, min_partitions, persisted)
        else:
            where = scratch or rejects_file.with_name(rejects_file.name + ".unpacked")
            frames = readers[fmt](spark, path, where, notices, persisted, min_partitions)
        outcome = validate(spark, frames, rejects_file)
    except BaseException:
        notices.discard()
        raise
    outcome.persisted.extend(persisted)
    return pipeline.noted(outcome, notices)
