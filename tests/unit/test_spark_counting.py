"""The Spark counts and flows on a tiny hand-made lake, against hand-computed figures (no Neo4j).

Cities A and B (CN) and C (US). P1 (2000, priority 1999): applicants in A and B, codes in fields 3 and 6;
P2 (2001): applicant in A, inventor in C, field 3, cites P1 (same applicant a1: a self-citation) and the
stub X; P3 (2001): an applicant without a city, cites P1; P4: undated, cites P1. P1 cites the stub X.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import testkit

from analytics.switches import Period, Switches
from graph.ingest import lake as lake_module

testkit.need_pyspark()

TABLES: dict[str, list[dict[str, Any]]] = {
    "cities": [{"id": "A", "country": "CN"}, {"id": "B", "country": "CN"}, {"id": "C", "country": "US"}],
    "applicants": [{"id": "a1", "city_id": "A"}, {"id": "a2", "city_id": "B"}, {"id": "a3", "city_id": "C"},
                   {"id": "a4", "city_id": None}],
    "inventors": [{"id": "i1", "city_id": "C"}],
    "patents": [{"id": "P1", "year": 2000, "priority_year": 1999}, {"id": "P2", "year": 2001},
                {"id": "P3", "year": 2001}, {"id": "P4", "year": None}],
    "patent_applicants": [{"patent_id": "P1", "applicant_id": "a1"}, {"patent_id": "P1", "applicant_id": "a2"},
                          {"patent_id": "P2", "applicant_id": "a1"}, {"patent_id": "P3", "applicant_id": "a4"},
                          {"patent_id": "P4", "applicant_id": "a3"}],
    "patent_inventors": [{"patent_id": "P2", "inventor_id": "i1"}],
    "patent_ipc": [{"patent_id": "P1", "code": "H04L 29/06"}, {"patent_id": "P1", "code": "G06F 17/30"},
                   {"patent_id": "P2", "code": "H04L 29/06"}, {"patent_id": "P3", "code": "G06F 17/30"},
                   {"patent_id": "P4", "code": "G06F 17/30"}],
    "ipc": [{"code": "H04L 29/06", "field": 3, "subclass": "H04L"}, {"code": "G06F 17/30", "field": 6,
             "subclass": "G06F"}],
    "citations": [{"citing_id": "P2", "cited_id": "P1"}, {"citing_id": "P2", "cited_id": "X"},
                  {"citing_id": "P1", "cited_id": "X"}, {"citing_id": "P3", "cited_id": "P1"},
                  {"citing_id": "P4", "cited_id": "P1"}],
    "patent_stubs": [{"id": "X"}],
}  # fmt: skip
PERIOD = (Period("p", 1990, 2010),)


def write_lake(root: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    partial = root.with_name(root.name + ".partial")
    for name, schema in lake_module.SCHEMA.items():
        frame = pd.DataFrame(tables.get(name, []), columns=schema.names).astype(object)
        frame = frame.where(frame.notna(), None)
        (partial / name).mkdir(parents=True)
        arrow = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
        pq.write_table(arrow, partial / name / "part-00000.parquet")
    manifest = lake_module.Manifest("local", {}, {t: len(r) for t, r in tables.items()}, "now", stamp="s")
    lake_module.finish(partial, root, manifest)


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from analytics.spark.lake import open_lake
    from hotspot_kg.spark import session

    root = tmp_path_factory.mktemp("lake") / "lake"
    write_lake(root, TABLES)
    with session(master="local[1]") as spark:
        yield open_lake(spark, root)


def cells(table: pd.DataFrame) -> set[tuple[Any, ...]]:
    return {(r.city_id, r.tech, r.year, round(r.x, 12)) for r in table.itertuples()}


def test_fractional_counts_share_a_patent_among_its_cities_and_fields(lake: Any) -> None:
    from analytics.spark.counting import counts

    table = counts(lake, Switches(), "field35")
    assert list(table.columns) == ["city_id", "tech", "year", "x"]
    assert cells(table) == {("A", 3, 2000, 0.25), ("A", 6, 2000, 0.25), ("B", 3, 2000, 0.25),
                            ("B", 6, 2000, 0.25), ("A", 3, 2001, 1.0)}  # fmt: skip


def test_whole_counting_priority_years_ipc_and_inventors(lake: Any) -> None:
    from analytics.spark.counting import counts

    whole = counts(lake, Switches(counting="whole", year="priority"), "ipc")
    assert cells(whole) == {("A", "H04L", 1999, 1.0), ("A", "G06F", 1999, 1.0), ("B", "H04L", 1999, 1.0),
                            ("B", "G06F", 1999, 1.0), ("A", "H04L", 2001, 1.0)}  # fmt: skip
    assert cells(counts(lake, Switches(geo="inventor"), "field35")) == {("C", 3, 2001, 1.0)}


def test_unlocated_patents_are_reported_by_year(lake: Any) -> None:
    from analytics.spark.counting import unlocated

    assert unlocated(lake, Switches()).to_dict("records") == [{"year": 2001, "patents": 1}]


def test_sourcing_splits_a_citation_among_the_cited_cities_and_reports_the_stub(lake: Any) -> None:
    from analytics.spark.sourcing import compute

    # P2 (A) -> P1 (A, B): 1/2 to each; P2 -> X and P1 (A, B) -> X: unresolved, P1's shared between A and B;
    # P3 (no city) and P4 (no year) count nowhere
    table, unresolved, periods = compute(lake, Switches(periods=PERIOD))
    assert periods == list(PERIOD)
    got = {(r.city_id, r.source_city_id, r.relation, r.citations, r.share) for r in table.itertuples()}
    assert got == {("A", "A", "local", 0.5, 0.5), ("A", "B", "domestic", 0.5, 0.5)}
    assert unresolved.to_dict("records") == [{"city_id": "A", "period": "p", "unresolved": 1.5},
                                             {"city_id": "B", "period": "p", "unresolved": 0.5}]  # fmt: skip
    table, unresolved, _ = compute(lake, Switches(periods=PERIOD, self_citations="exclude"))
    assert table.empty and unresolved["unresolved"].tolist() == [1.5, 0.5]
    table, unresolved, _ = compute(lake, Switches(periods=PERIOD, counting="whole"))
    got = {(r.city_id, r.source_city_id, r.citations) for r in table.itertuples()}
    assert got == {("A", "A", 0.5), ("A", "B", 0.5)}  # the cited side is always shared
    assert unresolved["unresolved"].tolist() == [2.0, 1.0]


def test_sourcing_flows_keep_years_and_the_last_citing_year(lake: Any) -> None:
    from analytics.spark.sourcing import flows

    flow, unresolved, last = flows(lake, Switches())
    assert last == 2001
    assert flow.values.tolist() == [["A", 2001, "A", 0.5], ["A", 2001, "B", 0.5]]
    assert unresolved.values.tolist() == [["A", 2000, 0.5], ["A", 2001, 1.0], ["B", 2000, 0.5]]
    flow, unresolved, last = flows(lake, Switches(geo="inventor"))  # P2 in C cites P1, placed nowhere
    assert last == 2001 and flow.empty and unresolved.values.tolist() == [["C", 2001, 2.0]]


def test_collaboration_types_judge_each_patent_on_its_located_persons(lake: Any) -> None:
    from analytics.spark.collaboration import compute

    table = compute(lake, Switches(geo="applicant"))
    got = {(r.city_id, r.year): (r.local, r.domestic, r.international, r.single) for r in table.itertuples()}
    assert got == {("A", 2000): (0.0, 0.5, 0.0, 0.0), ("B", 2000): (0.0, 0.5, 0.0, 0.0),
                   ("A", 2001): (0.0, 0.0, 0.0, 1.0)}  # fmt: skip
    assert table["domestic_share"].tolist()[:1] == [1.0] and table["local_share"].isna().tolist() == [
        False,
        True,
        False,
    ]


def test_novelty_scores_first_codes_and_pairs_after_the_pool(lake: Any) -> None:
    from analytics.spark.novelty import cities, patents

    table, start = patents(lake, Switches(pool_years=0))
    assert start == 2000
    assert table.values.tolist() == [["P1", 2000, 2, 1, 1, "origination"], ["P2", 2001, 0, 0, 0, "refinement"],
                                     ["P3", 2001, 0, 0, 0, "refinement"]]  # fmt: skip
    table, start = patents(lake, Switches(pool_years=1))
    assert start == 2001 and table["patent_id"].tolist() == ["P2", "P3"]
    per_city, missing, _ = cities(lake, Switches(pool_years=0))
    got = {(r.city_id, r.year): (r.patents, r.novel_patents, r.novel_share, r.origination, r.refinement)
           for r in per_city.itertuples()}  # fmt: skip
    assert got == {("A", 2000): (0.5, 0.5, 1.0, 0.5, 0.0), ("B", 2000): (0.5, 0.5, 1.0, 0.5, 0.0),
                   ("A", 2001): (1.0, 0.0, 0.0, 0.0, 1.0)}  # fmt: skip
    assert missing.to_dict("records") == [{"year": 2001, "patents": 1}]


def test_stakeholders_count_the_applicants_types_in_their_cities(lake: Any) -> None:
    from analytics.spark.ecosystem import compute

    stake, own = compute(lake, Switches())
    assert stake.values.tolist() == [
        ["A", 2000, "other", 0.5],
        ["A", 2001, "other", 1.0],
        ["B", 2000, "other", 0.5],
    ]
    assert own.empty and list(own.columns) == ["city_id", "year", "ownership", "patents"]
