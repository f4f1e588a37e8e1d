"""Novelty in the graph: the hand-worked example of tests/unit/test_novelty.py, loaded as nodes."""

from __future__ import annotations

import json

import pytest
from neo4j import Driver

from analytics import novelty_graph
from analytics.switches import Switches

pytestmark = pytest.mark.integration

CODE = {"A": "A01B", "B": "B01D", "C": "C07D", "D": "G06F", "E": "H04L", "F": "H04W"}
ROWS = [
    ("P1", 2000, "AB", "X"),
    ("P2", 2001, "BC", "X"),
    ("P3", 2002, "AB", "X"),
    ("P4", 2002, "CA", "XY"),
    ("P5", 2002, "ACD", "Y"),
    ("P6", 2003, "D", "X"),
    ("P7", 2003, "E", ""),
    ("P8", 2003, "EF", "X"),
    ("P9", 2004, "", "X"),
]


def build(graph) -> None:  # type: ignore[no-untyped-def]
    graph.cities([("X", "CN"), ("Y", "CN")])
    graph.ipc([(c, None) for c in CODE.values()])
    graph.applicants([("aX", "firm", "X"), ("aY", "firm", "Y"), ("aN", "firm", None)])
    graph.patents(
        [
            {
                "id": pid,
                "year": year,
                "ipc": [CODE[c] for c in codes],
                "applicants": [f"a{c}" for c in cities] or ["aN"],
            }
            for pid, year, codes, cities in ROWS
        ]
    )


def test_novelty_written_back(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    switches = Switches(pool_years=2)
    run = novelty_graph.write(driver, novelty_graph.compute(driver, switches))
    assert run.written == {"patents": 6, "introduced": 4, "first_combined": 4}
    records, _, _ = driver.execute_query(
        "MATCH (p:Patent) WHERE p.novelty_type IS NOT NULL "
        "RETURN p.id AS id, p.novel AS novel, p.novelty_type AS t, p.new_classes AS c, p.new_pairs AS n, "
        "p.novelty_settings AS s"
    )
    got = {(r["id"], r["novel"], r["t"], r["c"], r["n"]) for r in records}
    assert got == {
        ("P3", False, "refinement", 0, 0),
        ("P4", True, "combination", 0, 1),
        ("P5", True, "novel_combination", 1, 3),
        ("P6", False, "refinement", 0, 0),
        ("P7", True, "origination", 1, 0),
        ("P8", True, "origination", 2, 1),
    }
    assert json.loads(records[0]["s"]) == {"ipc_level": "subclass", "pool_years": 2, "year": "filing"}
    records, _, _ = driver.execute_query(
        "MATCH (a:IPC)-[f:FIRST_COMBINED]->(b:IPC) "
        "RETURN a.code AS a, b.code AS b, f.year AS y, f.patent AS p"
    )
    assert {(r["a"], r["b"], r["y"], r["p"]) for r in records} == {
        ("A01B", "C07D", 2002, "P4"),
        ("A01B", "G06F", 2002, "P5"),
        ("C07D", "G06F", 2002, "P5"),
        ("H04L", "H04W", 2003, "P8"),
    }
    records, _, _ = driver.execute_query("MATCH (p)-[:INTRODUCED]->(i) RETURN p.id AS p, i.code AS c")
    assert {(r["p"], r["c"]) for r in records} == {
        ("P5", "G06F"),
        ("P7", "H04L"),
        ("P8", "H04L"),
        ("P8", "H04W"),
    }

    table = novelty_graph.cities(driver, switches, run).set_index(["city_id", "year"])
    assert table.loc[("X", 2002), "patents"] == pytest.approx(1.5)
    assert table.loc[("X", 2002), "novel_share"] == pytest.approx(1 / 3)
    assert table.loc[("Y", 2002), "novel_combination"] == pytest.approx(1.0)

    # a second run replaces, never duplicates
    run = novelty_graph.write(driver, novelty_graph.compute(driver, Switches(pool_years=3)))
    assert run.written == {"patents": 3, "introduced": 3, "first_combined": 1}
    records, _, _ = driver.execute_query("MATCH ()-[f:FIRST_COMBINED]->() RETURN count(f) AS n")
    assert records[0]["n"] == 1


def test_a_second_write_changes_only_what_changed(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    first = novelty_graph.write(driver, novelty_graph.compute(driver, Switches(pool_years=2)))
    assert (first.written["patents"], first.unset) == (6, 0)
    again = novelty_graph.write(driver, novelty_graph.compute(driver, Switches(pool_years=2)))
    assert (again.written["patents"], again.unset) == (0, 0)
    assert again.written["introduced"] == 4 and again.written["first_combined"] == 4
    later = novelty_graph.write(driver, novelty_graph.compute(driver, Switches(pool_years=3)))
    assert (later.written["patents"], later.unset) == (3, 3)
    records, _, _ = driver.execute_query(
        "MATCH (p:Patent) WHERE p.novel IS NOT NULL OR p.novelty_type IS NOT NULL "
        "OR p.new_classes IS NOT NULL OR p.novelty_settings IS NOT NULL RETURN p.id AS id, p.novelty_settings AS s"
    )
    assert sorted(r["id"] for r in records) == ["P6", "P7", "P8"]
    assert {json.loads(r["s"])["pool_years"] for r in records} == {3}


def test_changes_lists_new_changed_and_stale_patents() -> None:
    import pandas as pd

    s = '{"pool_years": 2}'
    written = pd.DataFrame({
        "patent_id": ["P1", "P2", "P3"], "novel": [True, False, False],
        "novelty_type": ["origination", "refinement", "refinement"], "new_classes": [1, 0, 0],
        "new_pairs": [0, 0, 0], "settings": [s, s, s],
    })  # fmt: skip
    scored = pd.DataFrame({
        "patent_id": ["P1", "P2", "P4"], "year": [2002, 2002, 2003], "novel": [1, 1, 0],
        "novelty_type": ["origination", "combination", "refinement"], "new_classes": [1, 0, 0],
        "new_pairs": [0, 1, 0],
    })  # fmt: skip
    todo, stale = novelty_graph.changes(written, scored, s)
    assert list(todo["patent_id"]) == ["P2", "P4"] and stale == ["P3"]
    todo, stale = novelty_graph.changes(written, scored, '{"pool_years": 3}')
    assert list(todo["patent_id"]) == ["P1", "P2", "P4"]
    empty = pd.DataFrame({c: [] for c in written.columns})
    todo, stale = novelty_graph.changes(empty, scored, s)
    assert len(todo) == 3 and stale == []
