"""Science indicators from the works' institutions: the science profile with its RSI, and the
scientific collaboration types (``shared/spec/indicators.md``, "Science and context").

A work is placed in the distinct cities of its institutions; under ``counting = fractional`` it gives
1/k to each of its k cities, under ``whole`` 1 to each. Works none of whose institutions has a city are
left out of the city figures and reported as ``unlocated``.

- Science profile of city c in a period: share(c, f) = works(c, f) / works(c) beside share_all(f), the
  same share over every city of the database; ``rsi`` = share / share_all (Balassa). Works without a
  field are left out of the profile.
- Collaboration type of a work with at least two located institutions: ``local`` (one city),
  ``domestic`` (several cities, one country), ``international`` (several countries); with fewer it is
  ``single`` (counted, left out of the shares). ``greater_china = separate`` (default, by ISO code) keeps
  HK, MO and TW apart from CN; ``domestic`` counts them as China, so a Shenzhen-Hong Kong work is domestic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics.graphio import query
from analytics.rsi import rsi_long
from analytics.specialisation import by_period
from analytics.switches import Period, Switches

LINK_COLUMNS = ["work_id", "year", "field", "institution_id", "city_id", "country"]
PROFILE_COLUMNS = ["city_id", "period", "field", "works", "share", "share_all", "rsi"]
COLLABORATION_COLUMNS = ["city_id", "year", "local", "domestic", "international", "single"]
TYPES = ("local", "domestic", "international", "single")
GREATER_CHINA = ("HK", "MO", "TW")


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in columns})


def city_field_counts(links: pd.DataFrame, counting: str = "fractional") -> pd.DataFrame:
    """city_id, field, year, x: works per city, field and year from the (work, institution) links."""
    located = links.dropna(subset=["city_id", "year"]).drop_duplicates(["work_id", "city_id"])
    if located.empty:
        return _empty(["city_id", "field", "year", "x"])
    k = located.groupby("work_id")["city_id"].transform("size")  # distinct cities of the work
    weight = 1.0 / k if counting == "fractional" else pd.Series(1.0, index=located.index)
    weighted = located.assign(x=weight).dropna(subset=["field"])
    out = weighted.groupby(["city_id", "field", "year"])["x"].sum().reset_index()
    return out.astype({"field": int, "year": int, "x": float})


def profile(yearly: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    """The science profile per period (PROFILE_COLUMNS) from :func:`city_field_counts`."""
    per = by_period(yearly.rename(columns={"field": "tech"}), periods)
    parts = []
    for p in periods:
        cells = rsi_long(per[per["period"] == p.name], value="x")
        if cells.empty:
            continue
        total = cells["x"].sum()
        parts.append(
            pd.DataFrame(
                {
                    "city_id": cells["city_id"],
                    "period": p.name,
                    "field": cells["tech"].astype(int),
                    "works": cells["x"],
                    "share": cells["x"] / cells.groupby("city_id")["x"].transform("sum"),
                    "share_all": cells.groupby("tech")["x"].transform("sum") / total,
                    "rsi": cells["rsi"],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[PROFILE_COLUMNS] if parts else _empty(PROFILE_COLUMNS)


def work_types(links: pd.DataFrame, greater_china: str = "separate") -> pd.DataFrame:
    """Per work (index work_id): year, located (institutions with a city), n_cities, n_countries, type."""
    located = links.dropna(subset=["city_id"])
    country = located["country"]
    if greater_china == "domestic":
        country = country.where(~country.isin(GREATER_CHINA), "CN")
    located = located.assign(country=country)
    per = located.groupby("work_id").agg(
        year=("year", "first"),
        located=("institution_id", "nunique"),
        n_cities=("city_id", "nunique"),
        n_countries=("country", "nunique"),
    )
    per["type"] = np.select(
        [per["located"] < 2, per["n_cities"] <= 1, per["n_countries"] <= 1],
        ["single", "local", "domestic"],
        "international",
    )
    return per


def collaboration(
    links: pd.DataFrame, greater_china: str = "separate", counting: str = "fractional"
) -> pd.DataFrame:
    """Works per city and year by collaboration type (COLLABORATION_COLUMNS)."""
    dated = links.dropna(subset=["year"])
    if dated["city_id"].isna().all():
        return _empty(COLLABORATION_COLUMNS)
    per = work_types(dated, greater_china)
    held = dated.dropna(subset=["city_id"])[["work_id", "city_id"]].drop_duplicates()
    held = held.join(per[["year", "n_cities", "type"]], on="work_id")
    held["w"] = 1.0 / held["n_cities"] if counting == "fractional" else 1.0
    table = held.pivot_table(
        index=["city_id", "year"], columns="type", values="w", aggfunc="sum", fill_value=0.0
    )
    table = table.reindex(columns=list(TYPES), fill_value=0.0).reset_index()
    table.columns.name = None
    return table[COLLABORATION_COLUMNS].astype({"year": int})


def links(driver: Driver, database: str | None = None) -> pd.DataFrame:
    """Every (dated work, institution) link with field, city and country (``science_work_cities``)."""
    found = query(driver, "science_work_cities", None, database)
    return found if len(found) else _empty(LINK_COLUMNS)


def unlocated(driver: Driver, database: str | None = None) -> pd.DataFrame:
    """year, works: the works that no city holds."""
    return query(driver, "science_unlocated_works", None, database)


def last_year(table: pd.DataFrame) -> int | None:
    return int(table["year"].max()) if len(table) and table["year"].notna().any() else None


def compute_profile(
    driver: Driver, switches: Switches, database: str | None = None
) -> tuple[pd.DataFrame, list[Period]]:
    """The science profile under ``switches`` (counting, periods, cities) and the periods used."""
    pulled = links(driver, database)
    periods = switches.resolved_periods(last_year(pulled))
    table = profile(city_field_counts(pulled, switches.counting), periods)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table, periods


def compute_collaboration(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """Scientific collaboration types per city and year under ``switches`` (counting, greater_china, cities)."""
    table = collaboration(links(driver, database), switches.greater_china, switches.counting)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
