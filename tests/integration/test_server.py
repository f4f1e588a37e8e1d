"""The real server: Neo4j, GDS and the Browser answer; read-only queries; reset; restarts keep data."""

from __future__ import annotations

import urllib.request

import pytest
from click.testing import CliRunner
from neo4j import Driver

from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import QueryError
from hotspot_kg.core.maintenance import reset_database
from hotspot_kg.core.readonly import run_read_only
from hotspot_kg.server import pins, process


def test_versions_match_the_pins(driver: Driver, database: str) -> None:
    frame = db.run(driver, "RETURN gds.version() AS gds", database=database)
    assert frame.loc[0, "gds"] == pins().gds
    components = db.run(
        driver, "CALL dbms.components() YIELD versions RETURN versions[0] AS v", database=database
    )
    assert components.loc[0, "v"] == pins().neo4j


def test_gds_lists_the_opengds_procedures(driver: Driver, database: str) -> None:
    frame = db.run(driver, "CALL gds.list() YIELD name RETURN count(*) AS n", database=database)
    assert frame.loc[0, "n"] == 434  # OpenGDS 2.13.9's own smoke test expects 434


def test_gds_runs_an_algorithm(empty_db: Driver, database: str) -> None:
    db.run(
        empty_db,
        "CREATE (:T {id: 1})-[:R]->(:T {id: 2})-[:R]->(:T {id: 3}), (:T {id: 4})",
        write=True,
        database=database,
    )
    frame = db.run(
        empty_db,
        "MATCH (s:T) OPTIONAL MATCH (s)-[:R]->(t:T) "
        "WITH gds.graph.project('t_wcc', s, t) AS g RETURN g.nodeCount AS nodes",
        database=database,
        write=True,
    )
    assert frame.loc[0, "nodes"] == 4
    wcc = db.run(
        empty_db, "CALL gds.wcc.stats('t_wcc') YIELD componentCount RETURN componentCount", database=database
    )
    assert wcc.loc[0, "componentCount"] == 2


def test_browser_is_served(local_settings: settings_module.Settings) -> None:
    with urllib.request.urlopen(local_settings.local.browser_url, timeout=10) as response:
        assert b"<title>Neo4j Browser</title>" in response.read()


def test_read_only_runner_refuses_writes(empty_db: Driver, database: str) -> None:
    with pytest.raises(QueryError, match="reads and writes data"):
        run_read_only(empty_db, "CREATE (n:Tmp) RETURN n", database=database)
    with pytest.raises(QueryError, match="changes the schema"):
        run_read_only(empty_db, "CREATE INDEX tmp_x IF NOT EXISTS FOR (n:Tmp) ON (n.x)", database=database)
    count = db.run(empty_db, "MATCH (n) RETURN count(n) AS n", database=database)
    assert count.loc[0, "n"] == 0
    frame = run_read_only(empty_db, "UNWIND range(1, $n) AS x RETURN x", {"n": 5}, database=database, limit=3)
    assert frame["x"].tolist() == [1, 2, 3]


# GDS plans these as reads, yet they build, change or drop in-memory graphs on the server's heap
GDS_CATALOG_CALLS = [
    "CALL gds.graph.project('ro_probe', 'Tmp', 'R')",
    "CALL gds.graph.project('ro_other', 'Tmp', 'R') YIELD graphName RETURN graphName",
    "MATCH (s:Tmp) OPTIONAL MATCH (s)-[:R]->(t) WITH gds.graph.project('ro_other', s, t) AS g RETURN g.nodeCount",
    "CALL gds.pageRank.mutate('ro_probe', {mutateProperty: 'pr'})",
    "CALL gds.graph.drop('ro_probe')",
    "CALL `gds`.`graph`.`drop`('ro_probe')",
    "CALL gds.graph.nodeProperties.drop('ro_probe', ['seed'])",
    "CALL gds.graph.filter('ro_other', 'ro_probe', '*', '*')",
    "CALL gds.graph.generate('ro_other', 1000, 2)",
    "CALL gds.pageRank.write('ro_probe', {writeProperty: 'pr'})",
]
GDS_READS = {
    "CALL gds.graph.list() YIELD graphName RETURN graphName ORDER BY graphName": ["ro_probe"],
    "CALL gds.wcc.stream('ro_probe') YIELD componentId RETURN count(DISTINCT componentId) AS n": [2],
    "CALL gds.wcc.stats('ro_probe') YIELD componentCount RETURN componentCount": [2],
    "CALL gds.pageRank.write.estimate('ro_probe', {writeProperty: 'pr'}) YIELD nodeCount RETURN nodeCount": [
        4
    ],
    "RETURN gds.version() AS v": [pins().gds],
}


def test_read_only_runner_refuses_gds_catalog_calls(empty_db: Driver, database: str) -> None:
    db.run(empty_db, "CREATE (:Tmp {seed: 1})-[:R]->(:Tmp {seed: 2})-[:R]->(:Tmp {seed: 3}), (:Tmp {seed: 4})",
           write=True, database=database)  # fmt: skip
    db.run(empty_db, "CALL gds.graph.project('ro_probe', 'Tmp', 'R', {nodeProperties: 'seed'})",
           write=True, database=database)  # fmt: skip
    try:
        for query in GDS_CATALOG_CALLS:
            with pytest.raises(QueryError, match="only read-only queries are allowed") as refused:
                run_read_only(empty_db, query, database=database)
            assert "gds." in str(refused.value) or "writes data" in str(refused.value), query
        for query, expected in GDS_READS.items():
            assert run_read_only(empty_db, query, database=database).iloc[:, 0].tolist() == expected, query
        # nothing dropped, no 'pr' mutated in
        listed = "CALL gds.graph.list('ro_probe') YIELD schema RETURN schema"
        assert set(db.run(empty_db, listed, database=database).loc[0, "schema"]["nodes"]["Tmp"]) == {"seed"}
    finally:
        db.run(empty_db, "CALL gds.graph.drop('ro_probe', false)", write=True, database=database)
        db.run(empty_db, "CALL gds.graph.drop('ro_other', false)", write=True, database=database)


def test_cypher_command_prints_csv(
    neo4j_settings: settings_module.Settings, driver: Driver, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hotspot_kg.cli import cli

    monkeypatch.setattr(settings_module, "current", lambda: neo4j_settings)
    result = CliRunner().invoke(
        cli, ["cypher", "RETURN $a AS a, $b AS b", "--param", "a=2", "--param", "b=x y"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["a,b", "2,x y"]
    for query in ("CREATE (n:Tmp)", *GDS_CATALOG_CALLS[:5]):
        refused = CliRunner().invoke(cli, ["cypher", query])
        assert refused.exit_code != 0, query
        assert "only read-only queries are allowed" in str(refused.exception), query
    listed = db.run(driver, "CALL gds.graph.list() YIELD graphName RETURN graphName", database=database)
    assert listed.empty  # the refused calls built no graph


def test_reset_empties_the_database(driver: Driver, database: str) -> None:
    db.run(
        driver, "UNWIND range(1, 25) AS i CREATE (:Tmp {i: i})-[:R]->(:Tmp)", write=True, database=database
    )
    assert reset_database(driver, database=database) == 50
    assert db.run(driver, "MATCH (n) RETURN count(n) AS n", database=database).loc[0, "n"] == 0


def test_stop_then_start_keeps_the_data(
    local_settings: settings_module.Settings, local_driver: Driver
) -> None:
    neo4j_settings, driver, database = local_settings, local_driver, local_settings.database
    reset_database(driver, database=database)
    db.run(driver, "CREATE (:Kept {name: 'survives a restart'})", write=True, database=database)
    assert process.stop(neo4j_settings, echo=lambda _: None)
    assert process.running_pid(neo4j_settings.local) is None
    process.start(neo4j_settings, echo=lambda _: None)
    process.start(neo4j_settings, echo=lambda _: None)  # a second start is harmless
    frame = db.run(driver, "MATCH (k:Kept) RETURN k.name AS name", database=database)
    assert frame["name"].tolist() == ["survives a restart"]
    reset_database(driver, database=database)
