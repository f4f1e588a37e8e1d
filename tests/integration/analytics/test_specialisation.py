"""RSI in the database on a small hand-worked graph, and its SPECIALISED_IN write-back."""

from __future__ import annotations

import pytest
from neo4j import Driver

from analytics import specialisation
from analytics.switches import Period, Switches

pytestmark = pytest.mark.integration


def build(graph) -> None:  # type: ignore[no-untyped-def]
    graph.cities([("SZ", "CN"), ("BJ", "CN"), ("NY", "US")])
    graph.ipc([("H04L 29/06", 3), ("G06F 17/30", 6), ("A61K 31/00", 16)])
    graph.applicants(
        [("a1", "firm", "SZ"), ("a2", "university", "BJ"), ("a3", "firm", "NY"), ("a4", "firm", None)]
    )
    graph.patents(
        [
            {"id": "p1", "year": 2010, "ipc": ["H04L 29/06"], "applicants": ["a1"]},
            {"id": "p2", "year": 2010, "ipc": ["H04L 29/06", "G06F 17/30"], "applicants": ["a1", "a2"]},
            {"id": "p3", "year": 2010, "ipc": ["A61K 31/00"], "applicants": ["a3"]},
            {"id": "p4", "year": 2010, "priority_year": 2005, "ipc": ["G06F 17/30"], "applicants": ["a2"]},
            {"id": "p5", "year": 2010, "ipc": ["A61K 31/00"], "applicants": ["a4"]},
        ]
    )


def test_rsi_fractional_by_hand(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    table, periods = specialisation.compute(driver, Switches())
    assert [str(p) for p in periods] == ["stage1:1980-1991", "stage2:1992-2005", "stage3:2006-2010"]
    got = {(r.city_id, r.tech): (r.x, r.rsi) for r in table.itertuples()}
    # SZ: f3 1 + 1/4, f6 1/4; BJ: f3 1/4, f6 1/4 + 1; NY: f16 1; total 4; field totals 1.5, 1.5, 1.
    assert got[("SZ", 3)] == (pytest.approx(1.25), pytest.approx((1.25 / 1.5) / (1.5 / 4)))
    assert got[("SZ", 6)] == (pytest.approx(0.25), pytest.approx((0.25 / 1.5) / (1.5 / 4)))
    assert got[("BJ", 6)] == (pytest.approx(1.25), pytest.approx(20 / 9))
    assert got[("NY", 16)] == (pytest.approx(1.0), pytest.approx(4.0))
    assert len(got) == 5
    assert set(table["period"]) == {"stage3"}
    assert table.loc[table["city_id"] == "NY", "rsi_sym"].iloc[0] == pytest.approx(3 / 5)
    assert specialisation.unlocated(driver, Switches()).to_dict("records") == [{"year": 2010, "patents": 1}]


def test_rsi_whole_counting_and_priority_year(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    table, _ = specialisation.compute(driver, Switches(counting="whole"))
    sz3 = table[(table["city_id"] == "SZ") & (table["tech"] == 3)].iloc[0]
    assert (sz3["x"], sz3["rsi"]) == (2.0, pytest.approx((2 / 3) / (3 / 7)))
    table, _ = specialisation.compute(
        driver, Switches(year="priority", periods=(Period("early", 2000, 2009),))
    )
    assert table[["city_id", "tech", "x", "rsi"]].to_dict("records") == [
        {"city_id": "BJ", "tech": 6, "x": 1.0, "rsi": 1.0}
    ]


def test_ipc_tech_unit_uses_the_level(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    table, _ = specialisation.compute(driver, Switches(tech_unit="ipc", ipc_level="main_group"))
    assert set(table["tech"]) == {"H04L 29/00", "G06F 17/00", "A61K 31/00"}
    table, _ = specialisation.compute(driver, Switches(tech_unit="ipc", ipc_level="group"))
    assert set(table["tech"]) == {"H04L 29/06", "G06F 17/30"}


def test_write_back_specialised_in(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    switches = Switches()
    table, periods = specialisation.compute(driver, switches)
    assert specialisation.write(driver, table, switches, periods) == 3
    records, _, _ = driver.execute_query(
        "MATCH (c:City)-[s:SPECIALISED_IN]->(f:TechField) "
        "RETURN c.id AS c, f.id AS f, s.period AS p, s.rsi AS rsi"
    )
    got = {(r["c"], r["f"], r["p"]) for r in records}
    assert got == {("SZ", 3, "stage3"), ("BJ", 6, "stage3"), ("NY", 16, "stage3")}
    assert specialisation.write(driver, table, switches, periods) == 3  # replaced, not duplicated
    records, _, _ = driver.execute_query("MATCH ()-[s:SPECIALISED_IN]->() RETURN count(s) AS n")
    assert records[0]["n"] == 3
