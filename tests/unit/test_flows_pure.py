"""Collaboration types and citation flows without a server, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.collaboration import by_city, classify
from analytics.sourcing import by_period, flows
from analytics.switches import Period


def test_classify_collaboration_types() -> None:
    patents = pd.DataFrame(
        [
            ("a", 2, 2, ["X"], ["CN"]),
            ("b", 3, 2, ["X", "Y"], ["CN"]),
            ("c", 2, 2, ["X", "Z"], ["CN", "US"]),
            ("d", 1, 1, ["X"], ["CN"]),
            ("e", 3, 1, ["X"], ["CN"]),
        ],
        columns=["patent_id", "persons", "located", "cities", "countries"],
    ).assign(year=2010)
    assert classify(patents).tolist() == ["local", "domestic", "international", "single", "single"]
    table = by_city(patents, "fractional").set_index("city_id")
    assert table.loc["X", ["local", "domestic", "international", "single"]].tolist() == [1.0, 0.5, 0.5, 2.0]
    assert table.loc["X", "local_share"] == pytest.approx(0.5)


def test_citation_flows_split_over_both_ends() -> None:
    citations = pd.DataFrame(
        [("p", "q", 2010, True, False), ("p", "r", 2010, False, False), ("p", "s", 2010, True, True)],
        columns=["citing_id", "cited_id", "year", "cited_in_db", "self_citation"],
    )
    located = pd.DataFrame(
        [("p", "A"), ("p", "B"), ("q", "A"), ("q", "C"), ("s", "A")], columns=["patent_id", "city_id"]
    )
    countries = pd.Series({"A": "CN", "B": "CN", "C": "US"})
    flow, unresolved = flows(citations, located, countries, "fractional", "include")
    got = {(r.city_id, r.source_city_id, r.relation): r.citations for r in flow.itertuples()}
    # p (A, B: 1/2 each) cites q (A, C: 1/2 each) and s (A); r is not loaded
    assert got == {
        ("A", "A", "local"): 0.25 + 0.5,
        ("A", "C", "foreign"): 0.25,
        ("B", "A", "domestic"): 0.25 + 0.5,
        ("B", "C", "foreign"): 0.25,
    }
    assert unresolved["unresolved"].tolist() == [0.5, 0.5]
    flow, _ = flows(citations, located, countries, "whole", "exclude")
    assert flow["citations"].sum() == pytest.approx(2.0)  # s dropped; q counted once from A, once from B
    table = by_period(flow, [Period("s", 2006, 2015)])
    assert table.groupby("city_id")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_collaboration_from_person_links_by_hand() -> None:
    from analytics.collaboration import by_city_from_persons

    # the patents of test_classify_collaboration_types, as person links; p3 of "b" and "e" unlocated
    persons = pd.DataFrame(
        [
            ("a", "p1", "X"), ("a", "p2", "X"),
            ("b", "p1", "X"), ("b", "p2", "Y"), ("b", "p3", None),
            ("c", "p1", "X"), ("c", "p4", "Z"),
            ("d", "p1", "X"),
            ("e", "p1", "X"), ("e", "p5", None), ("e", "p6", None),
        ],
        columns=["patent_id", "person_id", "city_id"],
    ).assign(year=2010)  # fmt: skip
    countries = pd.Series({"X": "CN", "Y": "CN", "Z": "US"})
    for counting, expected in (("fractional", [1.0, 0.5, 0.5, 2.0]), ("whole", [1.0, 1.0, 1.0, 2.0])):
        table = by_city_from_persons(persons, countries, counting).set_index("city_id")
        assert table.loc["X", ["local", "domestic", "international", "single"]].tolist() == expected
    table = by_city_from_persons(persons, countries).set_index("city_id")
    assert table.loc["X", "local_share"] == pytest.approx(0.5)
    assert table.loc["Z", "international"] == pytest.approx(0.5)
    assert table.loc["Y", ["domestic", "domestic_share"]].tolist() == [0.5, 1.0]


def test_collaboration_from_person_links_ignores_unknown_countries() -> None:
    from analytics.collaboration import by_city_from_persons

    persons = pd.DataFrame(
        [("f", "p1", "X"), ("f", "p2", "W"), ("g", "p1", "W"), ("g", "p3", "V")],
        columns=["patent_id", "person_id", "city_id"],
    ).assign(year=2011)
    table = by_city_from_persons(persons, pd.Series({"X": "CN"})).set_index("city_id")
    # f: cities X (CN) and W (no country) -> one known country -> domestic; g: no known country -> domestic
    assert table.loc["W", ["domestic", "international"]].tolist() == [1.0, 0.0]
    assert table.loc["X", "domestic"] == pytest.approx(0.5)
