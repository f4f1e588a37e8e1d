"""The science page's pure pieces: intensity from the context, profile shares, and the figures."""

from __future__ import annotations

import pandas as pd
import pytest

from ui import science_charts, science_data


def context_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "area_id": ["SZ", "SZ", "CN"], "year": [2019, 2020, 2020], "currency_basis": ["constant 2015 USD"] * 3,
        "gdp_per_capita": [20000.0, None, 10000.0], "population": [1e7, None, 1e9],
        "rd_expenditure": [1e10, None, None], "rd_intensity": [None, 5.5, 2.4],
        "rd_share_basic": [0.05, 0.06, 0.06], "rd_share_applied": [0.05, 0.05, 0.11],
        "rd_share_experimental": [0.9, 0.89, 0.83], "rd_share_business": [None] * 3,
        "rd_share_government": [None] * 3, "rd_share_higher_education": [None] * 3, "source": ["yearbook"] * 3,
    })  # fmt: skip


def test_intensity_is_given_or_derived_from_expenditure_over_gdp() -> None:
    rows = science_data.area_rows(context_rows(), "SZ", "Shenzhen")
    assert rows["intensity"].tolist() == pytest.approx([5.0, 5.5])  # 1e10 / (2e4 * 1e7) = 5 %
    assert set(rows["area"]) == {"Shenzhen"}
    assert science_data.area_rows(context_rows(), None, "?").empty


def test_profile_shares_put_the_city_beside_the_whole_table() -> None:
    table = pd.DataFrame({"city_id": ["a", "a", "b"], "field": [17, 27, 27], "works": [3.0, 1.0, 4.0]})
    shares = science_data.profile_shares(table, "a", "field", "works", pd.Series({17: "CS", 27: "Medicine"}))
    got = shares.set_index("label")
    assert got.loc["CS", "city"] == 0.75 and got.loc["CS", "all"] == 3 / 8
    assert got.loc["Medicine", "all"] == 5 / 8


def test_country_patents_sum_the_cities_of_the_country() -> None:
    patents = pd.DataFrame(
        {"city_id": ["a", "b", "c"], "year": [2000, 2000, 2000], "patents": [1.0, 2.0, 4.0]}
    )
    got = science_data.country_patents(patents, pd.Series({"a": "CN", "b": "CN", "c": "US"}), "CN")
    assert got.to_dict("records") == [{"year": 2000, "patents": 3.0}]


def test_the_figures_hold_their_series() -> None:
    rows = pd.concat([science_data.area_rows(context_rows(), "SZ", "Shenzhen"),
                      science_data.area_rows(context_rows(), "CN", "CN")])  # fmt: skip
    fig = science_charts.gdp_with_patents(rows[rows["area"] == "Shenzhen"],
                                          pd.DataFrame({"year": [2019], "patents": [5.0]}), "Shenzhen", "t")  # fmt: skip
    assert [t.type for t in fig.data] == ["bar", "scatter"] and list(fig.data[1].y) == [20000.0]
    assert "constant 2015 USD" in fig.layout.yaxis.title.text
    assert len(science_charts.rd_intensity(rows, "t").data) == 2
    assert len(science_charts.rd_structure(rows, science_charts.RD_TYPES, "t").data) == 6  # 3 types x 2 areas
    collab = pd.DataFrame({"year": [2000, 2001], "local": [1.0, 0.0], "domestic": [1.0, 0.0],
                           "international": [2.0, 1.0]})  # fmt: skip
    fig = science_charts.collaboration_side_by_side(collab, collab, "t")
    international = [t for t in fig.data if t.name == "international"]
    assert list(international[0].y) == [0.5, 1.0] and len(fig.data) == 6
    profile = pd.DataFrame({"label": ["CS"], "city": [0.5], "all": [0.25]})
    assert len(science_charts.profiles_side_by_side(profile, profile, "t").data) == 4
