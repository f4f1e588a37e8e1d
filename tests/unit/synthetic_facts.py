"""A pure pandas checker of the Shenzhen study's facts on a canonical CSV folder.

It follows ../shared/spec/indicators.md with the default switches (geo=applicant, fractional counting,
filing year, periods stage 1 = 1980-1991, stage 2 = 1992-2005, stage 3 = 2006-last year; collaboration
by inventors). It stands in for the project's own indicator code (branch ``analytics``) until that lands;
run ``python tests/unit/synthetic_facts.py FOLDER`` to print every fact.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from graph.ingest.concordance import field_of

STAGES = {"stage1": (1980, 1991), "stage2": (1992, 2005), "stage3": (2006, 2100)}
US_HUBS = ("San Jose", "San Francisco", "San Diego", "New York City", "Boston")
PRIVATE = ("POE", "HMT", "FJV", "FOE")


@dataclass
class Folder:
    patents: pd.DataFrame
    cities: pd.DataFrame
    applicants: pd.DataFrame
    inventors: pd.DataFrame
    ownership: pd.DataFrame
    pa: pd.DataFrame
    pi: pd.DataFrame
    ipc: pd.DataFrame
    cites: pd.DataFrame

    @classmethod
    def read(cls, folder: Path) -> Folder:
        def r(name: str, cols: list[str]) -> pd.DataFrame:
            return pd.read_csv(folder / f"{name}.csv", usecols=cols, dtype=str, keep_default_na=False)

        patents = r("patents", ["patent_id", "year", "office", "kind"])
        patents["year"] = patents["year"].astype(int)
        return cls(
            patents,
            r("cities", ["city_id", "name", "country"]),
            r("applicants", ["applicant_id", "type", "city_id"]),
            r("inventors", ["inventor_id", "city_id"]),
            r("ownership", ["applicant_id", "ownership"]),
            r("patent_applicants", ["patent_id", "applicant_id"]),
            r("patent_inventors", ["patent_id", "inventor_id"]),
            r("patent_ipc", ["patent_id", "ipc_code"]),
            r("citations", ["citing_id", "cited_id"]),
        )

    def city(self, name: str) -> str:
        return str(self.cities.loc[self.cities["name"] == name, "city_id"].iloc[0])

    def names(self) -> dict[str, str]:
        return dict(zip(self.cities["city_id"], self.cities["name"], strict=True))

    def locations(self) -> pd.DataFrame:
        """(patent_id, city_id, w): distinct applicant cities, w = 1/k (fractional counting)."""
        loc = self.pa.merge(self.applicants[["applicant_id", "city_id"]], on="applicant_id")
        loc = loc[loc["city_id"] != ""][["patent_id", "city_id"]].drop_duplicates()
        loc["w"] = 1.0 / loc.groupby("patent_id")["city_id"].transform("size")
        return loc.merge(self.patents[["patent_id", "year"]], on="patent_id")


def in_period(years: pd.Series, period: str) -> pd.Series:
    lo, hi = STAGES[period]
    return (years >= lo) & (years <= hi)


def tech_table(f: Folder, unit: str) -> pd.DataFrame:
    """(patent_id, tech, wt): distinct technologies of each patent, wt = 1/m."""
    t = f.ipc.copy()
    if unit == "field35":
        codes = t["ipc_code"].unique()
        mapping = {c: field_of(c) for c in codes}
        t["tech"] = t["ipc_code"].map(mapping)
        t = t.dropna(subset=["tech"])
    else:
        t["tech"] = t["ipc_code"].str[:4]
    t = t[["patent_id", "tech"]].drop_duplicates()
    t["wt"] = 1.0 / t.groupby("patent_id")["tech"].transform("size")
    return t


def rsi(f: Folder, period: str, unit: str, loc: pd.DataFrame | None = None) -> pd.DataFrame:
    loc = f.locations() if loc is None else loc
    x = loc[in_period(loc["year"], period)].merge(tech_table(f, unit), on="patent_id")
    x["v"] = x["w"] * x["wt"]
    m = x.pivot_table(index="city_id", columns="tech", values="v", aggfunc="sum", fill_value=0.0)
    share = m.div(m.sum(axis=1), axis=0)
    return share / (m.sum(axis=0) / m.to_numpy().sum())


def kci(f: Folder, period: str, loc: pd.DataFrame | None = None) -> pd.Series:
    """Eigen method on M = RSI >= 1 at IPC subclass level; z-scored (ddof=0), sign by diversity."""
    r = rsi(f, period, "ipc", loc)
    m = (r >= 1).astype(float)
    m = m.loc[m.sum(axis=1) > 0, m.sum(axis=0) > 0]
    mat = m.to_numpy()
    kc, kt = mat.sum(axis=1), mat.sum(axis=0)
    mcc = (mat / kc[:, None]) @ (mat / kt[None, :]).T
    vals, vecs = np.linalg.eig(mcc)
    order = np.argsort(-vals.real)
    vec = vecs[:, order[1]].real
    if np.corrcoef(vec, kc)[0, 1] < 0:
        vec = -vec
    return pd.Series((vec - vec.mean()) / vec.std(), index=m.index)


def novel_patents(f: Folder, pool_years: int = 5) -> pd.Series:
    """Boolean per patent_id: a new subclass or a new subclass pair (Strumsky-Lobo, seed pool)."""
    s = f.ipc.assign(code=f.ipc["ipc_code"].str[:4])[["patent_id", "code"]].drop_duplicates()
    s = s.merge(f.patents[["patent_id", "year"]], on="patent_id")
    y0 = int(s["year"].min())
    first = s.groupby("code")["year"].min()
    s["new_class"] = s["code"].map(first) == s["year"]
    pairs = s.merge(s[["patent_id", "code"]], on="patent_id", suffixes=("", "_b"))
    pairs = pairs[pairs["code"] < pairs["code_b"]]
    pairs["pair"] = pairs["code"] + "|" + pairs["code_b"]
    pfirst = pairs.groupby("pair")["year"].min()
    pairs["new_pair"] = pairs["pair"].map(pfirst) == pairs["year"]
    novel = s.groupby("patent_id")["new_class"].any()
    novel = novel | pairs.groupby("patent_id")["new_pair"].any().reindex(novel.index, fill_value=False)
    years = s.groupby("patent_id")["year"].first()
    return novel[years >= y0 + pool_years]


def ownership_shares(f: Folder, city: str, period: str) -> dict[str, float]:
    """Shares of a city's applicant links (1/applicants per patent) by ownership / stakeholder type."""
    pa = f.pa.merge(f.patents[["patent_id", "year"]], on="patent_id")
    pa = pa[in_period(pa["year"], period)]
    pa["w"] = 1.0 / pa.groupby("patent_id")["applicant_id"].transform("size")
    pa = pa.merge(f.applicants, on="applicant_id").merge(f.ownership, on="applicant_id", how="left")
    pa = pa[pa["city_id"] == city]
    group = pa["ownership"].fillna("").where(pa["type"] == "firm", pa["type"])
    group = group.where(group != "", "firm-unknown")
    return (pa.groupby(group)["w"].sum() / pa["w"].sum()).to_dict()


def citation_sources(f: Folder, city: str, years: tuple[int, int]) -> pd.Series:
    """Shares of a city's backward citations by source city (fractional on both ends)."""
    loc = f.locations()
    citing = loc[(loc["city_id"] == city) & loc["year"].between(*years)][["patent_id", "w"]]
    c = f.cites.merge(citing, left_on="citing_id", right_on="patent_id")
    src = loc[["patent_id", "city_id", "w"]].rename(columns={"w": "w_src"})
    c = c.merge(src, left_on="cited_id", right_on="patent_id", suffixes=("", "_q"))
    c["v"] = c["w"] * c["w_src"]
    out = c.groupby("city_id")["v"].sum()
    return (out / out.sum()).sort_values(ascending=False)


def inventor_cities(f: Folder) -> pd.DataFrame:
    pi = f.pi.merge(f.inventors, on="inventor_id")
    pi = pi[pi["city_id"] != ""].merge(f.cities[["city_id", "country"]], on="city_id")
    return pi.merge(f.patents[["patent_id", "year"]], on="patent_id")


def collaboration(f: Folder, city: str) -> pd.DataFrame:
    """Per year: shares of local, domestic, international among a city's multi-inventor patents."""
    pi = inventor_cities(f)
    g = pi.groupby("patent_id").agg(
        persons=("inventor_id", "nunique"),
        cities=("city_id", "nunique"),
        countries=("country", "nunique"),
        year=("year", "first"),
    )
    mine = pi.loc[pi["city_id"] == city, "patent_id"].unique()
    g = g.loc[g.index.isin(mine) & (g["persons"] >= 2)]
    kind = np.where(g["countries"] > 1, "international", np.where(g["cities"] > 1, "domestic", "local"))
    t = pd.crosstab(g["year"], kind)
    return t.div(t.sum(axis=1), axis=0)


def top_partners(f: Folder, city: str, years: tuple[int, int]) -> pd.Series:
    pi = inventor_cities(f)
    pi = pi[pi["year"].between(*years)][["patent_id", "city_id"]].drop_duplicates()
    mine = pi.loc[pi["city_id"] == city, "patent_id"].unique()
    other = pi[pi["patent_id"].isin(mine) & (pi["city_id"] != city)]
    return other["city_id"].map(f.names()).value_counts()


def facts(folder: Path, full_scale: int, n_patents: int) -> dict[str, object]:
    f = Folder.read(folder)
    sz = f.city("Shenzhen")
    names = f.names()
    loc = f.locations()
    out: dict[str, object] = {}
    s = loc[loc["city_id"] == sz]
    stage = {p: float(s.loc[in_period(s["year"], p), "w"].sum()) for p in STAGES}
    out["stage3_over_stage2"] = stage["stage3"] / stage["stage2"]
    cn06 = s[(s["year"] == 2006)].merge(f.patents[["patent_id", "office"]], on="patent_id")
    out["domestic_filings_2006_full_scale"] = (
        float(cn06.loc[cn06["office"] == "CN", "w"].sum()) * full_scale / n_patents
    )
    for p in ("stage2", "stage3"):
        r = rsi(f, p, "field35", loc)
        out[f"rsi_{p}"] = {k: round(float(r.loc[sz, k]), 2) for k in (4, 6, 8, 16)}
    china = set(f.cities.loc[f.cities["country"] == "CN", "city_id"])
    k = kci(f, "stage3", loc)
    k_cn = k[k.index.isin(china)].sort_values(ascending=False)
    out["kci_rank_cn"] = int(list(k_cn.index).index(sz)) + 1
    out["kci_top_cn"] = [names[c] for c in k_cn.index[:4]]
    novel = novel_patents(f)
    nl = loc[in_period(loc["year"], "stage3") & loc["city_id"].isin(china)]
    nl = nl[nl["patent_id"].map(novel).fillna(False).astype(bool)]
    nv = nl.groupby("city_id")["w"].sum().sort_values(ascending=False)
    out["novelty_rank_cn"] = int(list(nv.index).index(sz)) + 1
    out["novelty_top_cn"] = [(names[c], round(float(v))) for c, v in nv.head(4).items()]
    for p in ("stage1", "stage2", "stage3"):
        out[f"ownership_{p}"] = {k2: round(v, 3) for k2, v in sorted(ownership_shares(f, sz, p).items())}
    o3 = ownership_shares(f, sz, "stage3")
    out["private_share_stage3"] = sum(o3.get(k2, 0.0) for k2 in (*PRIVATE, "individual"))
    src = citation_sources(f, sz, (2010, 2020))
    out["self_citation_share_2010s"] = float(src.get(sz, 0.0))
    out["top10_sources_2010s"] = [names[c] for c in src.index[:10]]
    src00 = citation_sources(f, sz, (2000, 2009))
    out["top10_sources_2000s"] = [names[c] for c in src00.index[:10]]
    col = collaboration(f, sz)
    out["collab_2006_2008"] = col.loc[2006:2008].mean().round(3).to_dict()
    out["collab_2018_2020"] = col.loc[2018:2020].mean().round(3).to_dict()
    out["top_partners_2000s"] = top_partners(f, sz, (2000, 2009)).head(3).to_dict()
    out["top_partners_2010s"] = top_partners(f, sz, (2010, 2020)).head(3).to_dict()
    return out


if __name__ == "__main__":
    from graph.ingest.synthetic import full_scale_patents

    folder = Path(sys.argv[1])
    n = int(sys.argv[2])
    for key, value in facts(folder, full_scale_patents(), n).items():
        print(f"{key}: {value}")
