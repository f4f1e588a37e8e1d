"""The explorer's data layer: one cached driver, cached tables, and the guard clauses of the pages.

Pages never touch Neo4j themselves: they call the functions here, which wrap :mod:`ui.tables` (and so
the analytics functions) in ``st.cache_data``. Cache keys hold the switches as plain tuples.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from neo4j import Driver

from analytics.switches import Period, Switches, parse_period
from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import HotspotError
from ui import network_chart, tables
from ui.tables import NotAvailable

# geo, counting, ipc_level, pool_years, periods, then (optional) unit, scope, geo_unit, cluster radius, weight
SwitchKey = tuple[Any, ...]
TTL = 3600  # seconds; "Reload data" in the sidebar clears the caches at once


def settings() -> settings_module.Settings:
    return settings_module.current()


@st.cache_resource(show_spinner="Connecting to Neo4j ...")
def driver() -> Driver:
    """The one driver of this Streamlit server (built once, shared by every session)."""
    return db.connect(settings())


def database() -> str:
    return settings().database


def connected_driver() -> Driver:
    """The driver, or one clear message with what to do and ``st.stop()`` when Neo4j does not answer."""
    try:
        return driver()
    except HotspotError as e:
        st.error(f"Cannot reach Neo4j. {e}")
        st.info(
            "Start the database with `hotspot-kg neo4j start` (or set NEO4J_URI / NEO4J_PASSWORD for another "
            "server), then reload this page."
        )
        st.stop()
        raise  # unreachable: st.stop() raises


def browser_url() -> str:
    """Neo4j Browser of the server in use: the local server's, or derived from NEO4J_URI (port 7474)."""
    s = settings()
    if not s.external:
        return s.local.browser_url
    host = urlparse(s.uri).hostname or "localhost"
    return f"http://{host}:7474/browser/"


def switches_of(key: SwitchKey) -> Switches:
    geo, counting, ipc_level, pool_years, periods, *units = key
    parsed = None if periods is None else tuple(parse_period(p) for p in periods)
    named = dict(
        zip(("unit", "scope", "geo_unit", "cluster_radius_km", "cluster_min_weight"), units, strict=False)
    )
    return Switches(
        geo=geo, counting=counting, ipc_level=ipc_level, pool_years=pool_years, periods=parsed, **named
    )


@st.cache_data(ttl=TTL, show_spinner="Finding the clusters ...")
def places(key: SwitchKey, database_name: str | None = None) -> pd.DataFrame:
    """The clusters and the cities in none under ``key`` (no rows under geo_unit = city): place_id, name,
    country, countries, lat, lon, clustered, cities."""
    return tables.places(driver(), switches_of(key), database_name or database())


def place_points(key: SwitchKey) -> pd.DataFrame:
    """place_id, name, lat, lon of every place of ``key``: the cities, or the clusters and the cities in none."""
    found = places(key) if switches_of(key).geo_unit == "cluster" else pd.DataFrame()
    if found.empty:
        return cities()[["city_id", "name", "lat", "lon"]].rename(columns={"city_id": "place_id"})
    return found[["place_id", "name", "lat", "lon"]]


LIVE = (
    "Computing the table from the graph: no stored table matches these settings (`hotspot-kg analyze` "
    "stores the tables of the default settings, and the page then opens at once) ..."
)


@st.cache_resource(ttl=TTL, show_spinner=False)
def _stored(name: str, key: SwitchKey, database_name: str) -> tuple[pd.DataFrame | None, str]:
    """The stored table (None when none matches), or the reason there is no data.

    Kept as a shared resource, not pickled per read as st.cache_data does (0.5 s for the 115k rows of
    knowledge sourcing at 1M patents): pages only filter the tables, never change them in place."""
    try:
        return tables.stored_indicator(driver(), name, switches_of(key), database_name), ""
    except NotAvailable as e:
        return None, e.reason


@st.cache_data(ttl=TTL, show_spinner=LIVE)
def _live(name: str, key: SwitchKey, database_name: str) -> tuple[pd.DataFrame | None, str]:
    try:
        return tables.live_indicator(driver(), name, switches_of(key), database_name), ""
    except NotAvailable as e:
        return None, e.reason


def _indicator(name: str, key: SwitchKey, database_name: str) -> tuple[pd.DataFrame | None, str]:
    table, reason = _stored(name, key, database_name)
    if table is None and not reason:
        table, reason = _live(name, key, database_name)
    return table, reason


def indicator(name: str, key: SwitchKey) -> pd.DataFrame:
    """The export table ``name``; raises NotAvailable (with the command to run) when there is none."""
    table, reason = _indicator(name, key, database())
    if table is None:
        raise NotAvailable(name, reason)
    return table


def indicator_or_hint(name: str, key: SwitchKey) -> pd.DataFrame | None:
    """The table, or ``None`` after telling the reader which command gives it."""
    try:
        return indicator(name, key)
    except NotAvailable as e:
        st.info(str(e))
    except HotspotError as e:
        st.error(str(e))
    return None


@st.cache_data(ttl=TTL, show_spinner=False)
def cities(database_name: str | None = None) -> pd.DataFrame:
    return tables.cities(driver(), database_name or database())


@st.cache_data(ttl=TTL, show_spinner=False)
def tech_fields(database_name: str | None = None) -> pd.DataFrame:
    return tables.tech_fields(driver(), database_name or database())


@st.cache_data(ttl=TTL, show_spinner=False)
def dataset(database_name: str | None = None) -> dict[str, Any]:
    return tables.dataset(driver(), database_name or database())


@st.cache_data(ttl=TTL, show_spinner=False)
def datasets(database_name: str | None = None) -> list[str]:
    """One line per loaded dataset (its provenance, from the Dataset nodes)."""
    frame = tables.datasets(driver(), database_name or database())
    return [tables.provenance(row) for row in frame.to_dict("records")]


@st.cache_data(ttl=TTL, show_spinner=False)
def _stored_network(city_id: str, period: str, key: SwitchKey, database_name: str) -> tables.Network | None:
    window = next(p for p in period_list(key) if p.name == period)
    return tables.stored_network(driver(), city_id, window, switches_of(key), database_name)


LIVE_NETWORK = (
    "Analysing the collaboration network with GDS: no stored network matches (`hotspot-kg analyze` stores "
    "those of Shenzhen, Beijing, Shanghai and San Jose under the default settings) ..."
)


@st.cache_data(ttl=TTL, show_spinner=LIVE_NETWORK)
def _live_network(city_id: str, period: str, key: SwitchKey, database_name: str) -> tables.Network:
    window = next(p for p in period_list(key) if p.name == period)
    return tables.local_network(driver(), city_id, window, switches_of(key), database_name)


def local_network(city_id: str, period: str, key: SwitchKey) -> tables.Network:
    """The local network of ``city_id`` in the period named ``period`` of the selection."""
    net = _stored_network(city_id, period, key, database())
    return net if net is not None else _live_network(city_id, period, key, database())


@st.cache_data(ttl=TTL, show_spinner=False)
def network_figure(city_id: str, period: str, key: SwitchKey, title: str) -> go.Figure:
    """The drawn network (its spring layout takes a while): built once per city, period and switches."""
    net = local_network(city_id, period, key)
    return network_chart.network_figure(net.nodes, net.edges, title)


def period_list(key: SwitchKey) -> list[Period]:
    """The periods of a key: the custom ones, or the stages ending in the data's last year."""
    return switches_of(key).resolved_periods(dataset().get("last_year"))


def city_names() -> dict[str, str]:
    """city_id -> 'Name (CC)' for labels; under geo_unit = cluster, the clusters' names too."""
    df = cities()
    names = dict(zip(df["city_id"], df["name"] + " (" + df["country"].fillna("?") + ")", strict=True))
    key = getattr(st.session_state.get("_selection"), "key", None)
    found = places(key) if key is not None and len(key) > 7 and key[7] == "cluster" else None
    if found is not None and len(found):
        clustered = found[found["clustered"].astype(bool)]
        codes = clustered["countries"].map(lambda c: "/".join(c) if isinstance(c, list) else str(c))
        names |= dict(zip(clustered["place_id"], clustered["name"] + " (" + codes + ")", strict=True))
    return names


def find_city(name: str) -> str | None:
    """The id of the city called ``name`` with the most patents (the cities come sorted that way)."""
    df = cities()
    hits = df[df["name"].str.casefold() == name.casefold()]
    return None if hits.empty else str(hits["city_id"].iloc[0])


def reload() -> None:
    st.cache_data.clear()
    _stored.clear()


def run_console(query: str, params: dict[str, Any], limit: int, timeout: float) -> pd.DataFrame:
    """Run a console query read-only (refused with QueryError when it would write or change the schema)."""
    from hotspot_kg.core.readonly import run_read_only

    return run_read_only(driver(), query, params, database=database(), timeout=timeout, limit=limit)


@st.cache_data(ttl=TTL, show_spinner=False)
def read_only_queries() -> list[str]:
    """The saved queries of graph/cypher/ whose text only reads: the console's examples.

    Read from the files alone (no round trip: planning each of them took seconds on a large database);
    the one chosen is planned by :func:`query_kind`, and every query is planned again when it runs."""
    from hotspot_kg.core import queries
    from ui.console import may_change

    names = []
    for name in queries.names():
        try:
            q = queries.load(name)
        except HotspotError:
            continue
        if len(q.statements()) == 1 and not may_change(q.text):
            names.append(name)
    return names


@st.cache_data(ttl=TTL, show_spinner=False)
def query_kind(name: str) -> str:
    """What the server says saved query ``name`` does ('r': it only reads), planned once with EXPLAIN."""
    from hotspot_kg.core import queries
    from hotspot_kg.core.readonly import query_type

    q = queries.load(name)
    try:
        return query_type(driver(), q.text, q.bind(), database())
    except HotspotError as e:
        return str(e)
