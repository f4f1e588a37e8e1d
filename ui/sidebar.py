"""The sidebar: the city, the comparison set and the indicator switches, kept as one :class:`Selection`."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics.store_tables import DEFAULT_CITIES
from analytics.switches import GEOS, IPC_LEVELS, Period, parse_period, stages
from hotspot_kg.core.errors import HotspotError
from ui import data

DEFAULT_COMPARISON = DEFAULT_CITIES  # the cities whose local networks `hotspot-kg analyze` stores
COUNTINGS = ("fractional", "whole")


@dataclass(frozen=True)
class Selection:
    city: str  # city_id
    compare: tuple[str, ...]  # city_ids, the chosen city first
    geo: str
    counting: str
    ipc_level: str
    pool_years: int
    periods: tuple[Period, ...]
    custom_periods: bool

    @property
    def key(self) -> data.SwitchKey:
        """The switches as a plain, hashable cache key (periods None: the stages of the data)."""
        periods = tuple(str(p) for p in self.periods) if self.custom_periods else None
        return (self.geo, self.counting, self.ipc_level, self.pool_years, periods)

    @property
    def cities(self) -> list[str]:
        return list(dict.fromkeys((self.city, *self.compare)))


def default_periods(last_year: int | None) -> list[Period]:
    return stages(last_year if last_year is not None else 2019)


def default_cities(ids: list[str]) -> list[str]:
    """Shenzhen and the study's comparison cities found in the data; without Shenzhen, the four cities
    with the most patents (``ids`` come sorted that way)."""
    if data.find_city(DEFAULT_COMPARISON[0]) is None:
        return ids[:4]
    return [c for c in (data.find_city(n) for n in DEFAULT_COMPARISON) if c is not None]


def _parse_periods(text: str) -> list[Period]:
    return [parse_period(part) for part in text.replace(";", ",").split(",") if part.strip()]


def render() -> Selection | None:
    """Draw the sidebar and return the selection (None when the database holds no city yet)."""
    cities = data.cities()
    if cities.empty:
        return None
    labels = data.city_names()
    ids = list(cities["city_id"])
    defaults = default_cities(ids)
    last = data.dataset().get("last_year")
    stage_text = ", ".join(str(p) for p in default_periods(last))
    initial: dict[str, object] = {
        "city": defaults[0],
        "compare": defaults[1:],
        "geo": GEOS[0],
        "counting": COUNTINGS[0],
    }
    initial |= {"ipc_level": IPC_LEVELS[0], "pool_years": 5, "periods": stage_text}
    for key, value in initial.items():  # defaults through Session State, so tests and links can set them
        st.session_state.setdefault(key, value)
    if st.session_state["city"] not in ids:
        st.session_state["city"] = defaults[0]
    sb = st.sidebar
    city = sb.selectbox("City", ids, format_func=lambda c: labels.get(c, str(c)), key="city")
    compare = sb.multiselect(
        "Compare with", ids, format_func=lambda c: labels.get(c, str(c)), key="compare", max_selections=8
    )
    with sb.expander("Indicator settings"):
        geo = st.radio("Place patents by", GEOS, key="geo", horizontal=True, help="whose address (geo)")
        counting = st.radio("Counting", COUNTINGS, key="counting", horizontal=True)
        ipc_level = st.selectbox("IPC level (novelty, complexity)", IPC_LEVELS, key="ipc_level")
        pool_years = int(st.number_input("Seed pool (years)", 0, 20, key="pool_years"))
        text = st.text_input("Periods (NAME:FIRST-LAST, ...)", key="periods")
    try:
        periods = _parse_periods(text) or default_periods(last)
    except HotspotError as e:
        sb.error(f"{e}; using the stages")
        periods = default_periods(last)
    custom = [str(p) for p in periods] != [str(p) for p in default_periods(last)]
    if sb.button("Reload data", help="Clear the cached tables after `hotspot-kg analyze` or a new load"):
        data.reload()
    return Selection(str(city), tuple(compare), geo, counting, ipc_level, pool_years, tuple(periods), custom)


def current() -> Selection:
    """The selection drawn by the app for this run (pages call this)."""
    selection = st.session_state.get("_selection")
    if selection is None:
        st.info("No city in the database yet: load data with `hotspot-kg load canonical DIR` first.")
        st.stop()
    assert isinstance(selection, Selection)
    return selection
