"""Knowledge sourcing through backward citations, per city and period.

A citing patent p in city A (one of its k cities under ``geo``) and a cited patent q in the
cities L(q): each source city receives 1/|L(q)| of the citation, times 1/k under fractional
counting. The relation is ``local`` (the source is A), ``domestic`` (another city of A's country)
or ``foreign``. Citations to patents not loaded, or without a location, are ``unresolved`` and left
out of the shares. ``self_citations = exclude`` drops citations between patents sharing an applicant.
Written back as ``(City)-[:SOURCES_FROM {period, share, citations}]->(City)``.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import units
from analytics.graphio import query, records, write_rows
from analytics.links import Links
from analytics.switches import Period, Switches, assign_periods

COLUMNS = ["city_id", "period", "source_city_id", "relation", "citations", "share"]


def flows(
    citations: pd.DataFrame,
    patent_cities: pd.DataFrame,
    countries: pd.Series,
    counting: str = "fractional",
    self_citations: str = "include",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Weighted citation flows (city_id, year, source_city_id, relation, citations) and unresolved
    citations per citing city and year (city_id, year, unresolved)."""
    if self_citations == "exclude":
        citations = citations[~citations["self_citation"].astype(bool)]
    located = patent_cities.drop_duplicates()
    k = located.groupby("patent_id")["city_id"].transform("size")
    citing = located.assign(w_citing=1.0 / k if counting == "fractional" else 1.0)
    cited = located.assign(w_cited=1.0 / k).rename(
        columns={"patent_id": "cited_id", "city_id": "source_city_id"}
    )
    c = citations.merge(citing.rename(columns={"patent_id": "citing_id"}), on="citing_id")
    resolved_ids = set(cited["cited_id"])
    is_resolved = c["cited_in_db"].astype(bool) & c["cited_id"].isin(resolved_ids)
    unresolved = (
        c[~is_resolved].groupby(["city_id", "year"])["w_citing"].sum().rename("unresolved").reset_index()
    )
    f = c[is_resolved].merge(cited, on="cited_id")
    f = f.assign(citations=f["w_citing"] * f["w_cited"])
    out = f.groupby(["city_id", "year", "source_city_id"])["citations"].sum().reset_index()
    return relate(out, countries), unresolved


def relate(out: pd.DataFrame, countries: pd.Series) -> pd.DataFrame:
    """Flows (city_id, year, source_city_id, citations) with their ``relation``: local, domestic or foreign."""
    out = out.copy()
    home, source = out["city_id"].map(countries), out["source_city_id"].map(countries)
    out["relation"] = "foreign"
    out.loc[same_country(home, source), "relation"] = "domestic"
    out.loc[out["city_id"] == out["source_city_id"], "relation"] = "local"
    return out[["city_id", "year", "source_city_id", "relation", "citations"]]


def same_country(home: pd.Series, source: pd.Series) -> np.ndarray:
    """Whether two places share a country. A place's country is a code, or a frozenset of codes for a
    cluster across a border, which is domestic to each of its countries."""
    if not any(isinstance(v, frozenset) for v in (*home.to_numpy(), *source.to_numpy())):
        return (home.notna() & (home == source)).to_numpy()

    def codes(v: object) -> frozenset[object]:
        return v if isinstance(v, frozenset) else (frozenset() if v is None or v != v else frozenset([v]))

    return np.array([bool(codes(a) & codes(b)) for a, b in zip(home, source, strict=True)], dtype=bool)


def mark_self_citations(citations: pd.DataFrame, applicants: pd.DataFrame) -> pd.DataFrame:
    """``citations`` (citing_id, cited_id, ...) with ``self_citation``: the two patents share an
    applicant, given the (patent_id, applicant_id) links in ``applicants``."""
    links = applicants[["patent_id", "applicant_id"]].drop_duplicates()
    shared = (
        citations[["citing_id", "cited_id"]]
        .drop_duplicates()
        .merge(links.rename(columns={"patent_id": "citing_id"}), on="citing_id")
        .merge(links.rename(columns={"patent_id": "cited_id"}), on=["cited_id", "applicant_id"])
    )
    pairs = pd.MultiIndex.from_frame(shared[["citing_id", "cited_id"]].drop_duplicates())
    keys = pd.MultiIndex.from_frame(citations[["citing_id", "cited_id"]])
    return citations.assign(self_citation=keys.isin(pairs))


def by_period(flow: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    """Sum flows into periods and add each source's share of the city's resolved citations."""
    if flow.empty:
        return pd.DataFrame({c: [] for c in COLUMNS})
    rows = assign_periods(flow["year"], periods)
    f = flow.loc[rows["row"]].reset_index(drop=True).assign(period=rows["period"].to_numpy())
    out = f.groupby(["city_id", "period", "source_city_id", "relation"])["citations"].sum().reset_index()
    out["share"] = out["citations"] / out.groupby(["city_id", "period"])["citations"].transform("sum")
    return out[COLUMNS]


def shares(table: pd.DataFrame) -> pd.DataFrame:
    """local, domestic and foreign shares per city and period."""
    wide = table.pivot_table(index=["city_id", "period"], columns="relation", values="share", aggfunc="sum")
    wide = wide.reindex(columns=["local", "domestic", "foreign"], fill_value=0.0).fillna(0.0)
    wide.columns.name = None
    return wide.reset_index()


def top_sources(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n cities from which each city's citations come most (the city itself included, marked)."""
    ordered = table.sort_values(
        ["city_id", "period", "citations", "source_city_id"], ascending=[True, True, False, True]
    )
    top = ordered.groupby(["city_id", "period"]).head(n)
    return top.assign(is_self=top["city_id"] == top["source_city_id"]).reset_index(drop=True)


def citation_table(links: Links) -> pd.DataFrame:
    """citing_id, cited_id (rows of ``links.patents``; -1 for a cited patent not loaded), the citing
    patent's year and cited_in_db: the input of :func:`flows`."""
    c = links.citations
    years = links.patents["year"].to_numpy()[c["patent"].to_numpy()]
    return pd.DataFrame({"citing_id": c["patent"].to_numpy(), "cited_id": c["cited"].to_numpy(),
                         "year": years, "cited_in_db": c["cited"].to_numpy() >= 0})  # fmt: skip


def compute(
    driver: Driver, switches: Switches, database: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, list[Period]]:
    """The sourcing table (COLUMNS), unresolved citations per city and period, and the periods."""
    where = units.places(driver, switches, database)
    links = units.pull(driver, switches, geo=switches.geo or "applicant", citations=True, places_=where,
                       database=database)  # fmt: skip
    citations = citation_table(links)
    if switches.self_citations == "exclude" and not citations.empty:
        applicants = query(driver, "patent_applicants", None, database)
        applicants = units.unit_rows(driver, switches, applicants, database, year=None)
        rows = pd.Index(links.patents["patent_id"]).get_indexer(applicants["patent_id"])
        citations = mark_self_citations(citations, applicants.assign(patent_id=rows)[rows >= 0])
    located = links.cities.rename(columns={"patent": "patent_id"})
    if citations.empty or located.empty:
        empty = pd.DataFrame({c: [] for c in COLUMNS})
        return (
            empty,
            pd.DataFrame({"city_id": [], "period": [], "unresolved": []}),
            switches.resolved_periods(None),
        )
    periods = switches.resolved_periods(int(citations["year"].max()))
    countries = units.country_of(where)
    flow, unresolved = flows(citations, located, countries, switches.counting, switches.self_citations)
    table, unres = tabulate(flow, unresolved, periods, switches)
    return table, unres, periods


def tabulate(
    flow: pd.DataFrame, unresolved: pd.DataFrame, periods: list[Period], switches: Switches
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sourcing table and the unresolved citations per city and period, from the yearly flows and
    unresolved citations of :func:`flows` (``switches.cities`` kept): what both engines do last."""
    table = by_period(flow, periods)
    rows = assign_periods(unresolved["year"], periods)
    unres = unresolved.loc[rows["row"]].assign(period=rows["period"].to_numpy())
    unres = unres.groupby(["city_id", "period"])["unresolved"].sum().reset_index()
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
        unres = unres[unres["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table, unres


def write(
    driver: Driver,
    table: pd.DataFrame,
    switches: Switches,
    periods: list[Period],
    database: str | None = None,
) -> int:
    """Replace the SOURCES_FROM links of ``periods`` by ``table``'s rows."""
    settings = json.dumps(
        {
            "geo": switches.geo or "applicant",
            "counting": switches.counting,
            "self_citations": switches.self_citations,
            "year": switches.year,
        }
    )
    query(driver, "sourcing_clear", {"periods": [p.name for p in periods]}, database, write=True)
    return write_rows(driver, "sourcing_write", records(table.assign(settings=settings)), None, database)
