"""Collaboration types per city and year: local, domestic, international, single.

A patent with at least two distinct persons (inventors by default, applicants with geo=applicant)
of which at least two are located is ``local`` (one city), ``domestic`` (several cities, one
country) or ``international`` (several countries), judged on its located persons; otherwise it is
``single``. Each patent is attributed to its cities (those of the same persons) with ``counting``.
Shares are over local + domestic + international (single is left out, and reported).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import units
from analytics.graphio import query
from analytics.switches import Switches

TYPES = ("local", "domestic", "international", "single")
COLUMNS = ["city_id", "year", *TYPES, "local_share", "domestic_share", "international_share"]


def classify(patents: pd.DataFrame) -> pd.Series:
    """The type of each patent (patent_id, persons, located, cities, countries)."""
    n_cities = patents["cities"].map(len)
    n_countries = patents["countries"].map(len)
    collaborative = (patents["persons"] >= 2) & (patents["located"] >= 2)
    kind = np.select(
        [~collaborative, n_cities <= 1, n_countries <= 1],
        ["single", "local", "domestic"],
        "international",
    )
    return pd.Series(kind, index=patents.index, name="type")


def by_city(patents: pd.DataFrame, counting: str = "fractional") -> pd.DataFrame:
    """Counts and shares per city and year (COLUMNS); patents without a city are left out."""
    typed = patents.assign(type=classify(patents))
    typed = typed[typed["cities"].map(len) > 0]
    if typed.empty:
        return pd.DataFrame({c: [] for c in COLUMNS})
    k = typed["cities"].map(len)
    typed = typed.assign(w=1.0 / k if counting == "fractional" else 1.0).explode("cities")
    table = typed.pivot_table(
        index=["cities", "year"], columns="type", values="w", aggfunc="sum", fill_value=0.0
    )
    table = (
        table.reindex(columns=list(TYPES), fill_value=0.0).reset_index().rename(columns={"cities": "city_id"})
    )
    collab = table["local"] + table["domestic"] + table["international"]
    for t in ("local", "domestic", "international"):
        table[f"{t}_share"] = np.where(collab > 0, table[t] / collab.where(collab > 0, 1.0), np.nan)
    table.columns.name = None
    return table[COLUMNS].astype({"year": int})


def _codes(values: pd.Series) -> np.ndarray:
    """Integer codes of a key column (-1 for null): grouping on them beats grouping on strings."""
    return pd.factorize(values)[0]


def patent_types(persons: pd.DataFrame, countries: pd.Series) -> pd.DataFrame:
    """Per patent (index: code of patent_id): year, persons, located, n_cities, n_countries and type,
    from one row per (patent_id, year, person_id, city_id) link (city_id null when unlocated). The
    country of a person is that of its city, or the ``country`` column when given (a city replaced by
    its cluster keeps its own country)."""
    country = persons["country"] if "country" in persons else persons["city_id"].map(countries)
    rows = pd.DataFrame({
        "p": _codes(persons["patent_id"]), "year": persons["year"].to_numpy(),
        "person": _codes(persons["person_id"]), "city": _codes(persons["city_id"]),
        "country": _codes(country),
    })  # fmt: skip
    located = rows[rows["city"] >= 0]
    per = rows.groupby("p").agg(year=("year", "first"), persons=("person", "nunique"))
    held = located.groupby("p").agg(located=("person", "nunique"), n_cities=("city", "nunique"))
    held["n_countries"] = located[located["country"] >= 0].groupby("p")["country"].nunique()
    per = per.join(held).fillna({"located": 0, "n_cities": 0, "n_countries": 0})
    collaborative = (per["persons"] >= 2) & (per["located"] >= 2)
    per["type"] = np.select(
        [~collaborative, per["n_cities"] <= 1, per["n_countries"] <= 1],
        ["single", "local", "domestic"],
        "international",
    )
    return per


def by_city_from_persons(
    persons: pd.DataFrame, countries: pd.Series, counting: str = "fractional"
) -> pd.DataFrame:
    """:func:`by_city` computed from person links (see :func:`patent_types`), vectorised."""
    if persons.empty or persons["city_id"].isna().all():
        return pd.DataFrame({c: [] for c in COLUMNS})
    per = patent_types(persons, countries)
    held = pd.DataFrame({"p": _codes(persons["patent_id"]), "city_id": persons["city_id"].to_numpy()})
    held = held.dropna(subset=["city_id"]).drop_duplicates().join(per[["year", "n_cities", "type"]], on="p")
    held["w"] = 1.0 / held["n_cities"] if counting == "fractional" else 1.0
    return tabulate(held)


def tabulate(held: pd.DataFrame) -> pd.DataFrame:
    """Counts and shares per city and year (COLUMNS) from weighted rows (city_id, year, type, w): what
    both engines do last."""
    table = held.pivot_table(
        index=["city_id", "year"], columns="type", values="w", aggfunc="sum", fill_value=0.0
    )
    table = table.reindex(columns=list(TYPES), fill_value=0.0).reset_index()
    collab = table["local"] + table["domestic"] + table["international"]
    for t in ("local", "domestic", "international"):
        table[f"{t}_share"] = np.where(collab > 0, table[t] / collab.where(collab > 0, 1.0), np.nan)
    table.columns.name = None
    return table[COLUMNS].astype({"year": int})


def compute(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """Collaboration types per city and year under ``switches`` (geo default: inventor)."""
    params = {"geo": switches.geo or "inventor", "year_basis": switches.year}
    persons = units.unit_rows(
        driver, switches, query(driver, "collaboration_persons", params, database), database
    )
    if persons.empty:
        return pd.DataFrame({c: [] for c in COLUMNS})
    countries = query(driver, "city_countries", None, database).set_index("city_id")["country"]
    if switches.geo_unit == "cluster":  # local: within one cluster; the countries stay the persons' own
        persons = units.to_places(persons.assign(country=persons["city_id"].map(countries)),
                                  units.places(driver, switches, database))  # fmt: skip
    table = by_city_from_persons(persons, countries, switches.counting)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table


def unlocated(patents: pd.DataFrame) -> int:
    """Patents none of whose persons is located."""
    return int((patents["cities"].map(len) == 0).sum())
