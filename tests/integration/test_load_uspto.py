"""The real USPTO sample through the whole load: 225 patents, twice, and Huawei in Shenzhen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from graph.ingest import load_online, pipeline

pytestmark = pytest.mark.integration
REPO_ROOT = Path(__file__).resolve().parents[2]


def sample() -> Path:
    for candidate in (REPO_ROOT.parent / "shared" / "data", Path("/work/shared/data")):
        if (candidate / "uspto-grants").is_dir():
            return candidate / "uspto-grants"
    pytest.fail(
        f"the shared USPTO sample is missing: expected {REPO_ROOT.parent / 'shared' / 'data' / 'uspto-grants'}"
    )


def wipe(driver: Driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def empty(driver: Driver) -> Iterator[Driver]:
    wipe(driver)
    yield driver
    wipe(driver)


def load_sample(driver: Driver, database: str, tmp_path: Path) -> None:
    outcome = pipeline.prepare("uspto-xml", sample(), tmp_path / "rejects.csv", tmp_path)
    try:
        assert outcome.rejected == 0
        load_online.load(driver, outcome.staging, database=database)
    finally:
        outcome.staging.remove()


def count(driver: Driver, database: str, query: str) -> int:
    records, _, _ = driver.execute_query(query, database_=database)
    return int(records[0][0])


def test_the_sample_loads_twice_with_225_patents(empty: Driver, database: str, tmp_path: Path) -> None:
    load_sample(empty, database, tmp_path / "first")
    first = {
        "loaded": count(empty, database, "MATCH (p:Patent {in_db: true}) RETURN count(p)"),
        "nodes": count(empty, database, "MATCH (n) RETURN count(n)"),
        "rels": count(empty, database, "MATCH ()-[r]->() RETURN count(r)"),
    }
    assert first["loaded"] == 225
    load_sample(empty, database, tmp_path / "second")
    assert count(empty, database, "MATCH (p:Patent {in_db: true}) RETURN count(p)") == 225
    assert count(empty, database, "MATCH (n) RETURN count(n)") == first["nodes"]
    assert count(empty, database, "MATCH ()-[r]->() RETURN count(r)") == first["rels"]
    records, _, _ = empty.execute_query(
        "MATCH (:Patent {id: 'US7864699'})-[:FILED_BY]->(a:Applicant)-[:LOCATED_IN]->(c:City)"
        "-[:IN_COUNTRY]->(k:Country) RETURN a.name, a.type, c.id, c.name, k.code",
        database_=database,
    )
    assert [tuple(r.values()) for r in records] == [
        ("Huawei Technologies Co., Ltd.", "firm", "gn:1795565", "Shenzhen", "CN")
    ]
    assert count(empty, database, "MATCH (:Patent)-[r:CITES]->(:Patent) RETURN count(r)") == 5106
    assert count(empty, database, "MATCH (:Patent)-[r:CLASSIFIED_AS]->(:IPC) RETURN count(r)") == 358
