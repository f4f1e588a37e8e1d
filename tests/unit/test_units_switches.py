"""The unit switches: validated like the others, refused where they play no part, recorded in the settings;
and the places' countries (a cross-border cluster is domestic to each of its countries)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import exports, sourcing
from analytics.clusters import Clusters
from analytics.switches import GII_MIN_WEIGHT, GII_RADIUS_KM, Switches
from analytics.units import Places, country_of, to_places
from hotspot_kg.core.errors import IndicatorError


def test_defaults_keep_patents_in_cities() -> None:
    s = Switches()
    assert (s.unit, s.scope, s.geo_unit, s.cluster_points) == ("patent", "all", "city", "inventor")
    assert (s.cluster_radius_km, s.cluster_min_weight) == (GII_RADIUS_KM, GII_MIN_WEIGHT) == (13.0, 4000.0)
    assert not s.by_family and Switches(scope="international").by_family and Switches(unit="family").by_family


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit": "invention"}, "unit must be one of patent, family"),
        ({"scope": "pct"}, "scope must be one of all, international"),
        ({"geo_unit": "region"}, "geo_unit must be one of city, cluster"),
        ({"cluster_points": "applicant"}, "cluster_points must be one of"),
        ({"cluster_radius_km": 0.0}, "cluster_radius_km must be above 0"),
        ({"cluster_min_weight": -1.0}, "cluster_min_weight must be above 0"),
    ],
)
def test_bad_values_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(IndicatorError, match=message):
        Switches(**changes)  # type: ignore[arg-type]


def test_cluster_switches_need_clusters_and_are_recorded_only_with_them() -> None:
    with pytest.raises(
        IndicatorError, match="--cluster-radius-km shape the clusters; give them with --geo-unit"
    ):
        exports.switches_for("rsi", {"cluster_radius_km": 5.0})
    with pytest.raises(IndicatorError, match="export local-network does not use --unit"):
        exports.switches_for("local-network", {"unit": "family", "cities": ("x",)})
    with pytest.raises(IndicatorError, match="export novelty-patents does not use --geo-unit"):
        exports.switches_for("novelty-patents", {"geo_unit": "cluster"})
    city = exports.resolved_settings("rsi", exports.switches_for("rsi", {"unit": "family"}))
    assert city["unit"] == "family" and city["scope"] == "all" and city["geo_unit"] == "city"
    assert city["cluster_radius_km"] is None and city["cluster_points"] is None
    s = exports.switches_for("rsi", {"geo_unit": "cluster", "cluster_min_weight": 50.0})
    cluster = exports.resolved_settings("rsi", s)
    assert cluster["cluster_min_weight"] == 50.0 and cluster["cluster_radius_km"] == 13.0
    assert cluster["cluster_points"] == "inventor"


def places() -> Places:
    members = pd.DataFrame({"city_id": ["SZ", "HK", "GZ", "NY"],
                            "cluster_id": ["cluster:SZ", "cluster:SZ", "cluster:SZ", None],
                            "clustered": [True, True, True, False]})  # fmt: skip
    result = Clusters(pd.DataFrame(), members, {})
    place = result.place()
    countries = pd.Series({"cluster:SZ": frozenset({"CN", "HK"}), "NY": frozenset({"US"})})
    return Places(place, countries, result)


def test_cities_become_places_and_a_city_in_no_cluster_stays_itself() -> None:
    table = pd.DataFrame({"patent": [0, 0, 1, 2], "city_id": ["SZ", "HK", "NY", "XX"]})
    mapped = to_places(table, places())
    assert list(mapped["city_id"]) == ["cluster:SZ", "cluster:SZ", "NY", "XX"]


def test_a_cross_border_cluster_is_domestic_to_each_of_its_countries() -> None:
    countries = country_of(places())
    assert countries["NY"] == "US" and countries["cluster:SZ"] == frozenset({"CN", "HK"})
    home = pd.Series(["cluster:SZ", "cluster:SZ", "cluster:SZ", "HKX"]).map({**countries, "HKX": "HK"})
    source = pd.Series(["GZX", "NY", "HKX", "cluster:SZ"]).map({**countries, "HKX": "HK", "GZX": "CN"})
    assert list(sourcing.same_country(home, source)) == [True, False, True, True]
    plain = sourcing.same_country(pd.Series(["CN", "CN", None]), pd.Series(["CN", "US", None]))
    assert list(plain) == [True, False, False]
