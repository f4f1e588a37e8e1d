"""``analyze --engine spark`` writes back what ``analyze`` on the graph writes: the same SPECIALISED_IN and
SOURCES_FROM links with the same properties, and the same novelty properties, INTRODUCED and
FIRST_COMBINED, on a small synthetic universe loaded with a lake; a lake that no longer matches the
database is refused by the CLI in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import testkit
from neo4j import Driver

from analytics.analyze import run_all, switches
from graph.ingest.load_path import finish_load, load_path
from graph.ingest.synthetic import generate
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.maintenance import reset_database
from hotspot_kg.core.settings import Settings

testkit.need_pyspark()

N, SEED = 2_000, 11
STEPS = ["novelty", "specialisation", "complexity", "collaboration", "sourcing", "ecosystem", "stages"]
WRITTEN = {
    "specialised_in": "MATCH (c:City)-[s:SPECIALISED_IN]->(f:TechField) "
    "RETURN c.id, toString(f.id), s.period, s.rsi, s.rsi_sym, s.x, s.settings",
    "sources_from": "MATCH (a:City)-[s:SOURCES_FROM]->(b:City) "
    "RETURN a.id, b.id, s.period, s.relation, s.citations, s.share, s.settings",
    "novelty": "MATCH (p:Patent) WHERE p.novelty_type IS NOT NULL "
    "RETURN p.id, p.novel, p.novelty_type, p.new_classes, p.new_pairs, p.novelty_settings",
    "introduced": "MATCH (p:Patent)-[:INTRODUCED]->(i:IPC) RETURN p.id, i.code",
    "first_combined": "MATCH (a:IPC)-[r:FIRST_COMBINED]->(b:IPC) RETURN a.code, b.code, r.year, r.patent, r.patents",
}
STALE = (
    "MATCH (q:Patent) WITH min(q.year) AS first "  # the seed pool's first year is never scored
    "MATCH (p:Patent) WHERE p.year = first WITH p ORDER BY p.id LIMIT 3 "
    "SET p.novel = true, p.novelty_type = 'origination', p.new_classes = 1, p.new_pairs = 0, "
    "p.novelty_settings = '{}' RETURN count(p) AS n"
)
CLEAR = [
    "MATCH ()-[s:SPECIALISED_IN|SOURCES_FROM|INTRODUCED|FIRST_COMBINED]->() DELETE s",
    "MATCH (p:Patent) WHERE p.novelty_type IS NOT NULL "
    "REMOVE p.novel, p.novelty_type, p.new_classes, p.new_pairs, p.novelty_settings",
]


@pytest.fixture(scope="module")
def universe(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A synthetic universe loaded with a lake (as test_spark_indicators loads it), in one Spark session."""
    from hotspot_kg.spark import session
    from hotspot_kg.spark.config import spark_settings

    tmp = tmp_path_factory.mktemp("spark_analyze")
    generate(tmp / "folder", patents=N, seed=SEED)
    reset_database(driver, database=neo4j_settings.database)
    root = tmp / "lake"
    outcome, _ = load_path(neo4j_settings, driver, "canonical", tmp / "folder", rejects_file=tmp / "rejects.csv",
                           lake_root=root)  # fmt: skip
    assert outcome.rejected == 0
    finish_load(driver, neo4j_settings, "canonical", tmp / "folder", outcome, root)
    with session(spark_settings({"HOTSPOT_SPARK_SHUFFLE_PARTITIONS": "2"})):
        yield {"driver": driver, "db": neo4j_settings.database, "lake": root, "settings": neo4j_settings}
    reset_database(driver, database=neo4j_settings.database)


def written(driver: Driver, db: str) -> dict[str, set[tuple[Any, ...]]]:
    """What analyze wrote back, as sets of tuples (numbers rounded to 9 places)."""

    def plain(v: Any) -> Any:
        return round(v, 9) if isinstance(v, float) else v

    out = {}
    for name, q in WRITTEN.items():
        records, _, _ = driver.execute_query(q, database_=db)
        out[name] = {tuple(plain(v) for v in r.values()) for r in records}
    return out


def run(w: dict[str, Any], engine: str, **given: Any) -> dict[str, str]:
    done = run_all(
        w["driver"],
        STEPS,
        switches(**given),
        w["db"],
        engine=engine,
        lake_root=w["lake"],
        config=w["settings"],
    )
    return {name: summary for name, summary, _ in done}


@pytest.mark.parametrize(
    ("given", "stale"),
    [
        (
            {
                "counting": "whole",
                "geo": "inventor",
                "pool_years": 3,
                "periods": ("a:1985-2004", "b:2005-2030"),
            },
            3,
        ),
        ({"year": "priority", "ipc_level": "main_group", "geo": "applicant"}, 0),  # no patent holds novelty
    ],
    ids=["inventors-whole-periods-stale", "priority-main-group-applicants"],
)
def test_spark_writes_back_what_the_graph_writes(
    universe: dict[str, Any], given: dict[str, Any], stale: int
) -> None:
    driver, db = universe["driver"], universe["db"]
    for q in CLEAR:
        driver.execute_query(q, database_=db)
    run(universe, "graph", **given)
    graph = written(driver, db)
    assert all(graph[k] for k in ("specialised_in", "sources_from", "novelty", "introduced")), {
        k: len(v) for k, v in graph.items()
    }
    for q in CLEAR:
        driver.execute_query(q, database_=db)
    assert not any(written(driver, db).values())
    # novelty left by an earlier run on patents that this one does not score: the write must remove it
    if stale:
        assert driver.execute_query(STALE, database_=db).records[0]["n"] == stale
    summaries = run(universe, "spark", **given)
    assert "through the Spark connector" in summaries["novelty"], summaries["novelty"]
    spark = written(driver, db)
    for k in WRITTEN:
        assert spark[k] == graph[k], k


def test_analyze_engine_spark_refuses_a_stale_lake(
    universe: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hotspot_kg.cli import main

    driver, db = universe["driver"], universe["db"]
    monkeypatch.setattr(settings_module, "current", lambda: universe["settings"])
    driver.execute_query("CREATE (:Patent {id: 'P-analyze-extra', in_db: true, year: 2001})", database_=db)
    try:
        code = main(["analyze", "specialisation", "--engine", "spark", "--lake", str(universe["lake"])])
    finally:
        driver.execute_query("MATCH (p:Patent {id: 'P-analyze-extra'}) DELETE p", database_=db)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("Error:")]
    assert code == 1 and len(lines) == 1, err
    assert "does not match the database" in lines[0] and "hotspot-kg load" in lines[0], err


def test_analyze_engine_spark_refuses_family_units_before_connecting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hotspot_kg.cli import main

    code = main(
        ["analyze", "sourcing", "--engine", "spark", "--unit", "family", "--lake", str(Path("/nowhere"))]
    )
    err = capsys.readouterr().err
    assert code == 1 and err.strip().startswith("Error: --engine spark counts patents in cities"), err
