"""Patents by stakeholder type and by ownership type, per city and year.

With geo=applicant a patent's cities are its applicants' cities, and in each city the categories
are those of the applicants located there; with geo=inventor the cities are its inventors' and the
categories those of all its applicants. Fractional counting gives 1/k to each of k cities and
splits that equally over the distinct categories present (like RSI's technologies); whole gives 1
to each (city, category). For ownership only applicants with an ownership type count.
"""

from __future__ import annotations

import pandas as pd
from neo4j import Driver

from analytics import units as study_units
from analytics.graphio import query
from analytics.switches import Switches

STAKEHOLDER_COLUMNS = ["city_id", "year", "type", "patents"]
OWNERSHIP_COLUMNS = ["city_id", "year", "ownership", "patents"]


def tally(units: pd.DataFrame, category: str, counting: str) -> pd.DataFrame:
    """units: distinct (patent_id, year, city_id, category) -> patents per city, year and category."""
    units = units.dropna(subset=["city_id", category]).drop_duplicates(["patent_id", "city_id", category])
    if units.empty:
        return pd.DataFrame({c: [] for c in ["city_id", "year", category, "patents"]})
    if counting == "fractional":
        k = units.groupby("patent_id")["city_id"].transform("nunique")
        m = units.groupby(["patent_id", "city_id"])[category].transform("size")
        units = units.assign(patents=1.0 / (k * m))
    else:
        units = units.assign(patents=1.0)
    out = units.groupby(["city_id", "year", category])["patents"].sum().reset_index()
    return out.astype({"year": int})


def units(rows: pd.DataFrame, category: str, geo: str, inventor_cities: pd.DataFrame | None) -> pd.DataFrame:
    """The (patent, year, city, category) units under ``geo``."""
    if geo == "applicant":
        return rows[["patent_id", "year", "city_id", category]]
    cats = rows[["patent_id", "year", category]].dropna().drop_duplicates()
    return cats.merge(inventor_cities if inventor_cities is not None else pd.DataFrame(), on="patent_id")


def compute(
    driver: Driver, switches: Switches, database: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stakeholders, ownership) tables under ``switches``."""
    geo = switches.geo or "applicant"
    rows = query(driver, "ecosystem_applicants", {"year_basis": switches.year}, database)
    rows = study_units.unit_rows(driver, switches, rows, database)
    if rows.empty:
        return (
            pd.DataFrame({c: [] for c in STAKEHOLDER_COLUMNS}),
            pd.DataFrame({c: [] for c in OWNERSHIP_COLUMNS}),
        )
    located = study_units.patent_cities(driver, switches, "inventor", database) if geo == "inventor" else None
    if geo == "applicant" and switches.geo_unit == "cluster":
        rows = study_units.to_places(rows, study_units.places(driver, switches, database))
    stake = tally(units(rows, "type", geo, located), "type", switches.counting)
    own = tally(units(rows, "ownership", geo, located), "ownership", switches.counting)
    if switches.cities is not None:
        stake = stake[stake["city_id"].isin(switches.cities)].reset_index(drop=True)
        own = own[own["city_id"].isin(switches.cities)].reset_index(drop=True)
    return stake[STAKEHOLDER_COLUMNS], own[OWNERSHIP_COLUMNS]
