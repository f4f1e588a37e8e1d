"""Science indicators by hand: the profile with its RSI and the scientific collaboration types."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import science
from analytics.switches import Period, Switches
from hotspot_kg.core.errors import IndicatorError

SZ, BJ, BOS, HK = "gn:sz", "gn:bj", "gn:bos", "gn:hk"
CITY_COUNTRY = {SZ: "CN", BJ: "CN", BOS: "US", HK: "HK", None: None}


def links(rows: list[tuple[str, int, int | None, str, str | None]]) -> pd.DataFrame:
    """(work_id, year, field, institution_id, city_id) rows with the city's country."""
    frame = pd.DataFrame(rows, columns=["work_id", "year", "field", "institution_id", "city_id"])
    return frame.assign(country=frame["city_id"].map(CITY_COUNTRY))


def test_a_work_with_a_local_a_domestic_and_a_foreign_institution_is_international() -> None:
    table = science.work_types(links([("W1", 2010, 17, "sz-u", SZ), ("W1", 2010, 17, "bj-u", BJ),
                                      ("W1", 2010, 17, "bos-u", BOS)]))  # fmt: skip
    assert table.loc["W1", "type"] == "international"


def test_collaboration_types_by_hand_with_fractional_and_whole_counting() -> None:
    data = links([
        ("W1", 2010, 17, "sz-u", SZ), ("W1", 2010, 17, "bj-u", BJ), ("W1", 2010, 17, "bos-u", BOS),  # intl
        ("W2", 2010, 17, "sz-u", SZ), ("W2", 2010, 17, "sz-lab", SZ),  # local: two institutions, one city
        ("W3", 2010, 17, "sz-u", SZ), ("W3", 2010, 17, "bj-u", BJ),  # domestic
        ("W4", 2010, 17, "sz-u", SZ), ("W4", 2010, 17, "nowhere", None),  # single: one located institution
        ("W5", 2011, 17, "sz-u", SZ), ("W5", 2011, 17, "hk-u", HK),  # international by ISO code
    ])  # fmt: skip
    frac = science.collaboration(data).set_index(["city_id", "year"])
    assert frac.loc[(SZ, 2010)].to_dict() == pytest.approx(
        {"local": 1.0, "domestic": 0.5, "international": 1 / 3, "single": 1.0}
    )
    assert frac.loc[(BJ, 2010)].to_dict() == pytest.approx(
        {"local": 0.0, "domestic": 0.5, "international": 1 / 3, "single": 0.0}
    )
    assert frac.loc[(SZ, 2011), "international"] == pytest.approx(0.5)
    whole = science.collaboration(data, counting="whole").set_index(["city_id", "year"])
    assert whole.loc[(SZ, 2010)].to_dict() == {
        "local": 1.0,
        "domestic": 1.0,
        "international": 1.0,
        "single": 1.0,
    }
    china = science.collaboration(data, greater_china="domestic").set_index(["city_id", "year"])
    assert china.loc[(SZ, 2011), "domestic"] == pytest.approx(0.5)
    assert china.loc[(HK, 2011), "international"] == 0.0


def test_fractional_counting_splits_a_work_over_its_cities() -> None:
    data = links([("W1", 2010, 17, "sz-u", SZ), ("W1", 2010, 17, "sz-lab", SZ), ("W1", 2010, 17, "bos-u", BOS),
                  ("W1", 2010, 17, "bos-2", BOS), ("W1", 2010, 17, "bj-u", BJ)])  # fmt: skip
    counts = science.city_field_counts(data).set_index("city_id")["x"]
    assert counts.to_dict() == pytest.approx(
        {SZ: 1 / 3, BOS: 1 / 3, BJ: 1 / 3}
    )  # 3 cities, not 5 institutions
    assert science.city_field_counts(data, "whole")["x"].tolist() == [1.0, 1.0, 1.0]


def test_science_profile_shares_and_rsi_by_hand() -> None:
    # Shenzhen: 3 works in CS (17), 1 in medicine (27); Boston: 1 in CS, 3 in medicine; one joint CS work
    rows = [(f"S{i}", 2010, 17, "sz-u", SZ) for i in range(3)] + [("S9", 2010, 27, "sz-u", SZ)]
    rows += [("B0", 2010, 17, "bos-u", BOS)] + [(f"B{i}", 2010, 27, "bos-u", BOS) for i in range(1, 4)]
    rows += [("J", 2010, 17, "sz-u", SZ), ("J", 2010, 17, "bos-u", BOS)]
    table = science.profile(science.city_field_counts(links(rows)), [Period("p", 2000, 2020)])
    sz = table[table["city_id"] == SZ].set_index("field")
    # Shenzhen CS: 3.5 of 4.5 works; all cities CS: 4.5 + ... = (3.5 + 1.5) of 9
    assert sz.loc[17, "works"] == pytest.approx(3.5)
    assert sz.loc[17, "share"] == pytest.approx(3.5 / 4.5)
    assert sz.loc[17, "share_all"] == pytest.approx(5 / 9)
    assert sz.loc[17, "rsi"] == pytest.approx((3.5 / 4.5) / (5 / 9))
    assert sz.loc[27, "rsi"] == pytest.approx((1 / 4.5) / (4 / 9))
    assert list(table.columns) == science.PROFILE_COLUMNS


def test_unlocated_and_fieldless_works_are_left_out_of_the_profile() -> None:
    data = links([("W1", 2010, None, "sz-u", SZ), ("W2", 2010, 17, "x", None), ("W3", 2010, 17, "sz-u", SZ)])
    table = science.profile(science.city_field_counts(data), [Period("p", 2000, 2020)])
    assert table[["city_id", "field", "works"]].values.tolist() == [[SZ, 17, 1.0]]


def test_the_greater_china_switch_is_checked() -> None:
    with pytest.raises(IndicatorError, match="greater_china must be one of separate, domestic"):
        Switches(greater_china="merged")
