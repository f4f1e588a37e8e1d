"""Novelty on a small hand-worked example, and the property that later patents change nothing earlier."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.novelty import by_city, score, unlocated

# Pool years 2000-2001 (pool_years = 2); scored from 2002.
PATENTS = pd.DataFrame(
    [
        ("P1", 2000, ["A", "B"]),
        ("P2", 2001, ["B", "C"]),
        ("P3", 2002, ["A", "B"]),  # all known, pair AB known -> refinement
        ("P4", 2002, ["C", "A"]),  # pair AC first seen 2002 -> combination
        ("P5", 2002, ["A", "C", "D"]),  # D new; AC (tie with P4), AD, CD new -> novel_combination
        ("P6", 2003, ["D"]),  # D known since 2002 -> refinement
        ("P7", 2003, ["E"]),  # E new -> origination
        ("P8", 2003, ["E", "F"]),  # E new (tie with P7), F new, EF new -> origination
        ("P9", 2004, []),  # no code: not scored
    ],
    columns=["patent_id", "year", "codes"],
)


def test_scores_by_hand() -> None:
    result = score(PATENTS, pool_years=2)
    assert result.first_scored_year == 2002
    got = {tuple(r) for r in result.patents.itertuples(index=False)}
    assert got == {
        ("P3", 2002, 0, 0, 0, "refinement"),
        ("P4", 2002, 0, 1, 1, "combination"),
        ("P5", 2002, 1, 3, 1, "novel_combination"),
        ("P6", 2003, 0, 0, 0, "refinement"),
        ("P7", 2003, 1, 0, 1, "origination"),
        ("P8", 2003, 2, 1, 1, "origination"),
    }
    assert set(map(tuple, result.introduced.to_numpy())) == {
        ("P5", "D"),
        ("P7", "E"),
        ("P8", "E"),
        ("P8", "F"),
    }
    assert set(map(tuple, result.first_pairs.to_numpy())) == {
        ("A", "C", 2002, "P4", 2),
        ("A", "D", 2002, "P5", 1),
        ("C", "D", 2002, "P5", 1),
        ("E", "F", 2003, "P8", 1),
    }


CITIES = pd.DataFrame(
    [("P3", "X"), ("P4", "X"), ("P4", "Y"), ("P5", "Y"), ("P6", "X"), ("P8", "X"), ("P1", "X")],
    columns=["patent_id", "city_id"],
)


def test_by_city_fractional_by_hand() -> None:
    scored = score(PATENTS, pool_years=2).patents
    table = by_city(scored, CITIES, "fractional").set_index(["city_id", "year"])
    x2002 = table.loc[("X", 2002)]
    assert x2002["patents"] == pytest.approx(1.5)
    assert x2002["novel_patents"] == pytest.approx(0.5)
    assert x2002["novel_share"] == pytest.approx(1 / 3)
    assert (x2002["refinement"], x2002["combination"]) == (pytest.approx(1.0), pytest.approx(0.5))
    y2002 = table.loc[("Y", 2002)]
    assert (y2002["patents"], y2002["novel_share"], y2002["novel_combination"]) == (1.5, 1.0, 1.0)
    x2003 = table.loc[("X", 2003)]
    assert (x2003["patents"], x2003["novel_patents"], x2003["origination"]) == (2.0, 1.0, 1.0)
    assert len(table) == 3  # P1 is in the pool: no 2000 row
    assert unlocated(scored, CITIES).to_dict("records") == [{"year": 2003, "patents": 1}]  # P7


def test_by_city_whole_counts_each_city_fully() -> None:
    scored = score(PATENTS, pool_years=2).patents
    table = by_city(scored, CITIES, "whole").set_index(["city_id", "year"])
    assert table.loc[("X", 2002), "patents"] == 2.0
    assert table.loc[("Y", 2002), "combination"] == 1.0


def test_pool_of_zero_years_scores_everything() -> None:
    result = score(PATENTS, pool_years=0)
    assert result.first_scored_year == 2000
    p1 = result.patents.set_index("patent_id").loc["P1"]
    assert (p1["novelty_type"], p1["new_classes"], p1["new_pairs"]) == ("origination", 2, 1)


codes = st.lists(st.sampled_from(list("ABCDEFG")), min_size=0, max_size=4, unique=True)
patent = st.tuples(st.integers(1990, 2000), codes)


@settings(max_examples=60, deadline=None)
@given(st.lists(patent, min_size=1, max_size=25), patent, st.integers(0, 3))
def test_a_later_patent_never_changes_an_earlier_novelty(rows: list, extra: tuple, pool: int) -> None:
    base = pd.DataFrame(
        [(f"P{i}", y, c) for i, (y, c) in enumerate(rows)], columns=["patent_id", "year", "codes"]
    )
    last = int(base["year"].max())
    later = pd.DataFrame([("LATE", last + 1 + extra[0] - 1990, extra[1])], columns=base.columns)
    before = score(base, pool).patents.set_index("patent_id")
    after = score(pd.concat([base, later], ignore_index=True), pool).patents.set_index("patent_id")
    after = after.drop(index="LATE", errors="ignore")
    if base["codes"].map(len).sum() == 0:
        return
    pd.testing.assert_frame_equal(before.sort_index(), after.sort_index(), check_dtype=False)
