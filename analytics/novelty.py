"""Novelty: first-time IPC classes and pairs with a seed pool, and the Strumsky-Lobo types (pure part).

Input: one row per patent with its year and its distinct codes at ``ipc_level``. ``first(c)`` and
``first({a, b})`` are the smallest years over the whole input; years ``y0 .. y0 + pool_years - 1``
form the seed pool (never scored; what is first seen there is known). A scored patent has a new
class when some code's first year is its own year, a new pair likewise (every patent of that year
counts). Types: origination (every code new), novel_combination (some new), combination (no new
code, a new pair), refinement (neither). The graph side is in :mod:`analytics.novelty_graph`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TYPES = ("origination", "novel_combination", "combination", "refinement")
PATENT_COLUMNS = ["patent_id", "year", "new_classes", "new_pairs", "novel", "novelty_type"]
CITY_COLUMNS = ["city_id", "year", "patents", "novel_patents", "novel_share", *TYPES]


@dataclass(frozen=True)
class Novelty:
    patents: pd.DataFrame  # PATENT_COLUMNS, scored patents only
    introduced: pd.DataFrame  # patent_id, code: the new classes of scored patents
    first_pairs: pd.DataFrame  # a, b, year, patent, patents: pairs first seen in a scored year
    first_scored_year: int | None


def explode(patents: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Patent index and code id of every (patent, code) of a patent_id/year/codes table, and the codes."""
    lengths = patents["codes"].map(len).to_numpy(dtype=np.int64)
    flat = np.concatenate([np.asarray(c, dtype=object) for c in patents["codes"]]) if lengths.sum() else []
    code_ids, uniques = pd.factorize(pd.Series(flat, dtype=object), sort=True)
    return np.repeat(np.arange(len(patents)), lengths), code_ids, pd.Index(uniques)


def _first(keys: np.ndarray, years: np.ndarray) -> pd.Series:
    return pd.Series(years).groupby(keys).min()


def _pairs(pidx: np.ndarray, cid: np.ndarray) -> pd.DataFrame:
    """Every pair (a < b) of distinct codes within a patent."""
    left = pd.DataFrame({"p": pidx, "a": cid})
    both = left.merge(left.rename(columns={"a": "b"}), on="p")
    return both[both["a"] < both["b"]].reset_index(drop=True)


def score(patents: pd.DataFrame, pool_years: int = 5) -> Novelty:
    """Score ``patents`` (patent_id, year, codes: list of distinct codes)."""
    patents = patents[patents["codes"].map(len) > 0].reset_index(drop=True)
    pidx, cid, codes = explode(patents)
    return score_arrays(
        patents["patent_id"].to_numpy(), patents["year"].to_numpy(), pidx, cid, codes, pool_years
    )


def score_arrays(
    ids: np.ndarray,
    years: np.ndarray,
    pidx: np.ndarray,
    cid: np.ndarray,
    codes: pd.Index,
    pool_years: int = 5,
) -> Novelty:
    """Score patents given as arrays: ids and years per patent, and (patent index, code id) pairs
    into ``codes`` (sorted, so that code id order is code order)."""
    keep = pd.DataFrame({"p": np.asarray(pidx, dtype=np.int64), "c": np.asarray(cid, dtype=np.int64)})
    keep = keep[keep["c"] >= 0].drop_duplicates()
    pidx, cid = keep["p"].to_numpy(), keep["c"].to_numpy()
    used = np.flatnonzero(np.bincount(pidx, minlength=len(ids)))  # np.unique, without its slow hashing
    if len(used) == 0:
        empty = pd.DataFrame({c: [] for c in PATENT_COLUMNS})
        return Novelty(empty, pd.DataFrame({"patent_id": [], "code": []}), _no_pairs(), None)
    remap = np.full(len(ids), -1)
    remap[used] = np.arange(len(used))
    patents = pd.DataFrame({"patent_id": np.asarray(ids)[used]})
    years = np.asarray(years, dtype=np.int64)[used]
    pidx = remap[pidx]
    start = int(years.min()) + pool_years
    code_year = years[pidx]
    new_code = code_year == _first(cid, code_year).reindex(cid).to_numpy()
    pairs = _pairs(pidx, cid)
    pair_year = years[pairs["p"].to_numpy()]
    key = pairs["a"].to_numpy(dtype=np.int64) * len(codes) + pairs["b"].to_numpy(dtype=np.int64)
    new_pair = pair_year == _first(key, pair_year).reindex(key).to_numpy()
    n = len(patents)
    n_codes = np.bincount(pidx, minlength=n)
    n_new = np.bincount(pidx, weights=new_code, minlength=n).astype(int)
    n_new_pairs = np.bincount(pairs["p"].to_numpy(), weights=new_pair, minlength=n).astype(int)
    kind = np.select(
        [n_new == n_codes, n_new > 0, n_new_pairs > 0],
        ["origination", "novel_combination", "combination"],
        "refinement",
    )
    scored = years >= start
    table = pd.DataFrame(
        {
            "patent_id": patents["patent_id"].to_numpy(),
            "year": years,
            "new_classes": n_new,
            "new_pairs": n_new_pairs,
            "novel": ((n_new > 0) | (n_new_pairs > 0)).astype(int),
            "novelty_type": kind,
        }
    )[scored].reset_index(drop=True)
    keep = new_code & scored[pidx]
    introduced = pd.DataFrame(
        {"patent_id": patents["patent_id"].to_numpy()[pidx[keep]], "code": np.asarray(codes)[cid[keep]]}
    )
    first_pairs = _first_pairs(pairs, new_pair & scored[pairs["p"].to_numpy()], patents, codes, years)
    return Novelty(table, introduced, first_pairs, start)


def _no_pairs() -> pd.DataFrame:
    return pd.DataFrame({"a": [], "b": [], "year": [], "patent": [], "patents": []})


def _first_pairs(
    pairs: pd.DataFrame, keep: np.ndarray, patents: pd.DataFrame, codes: object, years: np.ndarray
) -> pd.DataFrame:
    """One row per pair first seen in a scored year: the lowest patent id of that year and how many."""
    chosen = pairs[keep]
    if chosen.empty:
        return _no_pairs()
    codes_arr = np.asarray(codes)
    rows = pd.DataFrame(
        {
            "a": codes_arr[chosen["a"].to_numpy()],
            "b": codes_arr[chosen["b"].to_numpy()],
            "year": years[chosen["p"].to_numpy()],
            "patent": patents["patent_id"].to_numpy()[chosen["p"].to_numpy()],
        }
    )
    grouped = rows.groupby(["a", "b", "year"], as_index=False).agg(
        patent=("patent", "min"), patents=("patent", "size")
    )
    return grouped.reset_index(drop=True)


def by_city(scored: pd.DataFrame, patent_cities: pd.DataFrame, counting: str = "fractional") -> pd.DataFrame:
    """Per city and year: patents, novel patents, novel share and counts by type (CITY_COLUMNS).

    ``patent_cities`` holds (patent_id, city_id); a patent in k cities counts 1/k to each
    (fractional) or 1 (whole).
    """
    # joined on integer codes of the patent ids: several times faster than on the strings
    codes, _ = pd.factorize(pd.concat([patent_cities["patent_id"], scored["patent_id"]], ignore_index=True))
    cities = pd.DataFrame({"p": codes[: len(patent_cities)], "city_id": patent_cities["city_id"].to_numpy()})
    kind, kinds = pd.factorize(scored["novelty_type"])
    columns = scored[["year", "novel"]].assign(p=codes[len(patent_cities) :], kind=kind)
    located = cities.drop_duplicates().merge(columns, on="p")
    if located.empty:
        return pd.DataFrame({c: [] for c in CITY_COLUMNS})
    p = located["p"].to_numpy()
    k = pd.Series(np.bincount(p)[p], index=located.index)
    w = 1.0 / k if counting == "fractional" else pd.Series(1.0, index=located.index)
    located = located.assign(patents=w, novel_patents=w * located["novel"])
    for t in TYPES:
        located[t] = w * (located["kind"] == (kinds.get_loc(t) if t in kinds else -2))
    out = located.groupby(["city_id", "year"], as_index=False)[["patents", "novel_patents", *TYPES]].sum()
    out["novel_share"] = out["novel_patents"] / out["patents"]
    return out[CITY_COLUMNS]


def unlocated(scored: pd.DataFrame, patent_cities: pd.DataFrame) -> pd.DataFrame:
    """year, patents: scored patents that no city holds (left out of the city figures)."""
    missing = scored[~scored["patent_id"].isin(patent_cities["patent_id"])]
    return missing.groupby("year", as_index=False).size().rename(columns={"size": "patents"})
