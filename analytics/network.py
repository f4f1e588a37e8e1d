"""The local collaboration network of a city and period, with Neo4j Graph Data Science.

The work goes through GDS's official Python client (``graphdatascience``, built on the caller's driver
by :func:`hotspot_kg.core.gds_client.client`): a Cypher projection (``network_project``), then degree,
betweenness, Louvain (weighted, with modularity) and weakly connected components mutated into the
in-memory graph, the node properties streamed as a DataFrame, and the graph dropped in ``finally``. The
files ``network_algorithms``, ``network_nodes`` and ``network_drop`` do the same for Neo4j Browser users
(tests/integration/analytics/test_network.py checks that both give the same numbers). Summary: nodes and
edges by stakeholder type, the mix of edge types, the 10 most central applicants (by betweenness, then
degree), community sizes and the share of the largest component. The whole-database co-application
network is written back as ``(Applicant)-[:CO_APPLIED {weight, first_year, last_year}]->(Applicant)``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pandas as pd
from graphdatascience import Graph, GraphDataScience
from neo4j import Driver

from analytics import units
from analytics.graphio import autocommit, query
from analytics.switches import Period, Switches
from hotspot_kg.core import gds_client
from hotspot_kg.core.queries import load

ALGORITHMS = ["degree", "betweenness", "community", "component"]
NODE_COLUMNS = ["applicant_id", "name", "type", *ALGORITHMS]
EDGE_COLUMNS = ["source", "target", "source_type", "target_type", "weight"]


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
    gds: GraphDataScience | None = None,
) -> LocalNetwork:
    """Project, analyse and drop the network of place ``city_id`` (its cities ``city_ids``; default: the
    place's cities under ``switches``) in ``period``; ``gds`` is a client on ``driver`` (built here when
    not given)."""
    gds = gds or gds_client.client(driver, database)
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
    if edges.empty:
        edges = pd.DataFrame({c: [] for c in EDGE_COLUMNS})
    nodes, modularity = pd.DataFrame({c: [] for c in NODE_COLUMNS}), None
    try:
        graph = _project(gds, name, span)
        if graph is not None:
            nodes, modularity = _analyse(gds, graph)
    finally:
        gds.graph.drop(name, fail_if_missing=False)
    return LocalNetwork(city_id, period, nodes, edges, modularity)


def _project(gds: GraphDataScience, name: str, span: dict[str, Any]) -> Graph | None:
    """The Cypher projection of ``network_project``; None when the city has no applicant in the period."""
    q = load("network_project")
    try:
        graph, result = gds.graph.project.cypher(q.text, **q.bind({"graph_name": name, **span}))
    except ValueError as e:  # the client's answer to a projection of no row (the aggregation gave null)
        if "RETURN gds.graph.project" in str(e) or "no rows" in str(e):
            return None
        raise
    return graph if result.node_count else None


def _analyse(gds: GraphDataScience, graph: Graph) -> tuple[pd.DataFrame, float | None]:
    """Degree, betweenness, Louvain and WCC mutated into ``graph``; the nodes and Louvain's modularity."""
    gds.degree.mutate(graph, mutate_property="degree", concurrency=1)
    gds.betweenness.mutate(graph, mutate_property="betweenness", concurrency=1)
    weight = "weight" if graph.relationship_count() else None  # no link: no weight property either
    louvain = gds.louvain.mutate(
        graph, mutate_property="community", relationship_weight_property=weight, concurrency=1
    )
    gds.wcc.mutate(graph, mutate_property="component", concurrency=1)
    stream = gds.graph.node_properties.stream(graph, ALGORITHMS, db_node_properties=["id", "name", "type"])
    nodes = stream.rename(columns={"id": "applicant_id"}).fillna({"type": "other"})
    nodes = nodes.astype({"degree": float, "betweenness": float, "community": int, "component": int})
    nodes = nodes.sort_values("applicant_id").reset_index(drop=True)[NODE_COLUMNS]
    return nodes, float(louvain.modularity)


def compute(
    driver: Driver, switches: Switches, periods: list[Period], database: str | None = None
) -> list[LocalNetwork]:
    """The local network of every place in ``switches.cities`` and every period."""
    gds = gds_client.client(driver, database)
    members = place_cities(driver, list(switches.cities or ()), switches, database)
    return [
        local_network(driver, city, period, switches, database, members[city], gds)
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
