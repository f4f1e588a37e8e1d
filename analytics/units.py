"""The study's units for every indicator: patents or families (``unit``, ``scope``), cities or clusters
(``geo_unit``).

:func:`pull` is what the indicators read their links with: :func:`analytics.links.pull`, turned into
families by :mod:`analytics.families` when asked, and with each city replaced by its place (its GII-style
cluster, or the city itself when it is in none; :mod:`analytics.cluster_graph`) under ``geo_unit =
cluster``. The indicators then run unchanged: a family is counted as a patent is, a cluster as a city.
:func:`unit_rows` and :func:`to_places` do the same for the tables that come keyed by patent id and city
id (collaboration, stakeholders). With the defaults (patent, all, city) everything is as loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import cluster_graph, families, links
from analytics.clusters import Clusters
from analytics.graphio import query
from analytics.switches import Switches


@dataclass(frozen=True)
class Places:
    """``place``: city_id -> place_id; ``countries``: place_id -> frozenset of its countries (a cluster
    across a border has several); ``clusters``: the clusters themselves (None under ``geo_unit = city``)."""

    place: pd.Series
    countries: pd.Series
    clusters: Clusters | None


def places(driver: Driver, switches: Switches, database: str | None = None) -> Places:
    """The places of ``switches.geo_unit``: cities, or the clusters and the cities in none."""
    cities = query(driver, "city_countries", None, database)
    ids = cities["city_id"] if len(cities) else pd.Series(dtype=object)
    if switches.geo_unit != "cluster":
        own = pd.Series(ids.to_numpy(), index=ids.to_numpy())
        countries = pd.Series([frozenset([c]) if isinstance(c, str) else frozenset() for c in cities.get("country", [])],
                              index=ids.to_numpy(), dtype=object)  # fmt: skip
        return Places(own, countries, None)
    result = cluster_graph.compute(driver, switches, database)
    place = result.place().reindex(ids.to_numpy())
    place = place.fillna(pd.Series(ids.to_numpy(), index=ids.to_numpy()))
    long = pd.DataFrame({"place": place.to_numpy(), "country": cities["country"].to_numpy()}).dropna()
    countries = long.groupby("place")["country"].agg(frozenset)
    return Places(place, countries, result)


def country_of(places: Places) -> pd.Series:
    """place_id -> country code for one-country places, frozenset for places across a border."""
    return places.countries.map(lambda s: next(iter(s)) if len(s) == 1 else (s if s else None))


def to_places(table: pd.DataFrame, places: Places, column: str = "city_id") -> pd.DataFrame:
    """``table`` with each city in ``column`` replaced by its place (a city unknown to ``places`` stays)."""
    if places.clusters is None or table.empty:
        return table
    mapped = table[column].map(places.place)
    return table.assign(**{column: mapped.where(mapped.notna(), table[column])})


def pull(
    driver: Driver,
    switches: Switches,
    *,
    tech_unit: str | None = None,
    geo: str | None = None,
    citations: bool = False,
    ids: bool = True,
    places_: Places | None = None,
    database: str | None = None,
) -> links.Links:
    """The links of :func:`analytics.links.pull` in the units of ``switches`` (see the module)."""
    pulled = cluster_graph.unit_links(driver, switches, database, tech_unit=tech_unit,
                                      ipc_level=switches.ipc_level, geo=geo, citations=citations, ids=ids)  # fmt: skip
    if geo is None or switches.geo_unit != "cluster":
        return pulled
    where = places_ or places(driver, switches, database)
    cities = to_places(pulled.cities, where).drop_duplicates().reset_index(drop=True)
    return links.Links(pulled.patents, pulled.techs, cities, pulled.citations, pulled.families)


def patent_cities(driver: Driver, switches: Switches, geo: str, database: str | None = None) -> pd.DataFrame:
    """patent_id, city_id: the distinct places of every unit under ``geo``."""
    return links.city_pairs(pull(driver, switches, geo=geo, database=database))


def unit_rows(
    driver: Driver,
    switches: Switches,
    rows: pd.DataFrame,
    database: str | None = None,
    year: str | None = "year",
) -> pd.DataFrame:
    """A table keyed by patent_id in the units of ``switches``: each patent id replaced by its family's,
    the ``year`` column (None: none) by its family's year; patents out of scope dropped."""
    if not switches.by_family or rows.empty:
        return rows
    pulled = links.pull(driver, year_basis=switches.year, families=True, database=database)
    units = families.units_of(pulled.patents, pulled.families, switches.unit, switches.scope)
    return families.map_rows(rows, pulled.patents["patent_id"].to_numpy(), units, year)


def unlocated(pulled: links.Links) -> pd.DataFrame:
    """year, patents: the units of ``pulled`` (pulled with a ``geo``) that no place holds."""
    held = np.zeros(len(pulled.patents), dtype=bool)
    held[pulled.cities["patent"].to_numpy()] = True
    years = pulled.patents["year"].to_numpy()[~held]
    counts = pd.Series(years, dtype=np.int64).value_counts().sort_index()
    return pd.DataFrame({"year": counts.index.astype(int), "patents": counts.to_numpy(dtype=np.int64)})
