"""The local collaboration network with GDS, checked against networkx on a small network."""

from __future__ import annotations

import networkx as nx
import pytest
from neo4j import Driver

from analytics import network
from analytics.switches import Period, Switches

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
