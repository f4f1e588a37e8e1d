"""GII-style clusters: planted clusters recovered exactly, noise kept apart, the same result every run,
cross-border clusters, and the Bay Area on the real USPTO sample (which needs ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import clusters
from graph.ingest.readers.common import problem
from graph.ingest.readers.uspto_xml import read

KM_PER_DEGREE = 111.2  # of latitude


def planted(seed: int = 7) -> tuple[pd.DataFrame, dict[str, str]]:
    """Three planted clusters of 12 cities each (within 4 km of a centre) and 6 isolated cities."""
    rng = np.random.default_rng(seed)
    centres = {"A": (37.40, -122.05), "B": (48.85, 2.35), "C": (35.68, 139.70)}
    rows, truth = [], {}
    for group, (lat, lon) in centres.items():
        for i in range(12):
            d_lat, d_lon = rng.uniform(-4, 4, 2) / KM_PER_DEGREE
            city = f"{group}{i:02d}"
            rows.append((city, city, "XX", lat + d_lat, lon + d_lon, 10.0 + i))
            truth[city] = group
    for i, (lat, lon) in enumerate([(0, 0), (10, 10), (-30, 60), (60, -100), (-45, 170), (20, -40)]):
        rows.append(
            (f"N{i}", f"N{i}", "XX", float(lat), float(lon), 100.0)
        )  # alone, lighter than the minimum weight
    return pd.DataFrame(rows, columns=clusters.CITY_COLUMNS), truth


def test_planted_clusters_are_recovered_exactly_and_noise_stays_noise() -> None:
    cities, truth = planted()
    result = clusters.build(cities, radius_km=13.0, min_weight=150.0)
    members = result.members.set_index("city_id")
    found: dict[str, set[str]] = {}
    for city, group in truth.items():
        found.setdefault(group, set()).add(str(members.loc[city, "cluster_id"]))
    assert all(len(ids) == 1 for ids in found.values())  # each planted group is one cluster
    assert len({next(iter(ids)) for ids in found.values()}) == 3  # and three different ones
    noise = members.loc[[f"N{i}" for i in range(6)]]
    assert not noise["clustered"].any() and noise["cluster_id"].isna().all()
    assert len(result.clusters) == 3
    a = result.clusters[result.clusters["cluster_id"] == "cluster:A11"].iloc[0]
    assert a["name"] == "A11–A10–A09"  # the three heaviest cities, joined by an en dash
    assert a["weight"] == pytest.approx(sum(10.0 + i for i in range(12)))
    place = result.place()
    assert place["A03"] == "cluster:A11" and place["N2"] == "N2"


def test_a_group_lighter_than_the_minimum_weight_is_noise() -> None:
    cities, _ = planted()
    result = clusters.build(cities, radius_km=13.0, min_weight=10_000.0)
    assert result.clusters.empty and not result.members["clustered"].any()


def test_the_result_does_not_depend_on_the_input_order() -> None:
    cities, _ = planted()
    first = clusters.build(cities, radius_km=13.0, min_weight=150.0)
    for seed in range(3):
        shuffled = cities.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        again = clusters.build(shuffled, radius_km=13.0, min_weight=150.0)
        pd.testing.assert_frame_equal(first.clusters, again.clusters)
        left = first.members.sort_values("city_id").reset_index(drop=True)
        right = again.members.sort_values("city_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right)


def test_a_cross_border_pair_of_planted_clusters_merges() -> None:
    # Basel (CH), Saint-Louis (FR) and Weil am Rhein (DE): a few km apart across two borders
    cities = pd.DataFrame(
        [("basel", "Basel", "CH", 47.5596, 7.5886, 300.0), ("st-louis", "Saint-Louis", "FR", 47.5900, 7.5600, 120.0),
         ("weil", "Weil am Rhein", "DE", 47.5947, 7.6108, 100.0), ("zurich", "Zurich", "CH", 47.3769, 8.5417, 50.0)],
        columns=clusters.CITY_COLUMNS,
    )  # fmt: skip
    result = clusters.build(cities, radius_km=13.0, min_weight=400.0)
    assert len(result.clusters) == 1
    c = result.clusters.iloc[0]
    assert c["countries"] == ["CH", "DE", "FR"] and c["country"] == "CH"
    assert c["name"] == "Basel–Saint-Louis–Weil am Rhein"
    assert result.place()["zurich"] == "zurich"  # 75 km away: a place of its own


def test_a_city_without_weight_falls_in_the_cluster_around_it() -> None:
    cities, _ = planted()
    extra = pd.DataFrame([("applicants-only", "X", "XX", 37.41, -122.06, 0.0), ("far", "Y", "XX", 5.0, 5.0, 0.0),
                          ("nowhere", "Z", "XX", None, None, 3.0)], columns=clusters.CITY_COLUMNS)  # fmt: skip
    result = clusters.build(pd.concat([cities, extra], ignore_index=True), radius_km=13.0, min_weight=150.0)
    place = result.place()
    assert place["applicants-only"] == "cluster:A11"
    assert place["far"] == "far" and place["nowhere"] == "nowhere"


def test_a_radius_below_the_distance_between_cities_makes_every_weighted_city_its_own_cluster() -> None:
    cities, _ = planted()
    result = clusters.build(cities, radius_km=0.001, min_weight=1.0)
    assert len(result.clusters) == len(cities)
    assert (result.clusters["cities"] == 1).all()


def test_fractional_weights() -> None:
    located = pd.DataFrame({"patent": [0, 0, 1, 1, 1, 2], "city_id": ["a", "b", "a", "a", "c", "c"]})
    w = clusters.fractional_weights(located)
    assert w.to_dict() == pytest.approx({"a": 1.0, "b": 0.5, "c": 1.5})


BAY_AREA = ("San Jose", "Santa Clara", "Sunnyvale", "Palo Alto", "Menlo Park", "Los Altos", "Campbell")


def test_the_bay_areas_cities_fall_in_one_cluster_on_the_uspto_sample(shared_data: Path) -> None:
    records = [r for r in read(shared_data / "uspto-grants", []) if not problem(r)]

    def table(name: str) -> pd.DataFrame:
        return pd.DataFrame([r.values for r in records if r.table == name])

    cities = table("cities").astype({"lat": float, "lon": float})
    located = table("patent_inventors").merge(table("inventors"), on="inventor_id").dropna(subset=["city_id"])
    weights = clusters.fractional_weights(located.rename(columns={"patent_id": "patent"}))
    cities = cities.assign(weight=cities["city_id"].map(weights).fillna(0.0))
    # the GII radius; the sample has 225 grants, so the minimum weight is scaled down to one patent
    result = clusters.build(cities, radius_km=13.0, min_weight=1.0)
    bay = cities[cities["name"].isin(BAY_AREA) & (cities["country"] == "US")]
    assert len(bay) == len(BAY_AREA)
    ids = result.place()[bay["city_id"]].unique()
    assert len(ids) == 1 and ids[0].startswith("cluster:")
    cluster = result.clusters.set_index("cluster_id").loc[ids[0]]
    assert cluster["countries"] == ["US"]
    assert cluster["name"].split("–")[0] in BAY_AREA
