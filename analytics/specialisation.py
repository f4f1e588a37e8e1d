"""Specialisation: RSI (Balassa) of every city in every technology and period, and its write-back.

The patents' city and technology links are pulled once (:mod:`analytics.links`) and counted per
city, technology and year (:mod:`analytics.counting`; ``specialisation_counts`` is the same in
Cypher); pandas sums them into periods and computes RSI over the whole table (:mod:`analytics.rsi`).
RSI >= 1 on the 35 WIPO fields is written back as ``(City)-[:SPECIALISED_IN {period, rsi}]->(TechField)``.
"""

from __future__ import annotations

import json

import pandas as pd
from neo4j import Driver

from analytics import units
from analytics.counting import city_tech_counts
from analytics.graphio import records, write_rows
from analytics.rsi import rsi_long
from analytics.switches import Period, Switches, assign_periods
from hotspot_kg.core.db import run
from hotspot_kg.core.queries import load

RSI_COLUMNS = ["city_id", "period", "tech", "x", "rsi", "rsi_sym"]


def counts(driver: Driver, switches: Switches, tech_unit: str, database: str | None = None) -> pd.DataFrame:
    """city_id, tech, year, x: the counts of every located patent with a technology, per year (the
    patents' links pulled once, :mod:`analytics.links`, and counted by
    :func:`analytics.counting.city_tech_counts`; the query ``specialisation_counts`` gives the same
    table from the database)."""
    links = units.pull(driver, switches, tech_unit=tech_unit, geo=switches.geo or "applicant", ids=False,
                       database=database)  # fmt: skip
    cities = links.cities.rename(columns={"patent": "patent_id"})
    techs = links.tech_years().rename(columns={"patent": "patent_id"})
    return city_tech_counts(cities, techs, switches.counting)


def unlocated(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """year, patents: the dated patents (or families) that no city holds under ``geo``."""
    if switches.by_family:
        return units.unlocated(units.pull(driver, switches, geo=switches.geo or "applicant", ids=False,
                                          database=database))  # fmt: skip
    q = load("unlocated_patents")
    params = q.bind({"geo": switches.geo or "applicant", "year_basis": switches.year})
    return pd.DataFrame(run(driver, q.text, params, database=database))


def by_period(yearly: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    """Sum yearly rows (city_id, tech, year, x) into periods: city_id, tech, period, x."""
    if yearly.empty or not periods:
        return pd.DataFrame({"city_id": [], "tech": [], "period": [], "x": []})
    rows = assign_periods(yearly["year"], periods)
    joined = yearly.loc[rows["row"]].reset_index(drop=True).assign(period=rows["period"].to_numpy())
    return joined.groupby(["period", "city_id", "tech"], sort=False)["x"].sum().reset_index()


def rsi_table(yearly: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    """RSI per period over the whole table: city_id, period, tech, x, rsi, rsi_sym (cells with x > 0)."""
    per = by_period(yearly, periods)
    parts = [rsi_long(per[per["period"] == p.name]).assign(period=p.name) for p in periods]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: [] for c in RSI_COLUMNS})
    return pd.concat(parts, ignore_index=True)[RSI_COLUMNS]


def last_year(yearly: pd.DataFrame) -> int | None:
    return int(yearly["year"].max()) if len(yearly) else None


def compute(
    driver: Driver, switches: Switches, database: str | None = None
) -> tuple[pd.DataFrame, list[Period]]:
    """The RSI table under ``switches`` (tech_unit default field35) and the periods used."""
    return from_counts(counts(driver, switches, switches.tech_unit or "field35", database), switches)


def from_counts(yearly: pd.DataFrame, switches: Switches) -> tuple[pd.DataFrame, list[Period]]:
    """The RSI table of the yearly counts (city_id, tech, year, x) under ``switches`` (periods, cities),
    and the periods used: what both engines do once the counts are made."""
    periods = switches.resolved_periods(last_year(yearly))
    table = rsi_table(yearly, periods)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table, periods


def write(
    driver: Driver,
    table: pd.DataFrame,
    switches: Switches,
    periods: list[Period],
    database: str | None = None,
) -> int:
    """Replace the SPECIALISED_IN links of ``periods`` by the field35 cells with RSI >= 1."""
    settings = json.dumps(
        {"geo": switches.geo or "applicant", "counting": switches.counting, "year": switches.year}
    )
    clear = load("specialisation_clear")
    run(driver, clear.text, clear.bind({"periods": [p.name for p in periods]}), database=database, write=True)
    keep = table[table["rsi"] >= 1.0].rename(columns={"tech": "field"})
    rows = records(keep[["city_id", "field", "period", "rsi", "rsi_sym", "x"]].assign(settings=settings))
    return write_rows(driver, "specialisation_write", rows, None, database)
