"""City x technology x year patent counts from the patents' (city) and (technology, year) pairs.

The input of RSI and KCI/TCI. A patent counts when it has a year, at least one city and at least one
technology; with k distinct cities and m distinct technologies it gives 1/(k*m) to each of its k*m
(city, technology) cells (``fractional``) or 1 to each (``whole``). The query
``specialisation_counts`` computes the same table inside the database, for Browser users; pulling the
two link lists and counting here is several times faster on large graphs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hotspot_kg.core.errors import HotspotError

COUNT_COLUMNS = ["city_id", "tech", "year", "x"]


def empty() -> pd.DataFrame:
    return pd.DataFrame({"city_id": [], "tech": [], "year": [], "x": []}).astype({"year": int, "x": float})


def _pairs(patent: np.ndarray, item: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (patent, item) pairs of two integer arrays, ordered by patent."""
    key = np.sort(patent.astype(np.int64) * size + item)
    key = key[np.concatenate([[True], key[1:] != key[:-1]])] if len(key) else key
    return key // size, key % size


def city_tech_counts(cities: pd.DataFrame, techs: pd.DataFrame, counting: str = "fractional") -> pd.DataFrame:
    """``cities`` (patent_id, city_id) and ``techs`` (patent_id, tech, year) -> city_id, tech, year, x,
    ordered by city, technology and year. Repeated pairs count once; patents missing from either
    side do not count. Everything is counted on integer codes (categorical columns are fastest)."""
    if counting not in ("fractional", "whole"):
        raise HotspotError(f"counting must be 'fractional' or 'whole', not {counting!r}")
    if cities.empty or techs.empty:
        return empty()
    patent, _ = pd.factorize(pd.concat([cities["patent_id"], techs["patent_id"]], ignore_index=True))
    city, city_names = pd.factorize(cities["city_id"], sort=True)
    tech, tech_names = pd.factorize(techs["tech"], sort=True)
    years = np.zeros(int(patent.max()) + 1, dtype=np.int64)
    years[patent[len(cities) :]] = techs["year"].to_numpy(dtype=np.int64)  # one year per patent
    c_pat, c_city = _pairs(patent[: len(cities)], city, len(city_names))
    t_pat, t_tech = _pairs(patent[len(cities) :], tech, len(tech_names))
    k = np.bincount(c_pat, minlength=len(years))  # distinct cities per patent
    m = np.bincount(t_pat, minlength=len(years))  # distinct technologies per patent
    t_start = np.concatenate([[0], np.cumsum(m)[:-1]])  # t_pat is sorted: a patent's techs are contiguous
    reps = m[c_pat]  # each (patent, city) pair meets the patent's m technologies
    rows = np.repeat(np.arange(len(c_pat)), reps)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(reps) - reps, reps)
    cell_tech = t_tech[t_start[c_pat[rows]] + offset]
    cell_pat = c_pat[rows]
    if len(rows) == 0:
        return empty()
    year_values, year = np.unique(years[cell_pat], return_inverse=True)
    key = (c_city[rows].astype(np.int64) * len(tech_names) + cell_tech) * len(year_values) + year
    cells, where = np.unique(key, return_inverse=True)
    weight = np.ones(len(rows)) if counting == "whole" else 1.0 / (k[cell_pat] * m[cell_pat])
    x = np.bincount(where, weights=weight, minlength=len(cells))
    out = pd.DataFrame({
        "city_id": np.asarray(city_names)[cells // len(year_values) // len(tech_names)],
        "tech": np.asarray(tech_names)[cells // len(year_values) % len(tech_names)],
        "year": year_values[cells % len(year_values)].astype(int),
        "x": x,
    })  # fmt: skip
    return out[COUNT_COLUMNS]
