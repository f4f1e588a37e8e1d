"""Collaboration types per city and year in Spark SQL (:mod:`analytics.collaboration` in the graph).

Per patent, in one aggregate: its distinct persons (inventors, or applicants with ``geo = applicant``), the
located ones, their distinct cities and countries, hence its type; each of its cities then weighs 1/(its
cities) or 1. The per city, year and type sums are small and go through :func:`analytics.collaboration.tabulate`.
"""

from __future__ import annotations

import pandas as pd

from analytics import collaboration
from analytics.spark import links
from analytics.spark.lake import Lake
from analytics.switches import Switches


def compute(lake: Lake, switches: Switches) -> pd.DataFrame:
    """The collaboration-types table under ``switches`` (geo default: inventor), as from the graph."""
    from pyspark.sql import functions as F

    years = links.patent_years(lake, switches.year)
    if (switches.geo or "inventor") == "applicant":
        people, key, link = lake.table("applicants"), "applicant_id", lake.table("patent_applicants")
    else:
        people, key, link = lake.table("inventors"), "inventor_id", lake.table("patent_inventors")
    cities = lake.table("cities").select(F.col("id").alias("known"), "country")
    people = people.select(F.col("id").alias("person"), "city_id")
    placed = people.join(cities, people["city_id"] == cities["known"], "left").select(
        "person", F.col("known").alias("city_id"), "country"
    )  # a city the lake does not know is no city (OPTIONAL MATCH in the graph)
    rows = (
        link.select("patent_id", F.col(key).alias("person")).join(placed, "person").join(years, "patent_id")
    )
    # one aggregate per patent, of sets (no distinct count, which Spark expands into a copy of the rows per
    # distinct column): its persons, its located persons, its cities and their countries
    located = F.col("city_id").isNotNull()
    per = rows.groupBy("patent_id", "year").agg(
        F.size(F.collect_set("person")).alias("persons"),
        F.size(F.collect_set(F.when(located, F.col("person")))).alias("located"),
        F.collect_set("city_id").alias("cities"),
        F.size(F.collect_set(F.when(located, F.col("country")))).alias("n_countries"),
    )
    n_cities = F.size("cities")
    kind = (
        F.when((F.col("persons") < 2) | (F.col("located") < 2), "single")
        .when(n_cities <= 1, "local")
        .when(F.col("n_countries") <= 1, "domestic")
        .otherwise("international")
    )
    held = per.select(
        F.explode("cities").alias("city_id"), "year", n_cities.alias("n_cities"), kind.alias("type")
    )
    w = F.lit(1.0) if switches.counting == "whole" else F.lit(1.0) / F.col("n_cities")
    sums = held.groupBy("city_id", "year", "type").agg(F.sum(w).alias("w")).toPandas()
    if sums.empty:
        return pd.DataFrame({c: [] for c in collaboration.COLUMNS})
    table = collaboration.tabulate(sums.sort_values(["city_id", "year", "type"]).reset_index(drop=True))
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
