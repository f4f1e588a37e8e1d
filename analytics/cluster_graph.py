"""GII-style clusters from the graph, and their write-back (``hotspot-kg analyze clusters``).

The weights are pulled once (:mod:`analytics.links`): each unit (patent, or family with ``unit =
family``; within ``scope``) located in k distinct cities under the inventors' addresses gives 1/k to each;
with ``cluster_points = inventor+applicant`` the applicants' addresses give their own fractional count
too, the two point sets summed per city (as the GII sums its patent and publication points). Then
:func:`analytics.clusters.build` with ``cluster_radius_km`` and ``cluster_min_weight``. Written back:
``(:Cluster {id, name, country, countries, lat, lon, location, weight, settings})``,
``(City)-[:IN_CLUSTER]->(Cluster)`` and ``City.clustered``.
"""

from __future__ import annotations

import json

import pandas as pd
from neo4j import Driver, ManagedTransaction

from analytics import clusters, families, links
from analytics.graphio import plain, query
from analytics.switches import Switches
from hotspot_kg.core.queries import load


def unit_links(
    driver: Driver, switches: Switches, database: str | None = None, **asked: object
) -> links.Links:
    """:func:`analytics.links.pull` under ``switches.year``, turned into families or filtered by scope
    as ``switches.unit`` and ``switches.scope`` say (cities stay cities)."""
    pulled = links.pull(driver, year_basis=switches.year, families=switches.by_family, database=database,
                        **asked)  # type: ignore[arg-type]  # fmt: skip
    if not switches.by_family:
        return pulled
    units = families.units_of(pulled.patents, pulled.families, switches.unit, switches.scope)
    return families.apply(pulled, units)


def weights(driver: Driver, switches: Switches, database: str | None = None) -> pd.Series:
    """city_id -> weight of the cluster points under ``switches`` (all years)."""
    kinds = ["inventor"] if switches.cluster_points == "inventor" else ["inventor", "applicant"]
    parts = [clusters.fractional_weights(unit_links(driver, switches, database, geo=g).cities) for g in kinds]
    total = pd.concat(parts).groupby(level=0).sum() if parts else pd.Series(dtype=float)
    return total.astype(float)


def compute(driver: Driver, switches: Switches, database: str | None = None) -> clusters.Clusters:
    """The clusters of every city under ``switches`` (points, weights and DBSCAN parameters)."""
    cities = query(driver, "cluster_cities", None, database)
    if cities.empty:
        cities = pd.DataFrame({c: [] for c in clusters.CITY_COLUMNS[:-1]})
    w = weights(driver, switches, database)
    cities = cities.assign(weight=cities["city_id"].map(w).fillna(0.0).astype(float))
    cities = cities.astype({"lat": float, "lon": float})
    settings = switches.cluster_settings()
    return clusters.build(cities, switches.cluster_radius_km, switches.cluster_min_weight, settings)


def write(driver: Driver, result: clusters.Clusters, database: str | None = None) -> dict[str, int]:
    """Replace the clusters in the graph by ``result``'s, in one transaction; the counts written."""
    rows = [
        {"id": str(r["cluster_id"]), "name": str(r["name"]), "country": str(r["country"]),
         "countries": [str(c) for c in r["countries"]], "lat": float(r["lat"]), "lon": float(r["lon"]),
         "weight": float(r["weight"])}
        for r in result.clusters.to_dict("records")
    ]  # fmt: skip
    members = [
        {"city_id": str(c), "cluster_id": None if k is None else str(k)}
        for c, k in zip(result.members["city_id"], result.members["cluster_id"], strict=True)
    ]
    params = {"clusters": rows, "members": members, "settings": json.dumps(result.settings, sort_keys=True)}
    clear, put = load("cluster_clear"), load("cluster_write")

    def work(tx: ManagedTransaction) -> dict[str, int]:
        tx.run(clear.text, clear.bind(None)).consume()
        record = tx.run(put.text, put.bind(params)).single(strict=True)
        return {"clusters": int(plain(record["clusters"])), "cities_linked": int(plain(record["linked"]))}

    with driver.session(database=database) as session:
        return session.execute_write(work)


def places_table(result: clusters.Clusters, cities: pd.DataFrame) -> pd.DataFrame:
    """The places of ``geo_unit = cluster``: every cluster, then every city in none (place_id, name,
    country, countries, lat, lon, clustered, cities: the ids of its cities), for the explorer's picker and map."""
    clustered = result.members[result.members["clustered"].astype(bool)]
    inside = clustered.groupby("cluster_id")["city_id"].agg(lambda s: sorted(str(c) for c in s))
    own = result.members[~result.members["clustered"].astype(bool)][["city_id"]]
    alone = own.merge(cities, on="city_id", how="left")
    rows = pd.DataFrame({
        "place_id": pd.concat([result.clusters["cluster_id"], alone["city_id"]], ignore_index=True),
        "name": pd.concat([result.clusters["name"], alone["name"]], ignore_index=True),
        "country": pd.concat([result.clusters["country"], alone["country"]], ignore_index=True),
        "countries": [list(c) for c in result.clusters["countries"]] + [[c] for c in alone["country"]],
        "lat": pd.concat([result.clusters["lat"], alone["lat"]], ignore_index=True),
        "lon": pd.concat([result.clusters["lon"], alone["lon"]], ignore_index=True),
        "clustered": [True] * len(result.clusters) + [False] * len(alone),
        "cities": [inside.get(k, []) for k in result.clusters["cluster_id"]] + [[str(c)] for c in alone["city_id"]],
    })  # fmt: skip
    return rows
