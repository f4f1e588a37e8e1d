"""The explorer's science and context data: the Context rows and the science fields (cached), and the
pure shaping the science page needs (a city's and its country's context, the two profiles)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hotspot_kg.core.db import run
from hotspot_kg.core.queries import load
from ui import data

CONTEXT_HINT = (
    "No economic context for {area}: fill `city_context.csv` (see the README, 'Economic context': a source "
    "on every row, empty = unknown) and load it with `hotspot-kg load science DIR`; "
    "`hotspot-kg fetch worldbank --countries CN,US --out DIR` writes the country rows from the World Bank."
)


@st.cache_data(ttl=data.TTL, show_spinner=False)
def context(database_name: str | None = None) -> pd.DataFrame:
    """Every Context row (``ui_city_context``)."""
    return run(data.driver(), load("ui_city_context").text, {}, database=database_name or data.database())


@st.cache_data(ttl=data.TTL, show_spinner=False)
def science_fields(database_name: str | None = None) -> pd.DataFrame:
    """field, name, domain of OpenAlex's fields (empty before any science load)."""
    return run(data.driver(), load("ui_science_fields").text, {}, database=database_name or data.database())


def with_intensity(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with ``intensity``: R&D as % of GDP, given (rd_intensity) or rd_expenditure / GDP."""
    if rows.empty:
        return rows.assign(intensity=pd.Series(dtype=float))
    gdp = pd.to_numeric(rows["gdp_per_capita"], errors="coerce") * pd.to_numeric(
        rows["population"], errors="coerce"
    )
    derived = pd.to_numeric(rows["rd_expenditure"], errors="coerce") / gdp.where(gdp > 0) * 100
    given = pd.to_numeric(rows["rd_intensity"], errors="coerce")
    return rows.assign(intensity=given.where(given.notna(), derived).astype(float))


def area_rows(table: pd.DataFrame, area_id: str | None, label: str) -> pd.DataFrame:
    """The context rows of one area, labelled ``area``."""
    if area_id is None or table.empty:
        return pd.DataFrame(columns=[*table.columns, "area"])
    return with_intensity(table[table["area_id"] == area_id]).assign(area=label)


def profile_shares(table: pd.DataFrame, city_id: str, key: str, value: str, label: pd.Series) -> pd.DataFrame:
    """label, city, all: a city's shares of ``value`` by ``key`` beside the whole table's shares."""
    world = table.groupby(key)[value].sum()
    mine = table[table["city_id"] == city_id].groupby(key)[value].sum()
    out = pd.DataFrame({"city": mine / mine.sum() if mine.sum() else mine, "all": world / world.sum()})
    out = out.fillna(0.0).reset_index(names="key")
    return out.assign(label=out["key"].map(lambda k: label.get(k, str(k)))).drop(columns="key")


def country_patents(patents: pd.DataFrame, countries: pd.Series, country: str) -> pd.DataFrame:
    """year, patents of every city of ``country`` (the country's located patents)."""
    mine = patents[patents["city_id"].map(countries) == country]
    return mine.groupby("year")["patents"].sum().reset_index() if len(mine) else mine[["year", "patents"]]
