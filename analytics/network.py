"""The local collaboration network of a city and period, with Neo4j Graph Data Science.

Projection (``network_project``), then degree, betweenness, Louvain (weighted, with modularity) and
weakly connected components in the in-memory graph (``network_algorithms``), node results streamed
(``network_nodes``), graph dropped. Summary: nodes and edges by stakeholder type, the mix of edge
types, the 10 most central applicants (by betweenness, then degree), community sizes and the share
of the largest component. The whole-database co-application network is written back as
``(Applicant)-[:CO_APPLIED {weight, first_year, last_year}]->(Applicant)``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pandas as pd
from neo4j import Driver

from analytics import units
from analytics.graphio import autocommit, query
from analytics.switches import Period, Switches

NODE_COLUMNS = ["applicant_id", "name", "type", "degree", "betweenness", "community", "component"]


@dataclass(frozen=True)
class LocalNetwork:
    city_id: str
    period: Period
    nodes: pd.DataFrame  # NODE_COLUMNS
    edges: pd.DataFrame  # source, target, source_type, target_type, weight
    modularity: float | None

    def nodes_by_type(self) -> pd.Series:
        return self.nodes.groupby("type").size().rename("nodes")

    def edge_mix(self) -> pd.Series:
        """Edges by the (sorted) pair of stakeholder types, e.g. firm-university."""
        if self.edges.empty:
            return pd.Series(dtype=int, name="edges")
        pair = [
            "-".join(sorted((s, t)))
            for s, t in zip(self.edges["source_type"], self.edges["target_type"], strict=True)
        ]
        return pd.Series(pair).value_counts().sort_index().rename("edges")

    def most_central(self, n: int = 10) -> pd.DataFrame:
        order = self.nodes.sort_values(
            ["betweenness", "degree", "applicant_id"], ascending=[False, False, True]
        )
        return order.head(n).reset_index(drop=True)

    def community_sizes(self) -> pd.Series:
        return self.nodes.groupby("community").size().sort_values(ascending=False).rename("size")

    def largest_component_share(self) -> float:
        if self.nodes.empty:
            return 0.0
        return float(self.nodes.groupby("component").size().max() / len(self.nodes))


def place_cities(
    driver: Driver, place_ids: list[str], switches: Switches, database: str | None = None
) -> dict[str, list[str]]:
    """The cities of each place: the city itself, or under ``geo_unit = cluster`` a cluster's cities."""
    if switches.geo_unit != "cluster":
        return {p: [p] for p in place_ids}
    place = units.places(driver, switches, database).place
    return {p: sorted(str(c) for c in place.index[place.to_numpy() == p]) or [p] for p in place_ids}


def local_network(
    driver: Driver,
    city_id: str,
    period: Period,
    switches: Switches,
    database: str | None = None,
    city_ids: list[str] | None = None,
) -> LocalNetwork:
    """Project, analyse and drop the network of place ``city_id`` (its cities ``city_ids``; default: the
    place's cities under ``switches``) in ``period``."""
    name = f"hotspot-local-{uuid.uuid4().hex[:12]}"
    if city_ids is None:
        city_ids = place_cities(driver, [city_id], switches, database)[city_id]
    span = {
        "city_ids": city_ids,
        "year_basis": switches.year,
        "first_year": period.first,
        "last_year": period.last,
    }
    edges = query(driver, "network_edges", span, database)
    try:
        projected = query(driver, "network_project", {"graph_name": name, **span}, database, write=True)
        modularity = None
        nodes = pd.DataFrame({c: [] for c in NODE_COLUMNS})
        if len(projected) and projected["graph_name"].notna().all():
            stats = query(driver, "network_algorithms", {"graph_name": name}, database, write=True)
            modularity = float(stats["modularity"].iloc[0]) if len(stats) else None
            nodes = query(driver, "network_nodes", {"graph_name": name}, database)
            nodes = nodes.astype({"degree": float, "betweenness": float, "community": int, "component": int})
    finally:
        query(driver, "network_drop", {"graph_name": name}, database, write=True)
    if edges.empty:
        edges = pd.DataFrame({c: [] for c in ["source", "target", "source_type", "target_type", "weight"]})
    return LocalNetwork(city_id, period, nodes[NODE_COLUMNS], edges, modularity)


def compute(
    driver: Driver, switches: Switches, periods: list[Period], database: str | None = None
) -> list[LocalNetwork]:
    """The local network of every place in ``switches.cities`` and every period."""
    members = place_cities(driver, list(switches.cities or ()), switches, database)
    return [
        local_network(driver, city, period, switches, database, members[city])
        for city in (switches.cities or ())
        for period in periods
    ]


def table(networks: list[LocalNetwork]) -> pd.DataFrame:
    """The export rows: city_id, period, applicant_id, name, type, degree, betweenness, community."""
    parts = [n.nodes.assign(city_id=n.city_id, period=n.period.name) for n in networks if not n.nodes.empty]
    cols = ["city_id", "period", "applicant_id", "name", "type", "degree", "betweenness", "community"]
    if not parts:
        return pd.DataFrame({c: [] for c in cols})
    return pd.concat(parts, ignore_index=True)[cols]


def write_co_applied(driver: Driver, database: str | None = None) -> int:
    """Replace the CO_APPLIED links over the whole database; the number written."""
    rows = autocommit(driver, "co_applied_write", None, database)
    return int(rows[0]["written"]) if rows else 0
