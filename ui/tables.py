"""The tables behind the explorer's pages, fetched through the analytics functions (no Streamlit here).

Each indicator table is named as in the export contract (``shared/spec/exports.md``) and comes back with
exactly the contract's columns, so the CSV that a page offers is the one ``hotspot-kg export NAME``
writes. Besides them, a few look-ups (cities, fields, the dataset, patents per year) run the explorer's
own named queries ``graph/cypher/ui_*.cypher``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from neo4j import Driver

from analytics import exports, network, store_tables, stored
from analytics.switches import Period, Switches
from hotspot_kg.core.db import run
from hotspot_kg.core.errors import HotspotError
from hotspot_kg.core.queries import load

# The export contract's columns (from analytics.exports), and the explorer's own count of Figure 2.
COLUMNS: dict[str, list[str]] = {name: list(e.columns) for name, e in exports.EXPORTS.items()}
COLUMNS["patents-per-year"] = list(store_tables.PER_YEAR_COLUMNS)
EDGE_COLUMNS = ["source", "target", "source_type", "target_type", "weight"]

# What a table needs in the database, said when it comes back empty.
NEEDS: dict[str, str] = {
    "novelty-patents": "patents with IPC codes in years after the seed pool",
    "novelty-cities": "located patents with IPC codes in years after the seed pool",
    "rsi": "located patents with IPC codes in the WIPO fields",
    "kci": "at least two cities and two IPC codes with RSI >= 1 in a period",
    "tci": "at least two cities and two IPC codes with RSI >= 1 in a period",
    "collaboration-types": "patents with located inventors (or applicants)",
    "knowledge-sourcing": "citations between loaded, located patents",
    "local-network": "patents with several applicants located in the city",
    "stakeholders": "located applicants with a stakeholder type",
    "ownership": "firms with an ownership type (ownership.csv)",
    "patents-per-year": "located patents with a filing year",
    "science-profile": "works (with a field) at institutions placed in cities",
    "science-collaboration-types": "works at institutions placed in cities",
}
# The command that loads what a table needs (the patent tables: the canonical input).
LOADS = {
    "science-profile": "hotspot-kg load science DIR",
    "science-collaboration-types": "hotspot-kg load science DIR",
}


class NotAvailable(HotspotError):
    """An indicator table that the database cannot give under the chosen settings."""

    def __init__(self, name: str, reason: str = "") -> None:
        self.name = name
        self.reason = reason or f"it needs {NEEDS.get(name, 'more data')}"
        super().__init__(
            f"No data for {name} under these settings: {self.reason}. Load such data with "
            f"`{LOADS.get(name, 'hotspot-kg load canonical DIR')}` (or change the settings in the sidebar), then "
            "press 'Reload data'."
        )


# The named queries behind each table (shown under each chart).
QUERIES: dict[str, tuple[str, ...]] = {
    "novelty-patents": ("patent_nodes", "patent_tech_nodes", "ipc_techs"),
    "novelty-cities": ("patent_nodes", "patent_tech_nodes", "ipc_techs", "patent_city_nodes"),
    "rsi": ("patent_years", "patent_tech_nodes", "ipc_techs", "patent_city_nodes"),
    "kci": ("patent_years", "patent_tech_nodes", "ipc_techs", "patent_city_nodes"),
    "tci": ("patent_years", "patent_tech_nodes", "ipc_techs", "patent_city_nodes"),
    "collaboration-types": ("collaboration_patents",),
    "knowledge-sourcing": ("patent_nodes", "patent_citation_nodes", "patent_city_nodes", "city_countries"),
    "local-network": ("network_edges", "network_project", "network_algorithms", "network_nodes"),
    "stakeholders": ("ecosystem_applicants",),
    "ownership": ("ecosystem_applicants",),
    "patents-per-year": ("ui_patents_per_year",),
    "science-profile": ("science_work_cities", "science_unlocated_works"),
    "science-collaboration-types": ("science_work_cities",),
}


def _contract(name: str, table: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in COLUMNS[name] if c not in table.columns]
    if missing:
        raise HotspotError(
            f"the analytics table {name} lacks the column(s) {', '.join(missing)} of the contract"
        )
    if table.empty:
        raise NotAvailable(name)
    return table[COLUMNS[name]].reset_index(drop=True)


def indicator(driver: Driver, name: str, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """The export table ``name`` under ``switches``, with the contract's columns; NotAvailable when empty.

    The stored table when ``hotspot-kg analyze`` stored one for these switches and this data, else
    computed live by the same analytics function as ``hotspot-kg export NAME``."""
    table, _, _ = store_tables.fetch(driver, name, switches, database)
    return _contract(name, table)


def stored_indicator(
    driver: Driver, name: str, switches: Switches, database: str | None = None
) -> pd.DataFrame | None:
    """The stored table (contract's columns), or None when none matches the switches and the data."""
    found = stored.load(driver, name, switches, database)
    return None if found is None else _contract(name, found.table)


def live_indicator(
    driver: Driver, name: str, switches: Switches, database: str | None = None
) -> pd.DataFrame:
    """The table computed from the graph now (slow on large data), as ``hotspot-kg export NAME`` does."""
    return _contract(name, store_tables.compute(driver, name, switches, database)[0])


@dataclass(frozen=True)
class Network:
    """The local network of one city and period: the export rows and the edges to draw."""

    nodes: pd.DataFrame  # the local-network columns (empty: no co-applied patent)
    edges: pd.DataFrame  # source, target, source_type, target_type, weight
    modularity: float | None


def local_network(
    driver: Driver, city_id: str, period: Period, switches: Switches, database: str | None = None
) -> Network:
    """The GDS analysis of ``city_id``'s co-applicant network in ``period`` (analytics.network)."""
    net = network.local_network(driver, city_id, period, switches, database)
    nodes = network.table([net])
    return Network(nodes[COLUMNS["local-network"]], net.edges, net.modularity)


def stored_network(
    driver: Driver, city_id: str, period: Period, switches: Switches, database: str | None = None
) -> Network | None:
    """The network stored by ``hotspot-kg analyze`` for the city (all periods of ``switches``), or None."""
    s = switches.with_(cities=(city_id,))
    nodes = stored.load(driver, "local-network", s, database)
    edges = stored.load(driver, "local-network-edges", s, database)
    report = (
        None
        if nodes is None
        else next((n for n in nodes.extra.get("networks", []) if n["period"] == period.name), None)
    )
    if nodes is None or edges is None or report is None:
        return None
    mine = nodes.table[nodes.table["period"] == period.name]
    if mine.empty:  # as the live analysis gives an empty network
        mine = network.table([])
    links = edges.table[edges.table["period"] == period.name] if len(edges.table) else edges.table
    links = links.drop(columns=["period"], errors="ignore").reset_index(drop=True)
    if links.empty:
        links = pd.DataFrame({c: [] for c in EDGE_COLUMNS})
    modularity = report.get("modularity")
    return Network(mine[COLUMNS["local-network"]].reset_index(drop=True), links, modularity)


def query_names(name: str) -> list[str]:
    """The named queries behind a table."""
    return list(QUERIES[name])


def cities(driver: Driver, database: str | None = None) -> pd.DataFrame:
    """city_id, name, country, lat, lon, applicants, inventors, patents (most patents first); stored or live.

    A table stored before the patents were counted is sorted by applicants, as it was."""
    table = store_tables.fetch(driver, "cities", Switches(), database)[0]
    if "patents" not in table.columns:
        table = table.assign(patents=table["applicants"]).sort_values(
            ["patents", "inventors", "name"], ascending=[False, False, True], kind="stable"
        )
    return table.reset_index(drop=True)


def places(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """The places of ``switches.geo_unit = cluster`` (clusters, then the cities in none); stored or live."""
    return store_tables.fetch(driver, "places", switches, database)[0]


def tech_fields(driver: Driver, database: str | None = None) -> pd.DataFrame:
    """field (1..35), name, sector."""
    return run(driver, load("ui_tech_fields").text, {}, database=database)


def dataset(driver: Driver, database: str | None = None) -> dict[str, Any]:
    """patents, first_year, last_year, simulation (True for the synthetic generator's data); stored or live."""
    df = store_tables.fetch(driver, "dataset", Switches(), database)[0]
    return {str(k): (None if pd.isna(v) else v) for k, v in df.iloc[0].items()}


def datasets(driver: Driver, database: str | None = None) -> pd.DataFrame:
    """The Dataset nodes the loads recorded (source, release, fetched_at, ...), newest load first."""
    return run(driver, load("ui_datasets").text, {}, database=database)


def provenance(row: Mapping[Any, Any]) -> str:
    """One line naming a loaded dataset: source, release or server date, fetch date, origin or path."""
    parts = [str(row.get("source") or row.get("format") or "unknown source")]
    if row.get("simulated"):
        parts.append("SIMULATION")
    if row.get("release"):
        parts.append(f"release {row['release']}")
    elif row.get("last_modified"):
        parts.append(f"files of {row['last_modified']}")
    if row.get("fetched_at"):
        parts.append(f"fetched {str(row['fetched_at'])[:10]}")
    if row.get("origin"):
        parts.append(f"from {row['origin']}")
    loaded = row.get("loaded_at")
    if loaded:
        parts.append(f"loaded {str(loaded)[:10]}")
    return ", ".join(parts)
