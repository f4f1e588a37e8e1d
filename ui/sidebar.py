"""The sidebar: the city, the comparison set and the indicator switches, kept as one :class:`Selection`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from analytics.store_tables import DEFAULT_CITIES
from analytics.switches import (
    GEO_UNITS,
    GEOS,
    GII_MIN_WEIGHT,
    GII_RADIUS_KM,
    IPC_LEVELS,
    SCOPES,
    UNITS,
    Period,
    parse_period,
    stages,
)
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
    unit: str = "patent"
    scope: str = "all"
    geo_unit: str = "city"
    cluster_radius_km: float = GII_RADIUS_KM
    cluster_min_weight: float = GII_MIN_WEIGHT

    @property
    def key(self) -> data.SwitchKey:
        """The switches as a plain, hashable cache key (periods None: the stages of the data)."""
        periods = tuple(str(p) for p in self.periods) if self.custom_periods else None
        return (self.geo, self.counting, self.ipc_level, self.pool_years, periods, self.unit, self.scope,
                self.geo_unit, self.cluster_radius_km, self.cluster_min_weight)  # fmt: skip

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
    initial |= {"unit": UNITS[0], "scope": SCOPES[0], "geo_unit": GEO_UNITS[0]}
    initial |= {"cluster_radius_km": GII_RADIUS_KM, "cluster_min_weight": GII_MIN_WEIGHT}
    for key, value in initial.items():  # defaults through Session State, so tests and links can set them
        st.session_state.setdefault(key, value)
    sb = st.sidebar
    units = _units(sb)
    if units["geo_unit"] == "cluster":
        ids, defaults = _place_choice(units, defaults)
        labels = {**labels, **_place_labels(units)}
    if st.session_state["city"] not in ids:
        st.session_state["city"] = defaults[0]
    st.session_state["compare"] = [c for c in st.session_state["compare"] if c in ids]
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
    return Selection(str(city), tuple(compare), geo, counting, ipc_level, pool_years, tuple(periods), custom,
                     **units)  # fmt: skip


def _units(sb: object) -> dict[str, Any]:
    """The study's units: what one invention is (patents or families, all or international ones) and
    the places (cities or GII-style clusters, with the clusters' radius and minimum weight)."""
    with sb.expander("Units: families and clusters"):  # type: ignore[attr-defined]
        unit = st.radio("Count", UNITS, key="unit", horizontal=True, help="patents, or patent families")
        scope = st.radio(
            "Families", SCOPES, key="scope", horizontal=True, help="international: 2+ offices or PCT"
        )
        geo_unit = st.radio(
            "Places", GEO_UNITS, key="geo_unit", horizontal=True, help="cities or GII-style clusters"
        )
        radius = float(st.number_input("Cluster radius (km)", 0.1, 200.0, key="cluster_radius_km"))
        weight = float(st.number_input("Cluster minimum weight", 0.1, 1e7, key="cluster_min_weight"))
    return {"unit": unit, "scope": scope, "geo_unit": geo_unit, "cluster_radius_km": radius,
            "cluster_min_weight": weight}  # fmt: skip


def _key(units: dict[str, Any]) -> data.SwitchKey:
    return ("applicant", "fractional", "subclass", 5, None, *units.values())


def _place_choice(units: dict[str, Any], defaults: list[str]) -> tuple[list[str], list[str]]:
    """The places to pick from under clusters, and the places of the default cities."""
    found = data.places(_key(units))
    ids = [str(p) for p in found["place_id"]]
    holder = {str(c): str(p) for p, cs in zip(found["place_id"], found["cities"], strict=True) for c in cs}
    mapped = list(dict.fromkeys(holder[c] for c in defaults if c in holder)) or ids[:4]
    return ids, mapped


def _place_labels(units: dict[str, Any]) -> dict[str, str]:
    found = data.places(_key(units))
    return {
        str(p): f"{n} (cluster)"
        for p, n, c in zip(found["place_id"], found["name"], found["clustered"], strict=True)
        if c
    }


def current() -> Selection:
    """The selection drawn by the app for this run (pages call this)."""
    selection = st.session_state.get("_selection")
    if selection is None:
        st.info("No city in the database yet: load data with `hotspot-kg load canonical DIR` first.")
        st.stop()
    assert isinstance(selection, Selection)
    return selection
