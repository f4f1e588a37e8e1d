"""Collaboration types per city and year in Spark SQL (:mod:`analytics.collaboration` in the graph).

Per patent: its distinct persons (inventors, or applicants with ``geo = applicant``), the located ones,
their distinct cities and countries, hence its type; each (patent, city) pair then weighs 1/(its cities)
or 1. The per city, year and type sums are small and go through :func:`analytics.collaboration.tabulate`.
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
    per = rows.groupBy("patent_id", "year").agg(
        F.countDistinct("person").alias("persons"),
        F.countDistinct(F.when(F.col("city_id").isNotNull(), F.col("person"))).alias("located"),
        F.countDistinct("city_id").alias("n_cities"),
        F.countDistinct(F.when(F.col("city_id").isNotNull(), F.col("country"))).alias("n_countries"),
    )
    kind = (
        F.when((F.col("persons") < 2) | (F.col("located") < 2), "single")
        .when(F.col("n_cities") <= 1, "local")
        .when(F.col("n_countries") <= 1, "domestic")
        .otherwise("international")
    )
    per = per.select("patent_id", "year", "n_cities", kind.alias("type"))
    held = (
        rows.where(F.col("city_id").isNotNull())
        .select("patent_id", "city_id")
        .distinct()
        .join(per, "patent_id")
    )
    w = F.lit(1.0) if switches.counting == "whole" else F.lit(1.0) / F.col("n_cities")
    sums = held.groupBy("city_id", "year", "type").agg(F.sum(w).alias("w")).toPandas()
    if sums.empty:
        return pd.DataFrame({c: [] for c in collaboration.COLUMNS})
    table = collaboration.tabulate(sums.sort_values(["city_id", "year", "type"]).reset_index(drop=True))
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
