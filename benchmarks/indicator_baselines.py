"""The pandas baseline of every indicator: the same definitions, written directly on the canonical CSV
files (no database), for ``bench_indicators``. Each function reads the files it needs itself, as a
plain script would; the pure steps that define an indicator (novelty scoring, RSI, KCI, the
collaboration and sourcing rules) are the project's own pandas functions, so both sides compute
exactly the same numbers. The local network's baseline uses networkx.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from analytics import collaboration, ecosystem, novelty, sourcing, specialisation, stages
from analytics.complexity import complexity
from analytics.switches import Period
from graph.ingest.concordance import concordance


def _csv(folder: Path, name: str, columns: list[str]) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", usecols=columns, dtype=str, keep_default_na=False).replace(
        "", None
    )


def patents(folder: Path) -> pd.DataFrame:
    p = _csv(folder, "patents", ["patent_id", "year"]).dropna()
    return p.assign(year=p["year"].astype(int))


def cities_of(folder: Path, geo: str = "applicant") -> pd.DataFrame:
    """Distinct (patent_id, city_id) of dated patents under ``geo``."""
    who, key = ("applicants", "applicant_id") if geo == "applicant" else ("inventors", "inventor_id")
    links = _csv(folder, f"patent_{who}", ["patent_id", key])
    people = _csv(folder, who, [key, "city_id"]).dropna()
    located = links.merge(people, on=key)[["patent_id", "city_id"]].drop_duplicates()
    return located[located["patent_id"].isin(patents(folder)["patent_id"])].reset_index(drop=True)


def techs(folder: Path, unit: str) -> pd.DataFrame:
    """Distinct (patent_id, tech): IPC subclass, main group, or WIPO field (main group rows first)."""
    ipc = _csv(folder, "patent_ipc", ["patent_id", "ipc_code"])
    codes = pd.Series(ipc["ipc_code"].unique())
    subclass = codes.str[:4]
    main = codes.str.split("/").str[0] + "/00"
    tech: pd.Series
    if unit == "subclass":
        tech = subclass
    elif unit == "main_group":
        tech = main
    else:
        table = concordance()
        tech = main.map(table.by_main_group).fillna(subclass.map(table.by_subclass))
    mapping = pd.Series(tech.to_numpy(), index=codes.to_numpy())
    out = ipc.assign(tech=ipc["ipc_code"].map(mapping))[["patent_id", "tech"]].dropna().drop_duplicates()
    return out.assign(tech=out["tech"].astype(int)) if unit == "field35" else out


def yearly_cells(folder: Path, unit: str) -> pd.DataFrame:
    """city_id, tech, year, x: fractional counts, as specialisation_counts gives them."""
    cells = (
        cities_of(folder).merge(techs(folder, unit), on="patent_id").merge(patents(folder), on="patent_id")
    )
    k = cells.groupby("patent_id")["city_id"].transform("nunique")
    m = cells.groupby("patent_id")["tech"].transform("nunique")
    cells = cells.assign(x=1.0 / (k * m))
    return cells.groupby(["city_id", "tech", "year"], as_index=False).agg(x=("x", "sum"))


def novelty_scored(folder: Path) -> novelty.Novelty:
    rows = techs(folder, "subclass").merge(patents(folder), on="patent_id")
    lists = rows.groupby(["patent_id", "year"])["tech"].agg(list).reset_index()
    return novelty.score(lists.rename(columns={"tech": "codes"}), 5)


def novelty_tables(folder: Path) -> pd.DataFrame:
    return novelty.by_city(novelty_scored(folder).patents, cities_of(folder))


def rsi(folder: Path, periods: list[Period]) -> pd.DataFrame:
    return specialisation.rsi_table(yearly_cells(folder, "field35"), periods)


def kci(folder: Path, periods: list[Period], unit: str = "main_group") -> pd.DataFrame:
    per = specialisation.by_period(yearly_cells(folder, unit), periods)
    parts = [
        complexity(per[per["period"] == p.name]).cities.assign(period=p.name)
        for p in periods
        if (per["period"] == p.name).any()
    ]
    return pd.concat(parts, ignore_index=True)


def collaboration_types(folder: Path) -> pd.DataFrame:
    """Collaboration types per city and year from inventor addresses (fractional), vectorised."""
    links = _csv(folder, "patent_inventors", ["patent_id", "inventor_id"]).drop_duplicates()
    people = _csv(folder, "inventors", ["inventor_id", "city_id"])
    country = _csv(folder, "cities", ["city_id", "country"]).set_index("city_id")["country"]
    rows = links.merge(people, on="inventor_id", how="left").merge(patents(folder), on="patent_id")
    rows["country"] = rows["city_id"].map(country)
    located = rows.dropna(subset=["city_id"])
    per = rows.groupby("patent_id").agg(year=("year", "first"), persons=("inventor_id", "nunique"))
    loc = located.groupby("patent_id").agg(
        located=("inventor_id", "nunique"),
        n_cities=("city_id", "nunique"),
        n_countries=("country", "nunique"),
    )
    per = per.join(loc).fillna({"located": 0, "n_cities": 0, "n_countries": 0})
    collaborative = (per["persons"] >= 2) & (per["located"] >= 2)
    per["type"] = np.select(
        [~collaborative, per["n_cities"] <= 1, per["n_countries"] <= 1],
        ["single", "local", "domestic"],
        "international",
    )
    held = located[["patent_id", "city_id"]].drop_duplicates().join(per, on="patent_id")
    held["w"] = 1.0 / held["n_cities"]
    table = held.pivot_table(
        index=["city_id", "year"], columns="type", values="w", aggfunc="sum", fill_value=0.0
    )
    table = table.reindex(columns=list(collaboration.TYPES), fill_value=0.0).reset_index()
    collab = table["local"] + table["domestic"] + table["international"]
    for t in ("local", "domestic", "international"):
        table[f"{t}_share"] = np.where(collab > 0, table[t] / collab.where(collab > 0, 1.0), np.nan)
    return table


def knowledge_sourcing(folder: Path, periods: list[Period]) -> pd.DataFrame:
    cites = _csv(folder, "citations", ["citing_id", "cited_id"]).merge(
        patents(folder).rename(columns={"patent_id": "citing_id"}), on="citing_id"
    )
    cites["cited_in_db"] = cites["cited_id"].isin(patents(folder)["patent_id"])
    country = _csv(folder, "cities", ["city_id", "country"]).set_index("city_id")["country"]
    flow, _ = sourcing.flows(cites, cities_of(folder), country)
    return sourcing.by_period(flow, periods)


def _applicant_rows(folder: Path) -> pd.DataFrame:
    links = _csv(folder, "patent_applicants", ["patent_id", "applicant_id"])
    apps = _csv(folder, "applicants", ["applicant_id", "type", "city_id"])
    own = (
        _csv(folder, "ownership", ["applicant_id", "ownership"])
        if (folder / "ownership.csv").exists()
        else None
    )
    rows = links.merge(patents(folder), on="patent_id").merge(apps, on="applicant_id")
    rows["type"] = rows["type"].fillna("other")
    if own is None:
        return rows.assign(ownership=None)
    return rows.merge(own.drop_duplicates("applicant_id"), on="applicant_id", how="left")


def ecosystem_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = _applicant_rows(folder)
    return (
        ecosystem.tally(rows[["patent_id", "year", "city_id", "type"]], "type", "fractional"),
        ecosystem.tally(rows[["patent_id", "year", "city_id", "ownership"]], "ownership", "fractional"),
    )


def network(folder: Path, city_id: str, period: Period) -> tuple[pd.DataFrame, dict[str, object]]:
    """The co-application links of the whole data (weight, first and last year), and the local
    network of ``city_id`` in ``period`` analysed with networkx (degree, betweenness, Louvain, WCC)."""
    rows = _applicant_rows(folder)[["patent_id", "year", "applicant_id", "city_id"]].drop_duplicates()
    pairs = rows.merge(rows, on=["patent_id", "year"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["applicant_id_a"] < pairs["applicant_id_b"]]
    co_applied = pairs.groupby(["applicant_id_a", "applicant_id_b"]).agg(
        weight=("patent_id", "nunique"), first_year=("year", "min"), last_year=("year", "max")
    )
    local = pairs[
        (pairs["city_id_a"] == city_id)
        & (pairs["city_id_b"] == city_id)
        & pairs["year"].between(period.first, period.last)
    ]
    edges = local.groupby(["applicant_id_a", "applicant_id_b"])["patent_id"].nunique().reset_index()
    g = nx.Graph()
    g.add_weighted_edges_from(edges.itertuples(index=False, name=None))
    result = {
        "degree": dict(g.degree()),
        "betweenness": nx.betweenness_centrality(g, normalized=False),
        "communities": nx.community.louvain_communities(g, weight="weight", seed=1),
        "components": list(nx.connected_components(g)),
    }
    return co_applied.reset_index(), result


def stage_table(folder: Path, periods: list[Period]) -> pd.DataFrame:
    per = stages.novelty_by_period(novelty_tables(folder), periods)
    return stages.combine(per, kci(folder, periods, "subclass"))


def busiest_city(folder: Path) -> str:
    rows = _applicant_rows(folder).dropna(subset=["city_id"])
    return str(rows.groupby("city_id")["patent_id"].nunique().idxmax())


def last_year(folder: Path) -> int:
    return int(np.max(patents(folder)["year"]))
