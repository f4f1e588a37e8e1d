"""Novelty in Spark SQL: first-time IPC codes and pairs with the seed pool, the Strumsky-Lobo types, and
their attribution to cities (:mod:`analytics.novelty` and :mod:`analytics.novelty_graph` in the graph).

first(code) and first(pair) are minima over every dated patent's distinct codes at ``ipc_level``; a patent
counts its codes and pairs whose first year is its own year. The scored patents (years from the pool's
end on) are one row each, ordered by patent id; the city table is aggregated in Spark and collected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analytics import novelty
from analytics.spark import links
from analytics.spark.lake import Lake
from analytics.switches import Switches

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def _codes(lake: Lake, switches: Switches) -> DataFrame:
    """patent_id, tech, year: the distinct codes at ``ipc_level`` of every dated patent, with its year."""
    years = links.patent_years(lake, switches.year)
    return lake.memo(
        ("novelty_codes", switches.year, switches.ipc_level),
        lambda: links.patent_techs(lake, years, "ipc", switches.ipc_level).join(years, "patent_id"),
    )


def scored(lake: Lake, switches: Switches) -> tuple[DataFrame, int | None]:
    """The scored patents (``novelty.PATENT_COLUMNS``) as a Spark DataFrame, and the first scored year
    (None when no patent has a code); made once per year basis, level and pool for the lake."""
    key = ("novelty_scored", switches.year, switches.ipc_level, switches.pool_years)
    return lake.memo(key, lambda: _scored(lake, switches))


def _scored(lake: Lake, switches: Switches) -> tuple[DataFrame, int | None]:
    from pyspark.sql import functions as F

    codes = _codes(lake, switches)
    y0 = codes.agg(F.min("year")).first()
    if y0 is None or y0[0] is None:
        return codes.sparkSession.createDataFrame([], _schema()), None
    start = int(y0[0]) + switches.pool_years
    first_code = codes.groupBy("tech").agg(F.min("year").alias("first"))
    per_code = (
        codes.join(first_code, "tech")
        .groupBy("patent_id", "year")
        .agg(
            F.count(F.lit(1)).alias("n_codes"),
            F.sum((F.col("year") == F.col("first")).cast("long")).alias("n_new"),
        )
    )
    a, b = (
        codes.select("patent_id", F.col("tech").alias("a"), "year"),
        codes.select("patent_id", F.col("tech").alias("b")),
    )
    pairs = a.join(b, "patent_id").where(F.col("a") < F.col("b"))
    first_pair = pairs.groupBy("a", "b").agg(F.min("year").alias("first"))
    per_pair = (
        pairs.join(first_pair, ["a", "b"])
        .groupBy("patent_id")
        .agg(F.sum((F.col("year") == F.col("first")).cast("long")).alias("new_pairs"))
    )
    table = (
        per_code.where(F.col("year") >= start).join(per_pair, "patent_id", "left").fillna(0, ["new_pairs"])
    )
    kind = (
        F.when(F.col("n_new") == F.col("n_codes"), "origination")
        .when(F.col("n_new") > 0, "novel_combination")
        .when(F.col("new_pairs") > 0, "combination")
        .otherwise("refinement")
    )
    novel = ((F.col("n_new") > 0) | (F.col("new_pairs") > 0)).cast("long")
    out = table.select("patent_id", "year", F.col("n_new").alias("new_classes"), "new_pairs",
                       novel.alias("novel"), kind.alias("novelty_type"))  # fmt: skip
    return out, start


def _schema() -> str:
    return "patent_id STRING, year BIGINT, new_classes BIGINT, new_pairs BIGINT, novel BIGINT, novelty_type STRING"


def patents(lake: Lake, switches: Switches) -> tuple[pd.DataFrame, int | None]:
    """The novelty-patents table, ordered by patent id, and the first scored year."""
    table, start = scored(lake, switches)
    out = table.orderBy("patent_id").toPandas()
    if out.empty:
        return pd.DataFrame({c: [] for c in novelty.PATENT_COLUMNS}), start
    return out.astype(
        {"year": "int64", "new_classes": "int64", "new_pairs": "int64", "novel": "int64"}
    ), start


def cities(lake: Lake, switches: Switches) -> tuple[pd.DataFrame, pd.DataFrame, int | None]:
    """The novelty-cities table (``novelty.CITY_COLUMNS``), the unlocated scored patents per year, and the
    first scored year, as :func:`analytics.novelty.by_city` and :func:`analytics.novelty.unlocated` give them
    (made once per switches for the lake; the tables are the caller's copies)."""
    out, unlocated, start = lake.memo(("novelty_cities", switches), lambda: _cities(lake, switches))
    return out.copy(), unlocated.copy(), start


def _cities(lake: Lake, switches: Switches) -> tuple[pd.DataFrame, pd.DataFrame, int | None]:
    from pyspark.sql import functions as F

    table, start = scored(lake, switches)
    years = links.patent_years(lake, switches.year)
    located = links.patent_cities(lake, years, switches.geo or "applicant")
    held = located.join(table, "patent_id")
    k = held.groupBy("patent_id").agg(F.count(F.lit(1)).alias("k"))
    w = F.lit(1.0) if switches.counting == "whole" else F.lit(1.0) / F.col("k")
    sums = [F.sum(w).alias("patents"), F.sum(w * F.col("novel")).alias("novel_patents")]
    sums += [F.sum(F.when(F.col("novelty_type") == t, w).otherwise(0.0)).alias(t) for t in novelty.TYPES]
    per_city = (
        held.join(k, "patent_id").groupBy("city_id", "year").agg(*sums).orderBy("city_id", "year").toPandas()
    )
    missing = table.join(located.select("patent_id").distinct(), "patent_id", "left_anti")
    unlocated = missing.groupBy("year").agg(F.count(F.lit(1)).alias("patents")).orderBy("year").toPandas()
    if per_city.empty:
        out = pd.DataFrame({c: [] for c in novelty.CITY_COLUMNS})
    else:
        per_city["novel_share"] = per_city["novel_patents"] / per_city["patents"]
        out = per_city.astype({"year": "int64"})[novelty.CITY_COLUMNS]
    if switches.cities is not None:
        out = out[out["city_id"].isin(switches.cities)]
    return out, unlocated.astype({"year": "int64", "patents": "int64"}), start


def firsts(lake: Lake, switches: Switches) -> tuple[DataFrame, DataFrame]:
    """The rows of :class:`analytics.novelty.Novelty`'s ``introduced`` (patent_id, code: a scored patent's
    classes first seen in its year) and ``first_pairs`` (a, b, year, patent: the lowest patent id of that
    year, patents: how many), as Spark DataFrames, for the write-back of INTRODUCED and FIRST_COMBINED."""
    from pyspark.sql import functions as F

    codes = _codes(lake, switches)
    y0 = codes.agg(F.min("year")).first()
    start = (int(y0[0]) if y0 is not None and y0[0] is not None else 0) + switches.pool_years
    first_code = codes.groupBy("tech").agg(F.min("year").alias("first"))
    introduced = (
        codes.join(first_code, "tech")
        .where((F.col("year") == F.col("first")) & (F.col("year") >= start))
        .select("patent_id", F.col("tech").alias("code"))
    )
    a = codes.select("patent_id", F.col("tech").alias("a"), "year")
    pairs = a.join(codes.select("patent_id", F.col("tech").alias("b")), "patent_id").where(
        F.col("a") < F.col("b")
    )
    first_pair = pairs.groupBy("a", "b").agg(F.min("year").alias("first"))
    first_pairs = (
        pairs.join(first_pair, ["a", "b"])
        .where((F.col("year") == F.col("first")) & (F.col("year") >= start))
        .groupBy("a", "b", "year")
        .agg(F.min("patent_id").alias("patent"), F.count(F.lit(1)).alias("patents"))
    )
    return introduced, first_pairs
