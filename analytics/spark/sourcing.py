"""Knowledge sourcing through backward citations in Spark SQL (:mod:`analytics.sourcing` in the graph).

The weighted flows (citing city, year, source city) and the unresolved citations per citing city and year
are joins and sums over the citations, which are the largest table of a large lake; the small results
go through the same pandas code as the in-graph path (relations, periods, shares).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analytics import sourcing
from analytics.spark import links
from analytics.spark.lake import Lake
from analytics.switches import Period, Switches

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def self_citations(lake: Lake, cites: DataFrame) -> DataFrame:
    """citing_id, cited_id: the citations between patents that share an applicant."""
    a = lake.table("patent_applicants").select("patent_id", "applicant_id").distinct()
    shared = cites.join(a.withColumnRenamed("patent_id", "citing_id"), "citing_id").join(
        a.withColumnRenamed("patent_id", "cited_id"), ["cited_id", "applicant_id"]
    )
    return shared.select("citing_id", "cited_id").distinct()


def flows(lake: Lake, switches: Switches) -> tuple[pd.DataFrame, pd.DataFrame, int | None]:
    """Weighted flows (city_id, year, source_city_id, citations), unresolved citations (city_id, year,
    unresolved) and the last year of a citing patent (None without citations or located patents), as
    :func:`sourcing.flows` and :func:`sourcing.compute` make them.

    The citations are the largest table of a large lake (166M rows at 9M patents), so they are shuffled
    twice and no more: joined to the citing patents' cities (with the year and the weight), then left-joined
    to the cited patents' cities, and summed in one aggregate whose rows without a source city are the
    unresolved citations. The lake holds one row a citation pair, and every cited id is a loaded patent or a
    stub (the validators' contract, :mod:`graph.ingest.lake`), so neither a distinct nor a join with the known
    patents is needed.
    """
    from pyspark.sql import functions as F

    years = links.patent_years(lake, switches.year)
    pairs = lake.table("citations").select("citing_id", "cited_id")
    # the last year over every citation of a dated patent, self-citations too (as in the graph): the distinct
    # citing patents (aggregated before their shuffle) joined to their years, not the citations themselves
    citing_ids = pairs.select(F.col("citing_id").alias("patent_id")).distinct()
    last = citing_ids.join(years, "patent_id").agg(F.max("year")).first()
    last_year = None if last is None or last[0] is None else int(last[0])
    if switches.self_citations == "exclude":
        pairs = pairs.join(self_citations(lake, pairs), ["citing_id", "cited_id"], "left_anti")
    located = links.patent_cities(lake, years, switches.geo or "applicant")
    if located.limit(1).count() == 0:
        last_year = None  # nothing is located: no figure (the graph path returns the empty tables too)
    k = located.groupBy("patent_id").agg(F.count(F.lit(1)).alias("k"))
    weighted = located.join(k, "patent_id")
    citing_w = F.lit(1.0) if switches.counting == "whole" else F.lit(1.0) / F.col("k")
    citing = weighted.join(years, "patent_id").select(
        F.col("patent_id").alias("citing_id"), "city_id", "year", citing_w.alias("w_citing")
    )
    cited = weighted.select(F.col("patent_id").alias("cited_id"), F.col("city_id").alias("source_city_id"),
                            (F.lit(1.0) / F.col("k")).alias("w_cited"))  # fmt: skip
    weight = F.col("w_citing") * F.coalesce(F.col("w_cited"), F.lit(1.0))
    joined = pairs.join(citing, "citing_id").join(cited, "cited_id", "left")
    summed = joined.groupBy("city_id", "year", "source_city_id").agg(F.sum(weight).alias("citations"))
    table = summed.toPandas()
    resolved = table["source_city_id"].notna()
    flow_pd = _sorted(table[resolved], ["city_id", "year", "source_city_id"])
    unresolved_pd = _sorted(
        table[~resolved].drop(columns="source_city_id").rename(columns={"citations": "unresolved"}),
        ["city_id", "year"],
    )
    return flow_pd, unresolved_pd, last_year


def _sorted(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def countries(lake: Lake) -> pd.Series:
    """city_id -> country code (None when unknown), as :func:`analytics.units.country_of` for cities."""
    table = lake.table("cities").select("id", "country").toPandas()
    return pd.Series(table["country"].to_numpy(dtype=object), index=table["id"].to_numpy(dtype=object))


def compute(lake: Lake, switches: Switches) -> tuple[pd.DataFrame, pd.DataFrame, list[Period]]:
    """The sourcing table (``sourcing.COLUMNS``), unresolved citations per city and period, and the periods,
    as :func:`analytics.sourcing.compute` gives them from the graph."""
    flow, unresolved, last_year = flows(lake, switches)
    if last_year is None:
        empty = pd.DataFrame({c: [] for c in sourcing.COLUMNS})
        return (
            empty,
            pd.DataFrame({"city_id": [], "period": [], "unresolved": []}),
            switches.resolved_periods(None),
        )
    periods = switches.resolved_periods(last_year)
    related = sourcing.relate(flow, countries(lake))
    table, unres = sourcing.tabulate(related, unresolved, periods, switches)
    return table, unres, periods
