"""The allow-list of GDS calls on the read-only paths: names found however they are written."""

from __future__ import annotations

import pytest

from hotspot_kg.core import gds_calls
from ui.console import may_change

REFUSED = {
    "CALL gds.graph.project('x', 'Patent', 'CITES')": ["gds.graph.project"],
    "CALL gds.pageRank.mutate('x', {mutateProperty: 'pr'})": ["gds.pagerank.mutate"],
    "CALL gds.graph.drop('x')": ["gds.graph.drop"],
    "CALL gds.pageRank.write('x', {writeProperty: 'pr'})": ["gds.pagerank.write"],
    "MATCH (s)-->(t) WITH gds.graph.project('x', s, t) AS g RETURN g.nodeCount": ["gds.graph.project"],
    "CALL `gds`.`graph`.`drop`('x')": ["gds.graph.drop"],
    "CALL `gds.graph.drop`('x')": ["gds.graph.drop"],
    "CALL gds . graph . drop('x')": ["gds.graph.drop"],
    "CALL GDS.Graph.Project('x', 'A', 'R')": ["gds.graph.project"],
    "CALL gds.graph.project.cypher('x', 'MATCH (n) RETURN id(n) AS id', 'RETURN 1')": [
        "gds.graph.project.cypher"
    ],
    "CALL gds.graph.nodeProperties.drop('x', ['pr'])": ["gds.graph.nodeproperties.drop"],
    "CALL gds.graph.filter('y', 'x', '*', '*')": ["gds.graph.filter"],
    "CALL gds.graph.generate('g', 1000000, 10)": ["gds.graph.generate"],
    "CALL gds.beta.graph.project.subgraph('y', 'x', '*', '*')": ["gds.beta.graph.project.subgraph"],
    "CALL gds.model.drop('m')": ["gds.model.drop"],
    "CALL gds.fastRP.train('x', {})": ["gds.fastrp.train"],
    "CALL { CALL gds.graph.drop('x') YIELD graphName RETURN graphName } RETURN graphName": ["gds.graph.drop"],
    "RETURN 'a`b' AS s UNION CALL gds.graph.drop('x') YIELD graphName AS s RETURN s": ["gds.graph.drop"],
}
ALLOWED = [
    "CALL gds.graph.list() YIELD graphName RETURN graphName",
    "RETURN gds.version() AS v",
    "CALL gds.version()",
    "CALL gds.pageRank.stream('x') YIELD nodeId, score RETURN gds.util.asNode(nodeId).id, score",
    "CALL gds.wcc.stats('x') YIELD componentCount RETURN componentCount",
    "CALL gds.pageRank.write.estimate('x', {writeProperty: 'pr'})",
    "CALL gds.graph.project.estimate('Patent', 'CITES')",
    "CALL gds.graph.nodeProperties.stream('x', ['pr'])",
    "RETURN gds.graph.exists('x') AS e",
    "RETURN gds.similarity.cosine([1, 0], [0, 1]) AS c",
    "MATCH (c:City) RETURN c.name // CALL gds.graph.drop('x')",
    "MATCH (c:City) WHERE c.name = 'gds.graph.drop(x)' RETURN c /* gds.graph.project */",
    "MATCH (c:City) RETURN c.gds.graph AS x",  # a property chain, not a gds call
]


@pytest.mark.parametrize("query", list(REFUSED))
def test_calls_that_change_the_catalog_are_refused(query: str) -> None:
    assert gds_calls.refused(gds_calls.gds_names(query)) == REFUSED[query]
    assert may_change(query)  # so the console never offers such a saved query


@pytest.mark.parametrize("query", ALLOWED)
def test_calls_that_read_pass(query: str) -> None:
    assert gds_calls.refused(gds_calls.gds_names(query)) == []


def test_names_of_other_namespaces_are_not_judged_here() -> None:
    assert gds_calls.refused(["db.labels", "dbms.components"]) == []


def test_the_plans_procedures_are_judged_too() -> None:
    from types import SimpleNamespace

    from hotspot_kg.core.readonly import refused_gds_calls

    plan = {
        "operatorType": "ProduceResults@neo4j",
        "args": {"Details": "graphName"},
        "children": [{"operatorType": "ProcedureCall@neo4j", "args": {"Details": "gds.graph.drop($x)"}}],
    }
    summary = SimpleNamespace(plan=plan)
    assert refused_gds_calls("CALL db.labels()", summary) == ["gds.graph.drop"]  # type: ignore[arg-type]
    assert refused_gds_calls("CALL db.labels()", SimpleNamespace(plan=None)) == []  # type: ignore[arg-type]
