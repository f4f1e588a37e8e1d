"""The patents' links from the lake's tables, as the graph holds them (:mod:`analytics.links` pulls the same
from Neo4j): dated patents, their technologies and their cities under ``geo`` (the citations are read as
the lake holds them, in :mod:`analytics.spark.sourcing`).

A patent's year is its filing year, or under ``year = priority`` its priority year falling back to filing
(``patent_nodes.cypher``). Only dated patents have technologies and cities here, as in the pull; a
technology is the WIPO field of the code a patent is classified in (``field35``) or that code's ancestor
at ``ipc_level`` (``ipc_techs.cypher``); a city is an applicant's (or inventor's) city that the lake knows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analytics.spark.lake import Lake
from hotspot_kg.core.errors import IndicatorError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def patent_years(lake: Lake, year_basis: str = "filing") -> DataFrame:
    """patent_id, year: every dated patent."""
    from pyspark.sql import functions as F

    def build() -> DataFrame:
        year = F.coalesce("priority_year", "year") if year_basis == "priority" else F.col("year")
        patents = lake.table("patents").select(F.col("id").alias("patent_id"), year.alias("year"))
        return patents.where(F.col("year").isNotNull())

    return lake.memo(("patent_years", year_basis), build)


def patent_techs(lake: Lake, years: DataFrame, tech_unit: str, ipc_level: str = "subclass") -> DataFrame:
    """patent_id, tech: the distinct technologies of the dated patents in ``years``."""
    from pyspark.sql import functions as F

    if tech_unit not in ("field35", "ipc"):
        raise IndicatorError(f"tech_unit must be field35 or ipc; got {tech_unit!r}")

    def build() -> DataFrame:
        ipc = lake.table("ipc")
        tech = F.col("field") if tech_unit == "field35" else F.col(f"`{ipc_level}`")
        codes = ipc.select(F.col("code"), tech.alias("tech")).where(F.col("tech").isNotNull())
        links = lake.table("patent_ipc").select("patent_id", "code").join(codes, "code")
        return links.join(years.select("patent_id"), "patent_id").select("patent_id", "tech").distinct()

    level = ipc_level if tech_unit == "ipc" else None
    return lake.memo(("patent_techs", id(years), tech_unit, level), build, keep=years)


def patent_cities(lake: Lake, years: DataFrame, geo: str = "applicant") -> DataFrame:
    """patent_id, city_id: the distinct cities of the dated patents in ``years`` under ``geo``."""
    from pyspark.sql import functions as F

    def build() -> DataFrame:
        if geo == "inventor":
            people, key, link = lake.table("inventors"), "inventor_id", lake.table("patent_inventors")
        else:
            people, key, link = lake.table("applicants"), "applicant_id", lake.table("patent_applicants")
        cities = lake.table("cities").select(F.col("id").alias("city_id"))
        placed = (
            people.select(F.col("id").alias(key), "city_id")
            .where(F.col("city_id").isNotNull())
            .join(cities, "city_id")
        )
        pairs = link.select("patent_id", key).join(placed, key).select("patent_id", "city_id")
        return pairs.join(years.select("patent_id"), "patent_id").distinct()

    return lake.memo(("patent_cities", id(years), geo == "inventor"), build, keep=years)
