"""City x technology x year patent counts in Spark SQL: the table of :func:`analytics.counting.city_tech_counts`.

A dated patent with k distinct cities and m distinct technologies gives 1/(k*m) to each of its k*m cells
(``fractional``) or 1 (``whole``). The result is small (cities x technologies x years) and is collected
as a pandas frame with the same columns, types and order as the in-graph counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analytics.counting import COUNT_COLUMNS, empty
from analytics.spark import links
from analytics.spark.lake import Lake
from analytics.switches import Switches
from hotspot_kg.core.errors import HotspotError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def city_tech_counts(
    cities: DataFrame, techs: DataFrame, years: DataFrame, counting: str = "fractional"
) -> DataFrame:
    """``cities`` (patent_id, city_id), ``techs`` (patent_id, tech) and ``years`` (patent_id, year) ->
    city_id, tech, year, x. Repeated pairs count once; patents missing from any side do not count."""
    from pyspark.sql import functions as F

    if counting not in ("fractional", "whole"):
        raise HotspotError(f"counting must be 'fractional' or 'whole', not {counting!r}")
    c = cities.select("patent_id", "city_id").distinct()
    t = techs.select("patent_id", "tech").distinct()
    k = c.groupBy("patent_id").agg(F.count(F.lit(1)).alias("k"))
    m = t.groupBy("patent_id").agg(F.count(F.lit(1)).alias("m"))
    cells = c.join(t, "patent_id").join(k, "patent_id").join(m, "patent_id").join(years, "patent_id")
    weight = F.lit(1.0) if counting == "whole" else F.lit(1.0) / (F.col("k") * F.col("m"))
    return cells.groupBy("city_id", "tech", "year").agg(F.sum(weight).alias("x"))


def collect(counts: DataFrame) -> pd.DataFrame:
    """The counts as pandas, ordered by city, technology and year (as the in-graph table)."""
    table = counts.toPandas()
    if table.empty:
        return empty()
    table = table.sort_values(["city_id", "tech", "year"], kind="stable").reset_index(drop=True)
    return table.astype({"year": int, "x": float})[COUNT_COLUMNS]


def counts(lake: Lake, switches: Switches, tech_unit: str) -> pd.DataFrame:
    """city_id, tech, year, x under ``switches`` (geo, counting, year, ipc_level), as
    :func:`analytics.specialisation.counts` gives them from the graph (made once per switches and unit for
    the lake; the table is the caller's copy)."""

    def build() -> pd.DataFrame:
        years = links.patent_years(lake, switches.year)
        cities = links.patent_cities(lake, years, switches.geo or "applicant")
        techs = links.patent_techs(lake, years, tech_unit, switches.ipc_level)
        return collect(city_tech_counts(cities, techs, years, switches.counting))

    return lake.memo(("counts", switches, tech_unit), build).copy()


def unlocated(lake: Lake, switches: Switches) -> pd.DataFrame:
    """year, patents: the dated patents that no city holds under ``geo`` (``unlocated_patents.cypher``)."""
    from pyspark.sql import functions as F

    years = links.patent_years(lake, switches.year)
    held = links.patent_cities(lake, years, switches.geo or "applicant").select("patent_id").distinct()
    out = years.join(held, "patent_id", "left_anti").groupBy("year").agg(F.count(F.lit(1)).alias("patents"))
    table = out.orderBy("year").toPandas()
    return table.astype({"year": "int64", "patents": "int64"}) if len(table) else table
