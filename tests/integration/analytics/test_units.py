"""The study's units on a real Neo4j: families, the international scope and GII-style clusters, through
the exports (parity of one-city clusters with the city view) and ``analyze clusters``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from neo4j import Driver

from analytics import analyze
from analytics.export_file import export
from analytics.exports import EXPORTS, PLACE
from analytics.switches import Switches, parse_period

from .test_exports import build

pytestmark = pytest.mark.integration

# Shenzhen and Guangzhou (about 105 km apart) and New York
LOCATIONS = {"SZ": (22.543, 114.058), "GZ": (23.129, 113.264), "NY": (40.713, -74.006)}
FAMILY = {
    "e7": ("F1", "US"),
    "e8": ("F1", "EP"),
    "e9": ("F1", "CN"),
    "e10": ("F2", "US"),
    "e22": ("F2", "US"),
}


def place(driver: Driver) -> None:
    """Coordinates for the cities, and two families: F1 in three offices, F2 in one."""
    rows = [{"id": c, "lat": lat, "lon": lon} for c, (lat, lon) in LOCATIONS.items()]
    driver.execute_query(
        "UNWIND $rows AS r MATCH (c:City {id: r.id}) SET c.location = point({latitude: r.lat, longitude: r.lon})",
        {"rows": rows},
    )
    fams = [{"id": p, "family": f, "office": o} for p, (f, o) in FAMILY.items()]
    driver.execute_query(
        "UNWIND $rows AS r MATCH (p:Patent {id: r.id}) SET p.family_id = r.family, p.office = r.office",
        {"rows": fams},
    )


def table(driver: Driver, name: str, given: dict[str, object], out: Path) -> tuple[pd.DataFrame, dict]:  # type: ignore[type-arg]
    path = out / f"{name}-{abs(hash(json.dumps(given, sort_keys=True, default=str)))}.csv"
    export(driver, name, given, path)
    return pd.read_csv(path, keep_default_na=False), json.loads(path.with_suffix(".meta.json").read_text())


def test_one_city_clusters_give_the_city_view(driver: Driver, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    place(driver)
    tiny = {"geo_unit": "cluster", "cluster_radius_km": 0.5, "cluster_min_weight": 0.001}
    compared = [name for name, e in EXPORTS.items() if e.uses >= PLACE]
    assert len(compared) == 9
    for name in compared:
        one = {"cities": ("SZ",)} if name == "local-network" else {}
        cities, _ = table(driver, name, one, tmp_path)
        one = {"cities": ("cluster:SZ",)} if name == "local-network" else {}
        clusters, meta = table(driver, name, {**tiny, **one}, tmp_path)
        assert meta["settings"]["geo_unit"] == "cluster" and meta["settings"]["cluster_radius_km"] == 0.5
        for column in ("city_id", "source_city_id"):
            if column in clusters:
                assert clusters[column].str.startswith("cluster:").all(), name
                clusters[column] = clusters[column].str.removeprefix("cluster:")
        assert len(cities) > 0, name
        pd.testing.assert_frame_equal(cities, clusters, check_dtype=False, obj=name)


def test_a_cluster_makes_collaboration_between_its_cities_local(
    driver: Driver, graph, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    place(driver)
    cities, _ = table(driver, "collaboration-types", {"periods": ()}, tmp_path)
    wide = {
        "geo_unit": "cluster",
        "cluster_radius_km": 200.0,
        "cluster_min_weight": 10.0,
    }  # SZ 12, GZ 4, NY 8
    clusters, _ = table(driver, "collaboration-types", wide, tmp_path)
    both = "cluster:SZ"  # Shenzhen weighs the most: the cluster of SZ and GZ is named after it
    assert set(clusters["city_id"]) == {both, "NY"}
    assert clusters["domestic"].sum() == 0  # SZ-GZ inventor pairs are now local
    city_sum = cities[cities["city_id"].isin(["SZ", "GZ"])][["local", "domestic"]].to_numpy().sum()
    cluster_sum = clusters[clusters["city_id"] == both][["local", "domestic"]].to_numpy().sum()
    assert cluster_sum == pytest.approx(city_sum)
    # a cross-border flow stays foreign, a flow within the cluster is local
    sources, _ = table(driver, "knowledge-sourcing", wide, tmp_path)
    mine = sources[(sources["city_id"] == both) & (sources["source_city_id"] == both)]
    assert (mine["relation"] == "local").all() and len(mine) > 0
    assert set(sources[sources["city_id"] != sources["source_city_id"]]["relation"]) == {"foreign"}


def test_families_count_once_and_the_scope_keeps_international_ones(
    driver: Driver, graph, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    place(driver)
    patents, _ = table(driver, "novelty-patents", {}, tmp_path)
    fams, meta = table(driver, "novelty-patents", {"unit": "family"}, tmp_path)
    assert meta["settings"]["unit"] == "family" and meta["settings"]["scope"] == "all"
    ids = set(fams["patent_id"])
    assert {"F1", "F2"} <= ids and not ids & {"e7", "e8", "e9", "e10", "e22"}
    assert len(fams) == len(patents) - 3  # five patents, two families
    f1 = fams.set_index("patent_id").loc["F1"]
    assert f1["year"] == 2007  # the earliest member's year (e7)
    international = {"unit": "family", "scope": "international", "pool_years": 0}  # F1 alone: no seed pool
    scoped, _ = table(driver, "novelty-patents", international, tmp_path)
    assert list(scoped["patent_id"]) == ["F1"]  # F1 is in three offices; F2 and lone patents are not
    rsi, _ = table(driver, "rsi", {"unit": "family", "periods": (parse_period("all:2000-2011"),)}, tmp_path)
    assert rsi["x"].sum() == pytest.approx(24 - 3)  # every family counted once


def test_analyze_clusters_writes_clusters_once(driver: Driver, graph) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    place(driver)
    s = Switches(cluster_radius_km=200.0, cluster_min_weight=10.0)
    for _ in range(2):  # a second run changes nothing
        summary, _ = analyze.run_step("clusters", driver, s)
        assert summary.startswith("1 clusters (SZ–GZ)")
        records, _, _ = driver.execute_query(
            "MATCH (k:Cluster) OPTIONAL MATCH (c:City)-[:IN_CLUSTER]->(k) "
            "RETURN k.id AS id, k.name AS name, k.countries AS countries, collect(c.id) AS cities"
        )
        assert [(r["id"], r["name"], r["countries"], sorted(r["cities"])) for r in records] == [
            ("cluster:SZ", "SZ–GZ", ["CN"], ["GZ", "SZ"])
        ]
        alone, _, _ = driver.execute_query("MATCH (c:City {id: 'NY'}) RETURN c.clustered AS clustered")
        assert alone[0]["clustered"] is False
    driver.execute_query("MATCH (k:Cluster) DETACH DELETE k")


def test_the_local_network_of_a_cluster_joins_its_cities_applicants(
    driver: Driver, graph, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    place(driver)
    city, _ = table(driver, "local-network", {"cities": ("SZ",), "periods": ()}, tmp_path)
    wide = {"geo_unit": "cluster", "cluster_radius_km": 200.0, "cluster_min_weight": 10.0}
    cluster, meta = table(
        driver, "local-network", {**wide, "cities": ("cluster:SZ",), "periods": ()}, tmp_path
    )
    assert set(city["applicant_id"]) == {"a1", "a2"}  # located in SZ
    assert set(cluster["applicant_id"]) == {"a1", "a2", "a3"}  # a3 in GZ co-applies with a2
    assert set(cluster["city_id"]) == {"cluster:SZ"} and meta["settings"]["geo_unit"] == "cluster"
