"""The local collaboration network with GDS, checked against networkx on a small network, and the GDS
client's numbers against the Cypher files that Neo4j Browser users run."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from neo4j import Driver

from analytics import network
from analytics.graphio import query
from analytics.switches import Period, Switches
from hotspot_kg.core import gds_client

pytestmark = pytest.mark.integration

# Two triangles joined by a bridge (f3-u1), a pendant (g1), an isolated applicant (f9), and an
# applicant of another city (x1) who must stay out.
CO_PATENTS = [
    ("n1", ["f1", "f2"]),
    ("n2", ["f1", "f2"]),
    ("n3", ["f2", "f3"]),
    ("n4", ["f1", "f3"]),
    ("n5", ["f3", "u1"]),
    ("n6", ["u1", "u2"]),
    ("n7", ["u2", "r1"]),
    ("n8", ["u1", "r1"]),
    ("n9", ["r1", "g1"]),
    ("n10", ["f9"]),
    ("n11", ["f1", "x1"]),
]
TYPES = {"f": "firm", "u": "university", "r": "research_institute", "g": "government", "x": "firm"}


def build(graph) -> None:  # type: ignore[no-untyped-def]
    graph.cities([("SZ", "CN"), ("HK", "HK")])
    ids = sorted({a for _, apps in CO_PATENTS for a in apps})
    graph.applicants([(a, TYPES[a[0]], "HK" if a == "x1" else "SZ") for a in ids])
    graph.patents([{"id": p, "year": 2008, "applicants": apps} for p, apps in CO_PATENTS])
    graph.patents([{"id": "old", "year": 1990, "applicants": ["f9", "g1"]}])  # outside the period


def networkx_graph() -> nx.Graph:
    g = nx.Graph()
    for _, apps in CO_PATENTS:
        local = [a for a in apps if a != "x1"]
        g.add_nodes_from(local)
        if len(local) == 2:
            a, b = sorted(local)
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    return g


def test_gds_agrees_with_networkx(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    net = network.local_network(driver, "SZ", Period("p", 2006, 2010), Switches())
    g = networkx_graph()
    nodes = net.nodes.set_index("applicant_id")
    assert set(nodes.index) == set(g.nodes)
    assert nodes["degree"].to_dict() == {n: float(d) for n, d in g.degree()}
    expected = nx.betweenness_centrality(g, normalized=False)
    assert nodes["betweenness"].to_dict() == pytest.approx(expected)
    components = {frozenset(c) for c in nx.connected_components(g)}
    assert {frozenset(grp.index) for _, grp in nodes.groupby("component")} == components
    communities = [set(grp.index) for _, grp in nodes.groupby("community")]
    assert net.modularity == pytest.approx(nx.community.modularity(g, communities, weight="weight"), abs=1e-6)
    assert net.largest_component_share() == pytest.approx(7 / 8)  # f9 is alone
    assert net.edge_mix().to_dict() == {
        "firm-firm": 3,
        "firm-university": 1,
        "university-university": 1,
        "research_institute-university": 2,
        "government-research_institute": 1,
    }
    assert net.nodes_by_type().to_dict() == {
        "firm": 4,
        "university": 2,
        "research_institute": 1,
        "government": 1,
    }
    assert net.most_central(1)["applicant_id"].tolist() == [max(expected, key=expected.get)]
    assert (
        dict(zip(net.edges["source"] + "-" + net.edges["target"], net.edges["weight"], strict=True))["f1-f2"]
        == 2
    )


def test_co_applied_written_back(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    assert network.write_co_applied(driver) == 10
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r:CO_APPLIED]->(b) "
        "RETURN a.id AS a, b.id AS b, r.weight AS w, r.first_year AS f, r.last_year AS l"
    )
    got = {(r["a"], r["b"]): (r["w"], r["f"], r["l"]) for r in records}
    assert got[("f1", "f2")] == (2, 2008, 2008)
    assert got[("f9", "g1")] == (1, 1990, 1990)
    assert network.write_co_applied(driver) == 10  # replaced, not duplicated


def cypher_files(driver: Driver, city_id: str, period: Period) -> tuple[pd.DataFrame, float | None]:
    """The network as a Browser user computes it: network_project, network_algorithms, network_nodes and
    network_drop, run as they are."""
    span = {
        "city_ids": [city_id],
        "year_basis": "filing",
        "first_year": period.first,
        "last_year": period.last,
    }
    name = {"graph_name": "parity-probe"}
    try:
        projected = query(driver, "network_project", {**name, **span}, write=True).iat[0, 0]
        if projected is None:
            return pd.DataFrame({c: [] for c in network.NODE_COLUMNS}), None
        stats = query(driver, "network_algorithms", name, write=True)
        nodes = query(driver, "network_nodes", name)
    finally:
        query(driver, "network_drop", name, write=True)
    return nodes, float(stats["modularity"].iloc[0])


def partition(nodes: pd.DataFrame, column: str) -> set[frozenset[str]]:
    return {frozenset(group["applicant_id"]) for _, group in nodes.groupby(column)}


@pytest.mark.parametrize(
    "period", [Period("p", 2006, 2010), Period("old", 1990, 1990), Period("none", 1970, 1971)], ids=str
)
def test_the_client_and_the_cypher_files_give_the_same_numbers(driver: Driver, graph, period: Period) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    client = network.local_network(driver, "SZ", period, Switches())
    files, modularity = cypher_files(driver, "SZ", period)
    assert client.nodes["applicant_id"].tolist() == files["applicant_id"].tolist()
    for column in ("name", "type", "degree", "betweenness"):
        assert client.nodes[column].tolist() == pytest.approx(files[column].tolist()), column
    for column in ("community", "component"):  # ids may differ; the groups may not
        assert partition(client.nodes, column) == partition(files, column), column
    assert client.modularity == (None if modularity is None else pytest.approx(modularity))
    if period.name == "none":
        assert client.nodes.empty and client.modularity is None
    if period.name == "old":  # one link, f9-g1
        assert sorted(client.nodes["applicant_id"]) == ["f9", "g1"]


def test_the_projection_is_dropped_when_an_algorithm_fails(
    driver: Driver, graph, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    gds = gds_client.client(driver)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("wcc failed")

    monkeypatch.setattr(type(gds.wcc), "mutate", broken)
    with pytest.raises(RuntimeError, match="wcc failed"):
        network.local_network(driver, "SZ", Period("p", 2006, 2010), Switches(), gds=gds)
    assert gds.graph.list() == []
