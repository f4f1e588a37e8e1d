"""City x technology x year counts from link pairs, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.counting import city_tech_counts
from hotspot_kg.core.errors import HotspotError

CITIES = pd.DataFrame(
    {"patent_id": ["p1", "p2", "p2", "p3", "p4", "p4"], "city_id": ["SZ", "SZ", "BJ", "NY", "SZ", "SZ"]}
)
TECHS = pd.DataFrame(
    {
        "patent_id": ["p1", "p2", "p2", "p2", "p3", "p5"],
        "tech": [3, 3, 6, 6, 16, 3],  # p2 has two codes in field 6: one pair
        "year": [2010, 2011, 2011, 2011, 2010, 2010],
    }
)


def _cells(table: pd.DataFrame) -> dict[tuple[str, int, int], float]:
    return {(r.city_id, r.tech, r.year): r.x for r in table.itertuples()}


def test_fractional_by_hand() -> None:
    # p1: SZ x 3 -> 1; p2: {SZ, BJ} x {3, 6} -> 1/4 each; p3: NY x 16 -> 1;
    # p4 has no technology and p5 no city: they do not count.
    got = city_tech_counts(CITIES, TECHS)
    assert _cells(got) == {
        ("BJ", 3, 2011): 0.25, ("BJ", 6, 2011): 0.25, ("NY", 16, 2010): 1.0,
        ("SZ", 3, 2010): 1.0, ("SZ", 3, 2011): 0.25, ("SZ", 6, 2011): 0.25,
    }  # fmt: skip
    assert list(got.columns) == ["city_id", "tech", "year", "x"]
    assert list(zip(got["city_id"], got["tech"], got["year"], strict=True)) == sorted(_cells(got))
    assert got["x"].sum() == pytest.approx(3.0)  # one per counted patent


def test_whole_counting_gives_one_per_cell() -> None:
    got = _cells(city_tech_counts(CITIES, TECHS, "whole"))
    assert got[("SZ", 3, 2011)] == 1.0 and got[("BJ", 6, 2011)] == 1.0
    assert sum(got.values()) == 6.0


def test_same_year_patents_add_up() -> None:
    techs = TECHS.assign(year=2010)
    got = _cells(city_tech_counts(CITIES, techs))
    assert got[("SZ", 3, 2010)] == 1.25


def test_empty_and_wrong_counting() -> None:
    assert city_tech_counts(CITIES.iloc[:0], TECHS).empty
    assert city_tech_counts(CITIES, TECHS[TECHS["patent_id"] == "p5"]).empty
    with pytest.raises(HotspotError, match="counting must be"):
        city_tech_counts(CITIES, TECHS, "shares")
