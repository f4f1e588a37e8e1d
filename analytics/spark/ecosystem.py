"""Patents by stakeholder type and by ownership type, per city and year, in Spark SQL
(:mod:`analytics.ecosystem` in the graph, whose rules this follows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analytics import ecosystem
from analytics.spark import links
from analytics.spark.lake import Lake
from analytics.switches import Switches
from hotspot_kg.spark.session import storage_level

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def applicant_rows(lake: Lake, switches: Switches) -> DataFrame:
    """patent_id, year, city_id, type, ownership: one row per (dated patent, applicant), as
    ``ecosystem_applicants.cypher`` gives them (type 'other' when unknown; city and ownership null when none)."""
    from pyspark.sql import functions as F

    years = links.patent_years(lake, switches.year)
    cities = lake.table("cities").select(F.col("id").alias("known"))
    kinds = lake.table("ownership_types").select(F.col("code").alias("ownership"))
    owned = (
        lake.table("ownership")
        .select("applicant_id", F.col("code").alias("ownership"))
        .join(kinds, "ownership")
    )
    people = lake.table("applicants").select(
        F.col("id").alias("applicant_id"), F.coalesce("type", F.lit("other")).alias("type"), "city_id"
    )
    people = people.join(cities, people["city_id"] == cities["known"], "left").select(
        "applicant_id", "type", F.col("known").alias("city_id")
    )
    people = people.join(owned, "applicant_id", "left")
    links_ = lake.table("patent_applicants").select("patent_id", "applicant_id").join(people, "applicant_id")
    return links_.join(years, "patent_id").select("patent_id", "year", "city_id", "type", "ownership")


def tally(units: DataFrame, category: str, counting: str) -> pd.DataFrame:
    """:func:`analytics.ecosystem.tally` in Spark: (patent_id, year, city_id, category) -> patents per city,
    year and category, collected."""
    from pyspark.sql import functions as F

    units = units.where(F.col("city_id").isNotNull() & F.col(category).isNotNull())
    units = units.select("patent_id", "year", "city_id", category).dropDuplicates(
        ["patent_id", "city_id", category]
    )
    if counting == "fractional":
        k = (
            units.select("patent_id", "city_id")
            .distinct()
            .groupBy("patent_id")
            .agg(F.count(F.lit(1)).alias("k"))
        )
        m = units.groupBy("patent_id", "city_id").agg(F.count(F.lit(1)).alias("m"))
        units = units.join(k, "patent_id").join(m, ["patent_id", "city_id"])
        weight = F.lit(1.0) / (F.col("k") * F.col("m"))
    else:
        weight = F.lit(1.0)
    out = units.groupBy("city_id", "year", category).agg(F.sum(weight).alias("patents"))
    table = out.orderBy("city_id", "year", category).toPandas()
    if table.empty:
        return pd.DataFrame({c: [] for c in ["city_id", "year", category, "patents"]})
    return table.astype({"year": int})


def compute(lake: Lake, switches: Switches) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stakeholders, ownership) tables under ``switches``, as :func:`analytics.ecosystem.compute`."""
    rows = applicant_rows(lake, switches).persist(storage_level(lake.spark))
    tables = []
    for category in ("type", "ownership"):
        if (switches.geo or "applicant") == "applicant":
            units = rows
        else:
            years = links.patent_years(lake, switches.year)
            cats = rows.select("patent_id", "year", category).dropna().distinct()
            units = cats.join(links.patent_cities(lake, years, "inventor"), "patent_id")
        tables.append(tally(units, category, switches.counting))
    rows.unpersist()
    stake, own = tables
    if switches.cities is not None:
        stake = stake[stake["city_id"].isin(switches.cities)].reset_index(drop=True)
        own = own[own["city_id"].isin(switches.cities)].reset_index(drop=True)
    return stake[ecosystem.STAKEHOLDER_COLUMNS], own[ecosystem.OWNERSHIP_COLUMNS]
