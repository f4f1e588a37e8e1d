"""Collaboration types, knowledge sourcing and stakeholder/ownership tables on a hand-worked graph."""

from __future__ import annotations

import pytest
from neo4j import Driver

from analytics import collaboration, ecosystem, sourcing
from analytics.switches import Switches

pytestmark = pytest.mark.integration


def build(graph) -> None:  # type: ignore[no-untyped-def]
    graph.cities([("SZ", "CN"), ("GZ", "CN"), ("NY", "US")])
    graph.ipc([("H04L", 3)])
    graph.inventors([("i1", "SZ"), ("i2", "SZ"), ("i3", "GZ"), ("i4", "NY"), ("i5", None)])
    graph.applicants(
        [("a1", "firm", "SZ"), ("a2", "university", "SZ"), ("a3", "firm", "GZ"), ("a4", "firm", "NY")]
    )
    graph.ownership([("a1", "POE"), ("a3", "SOE")])
    rows = [
        ("q1", ["i1", "i2"], ["a1"]),  # local
        ("q2", ["i1", "i3"], ["a1", "a3"]),  # domestic
        ("q3", ["i1", "i4"], ["a1", "a2"]),  # international
        ("q4", ["i1"], ["a4"]),  # single: one person
        ("q5", ["i1", "i5"], ["a2"]),  # single: one located person
    ]
    graph.patents(
        [{"id": p, "year": 2010, "ipc": ["H04L"], "inventors": i, "applicants": a} for p, i, a in rows]
    )
    graph.citations([("q2", "q1"), ("q3", "q4"), ("q3", "X9"), ("q4", "q2")])


def test_collaboration_types_by_hand(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    table = collaboration.compute(driver, Switches()).set_index("city_id")
    sz = table.loc["SZ"]
    assert (sz["local"], sz["domestic"], sz["international"], sz["single"]) == (1.0, 0.5, 0.5, 2.0)
    assert (sz["local_share"], sz["domestic_share"], sz["international_share"]) == (0.5, 0.25, 0.25)
    assert table.loc["GZ", "domestic"] == 0.5 and table.loc["NY", "international"] == 0.5
    whole = collaboration.compute(driver, Switches(counting="whole")).set_index("city_id")
    assert (whole.loc["SZ", "domestic"], whole.loc["SZ", "single"]) == (1.0, 2.0)
    by_applicant = collaboration.compute(driver, Switches(geo="applicant")).set_index("city_id")
    # applicants: q2 domestic (SZ, GZ), q3 local (a1, a2 both in SZ), the rest single
    assert (by_applicant.loc["SZ", "local"], by_applicant.loc["SZ", "domestic"]) == (1.0, 0.5)


def test_sourcing_by_hand(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    table, unresolved, periods = sourcing.compute(driver, Switches())
    got = {(r.city_id, r.source_city_id, r.relation): (r.citations, r.share) for r in table.itertuples()}
    assert got == {
        ("SZ", "SZ", "local"): (0.5, pytest.approx(1 / 3)),
        ("SZ", "NY", "foreign"): (1.0, pytest.approx(2 / 3)),
        ("GZ", "SZ", "domestic"): (0.5, 1.0),
        ("NY", "SZ", "foreign"): (0.5, 0.5),
        ("NY", "GZ", "foreign"): (0.5, 0.5),
    }
    assert set(table["period"]) == {"stage3"}
    assert unresolved.to_dict("records") == [{"city_id": "SZ", "period": "stage3", "unresolved": 1.0}]
    shares = sourcing.shares(table).set_index("city_id")
    assert shares.loc["SZ", "foreign"] == pytest.approx(2 / 3)
    top = sourcing.top_sources(table)
    assert top[top["city_id"] == "SZ"]["source_city_id"].tolist() == ["NY", "SZ"]
    assert top[top["city_id"] == "SZ"]["is_self"].tolist() == [False, True]

    excluded, _, _ = sourcing.compute(driver, Switches(self_citations="exclude"))
    assert {(r.city_id, r.source_city_id, r.share) for r in excluded.itertuples()} == {
        ("SZ", "NY", 1.0),
        ("NY", "SZ", 0.5),
        ("NY", "GZ", 0.5),
    }
    assert sourcing.write(driver, table, Switches(), periods) == 5
    records, _, _ = driver.execute_query(
        "MATCH (a:City)-[s:SOURCES_FROM]->(b:City) RETURN a.id AS a, b.id AS b, s.share AS share"
    )
    assert {(r["a"], r["b"]) for r in records} == {
        ("SZ", "SZ"),
        ("SZ", "NY"),
        ("GZ", "SZ"),
        ("NY", "SZ"),
        ("NY", "GZ"),
    }


def test_stakeholders_and_ownership_by_hand(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    stake, own = ecosystem.compute(driver, Switches())
    got = {(r.city_id, r.type): r.patents for r in stake.itertuples()}
    assert got == {("SZ", "firm"): 2.0, ("SZ", "university"): 1.5, ("GZ", "firm"): 0.5, ("NY", "firm"): 1.0}
    assert {(r.city_id, r.ownership): r.patents for r in own.itertuples()} == {
        ("SZ", "POE"): 2.5,
        ("GZ", "SOE"): 0.5,
    }
    stake, _ = ecosystem.compute(driver, Switches(geo="inventor"))
    sz_firm = stake[(stake["city_id"] == "SZ") & (stake["type"] == "firm")]["patents"].iloc[0]
    assert sz_firm == pytest.approx(1 + 0.5 + 0.25 + 1)
    whole, _ = ecosystem.compute(driver, Switches(counting="whole"))
    assert whole[(whole["city_id"] == "SZ") & (whole["type"] == "firm")]["patents"].iloc[0] == 3.0
