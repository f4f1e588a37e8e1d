"""GII-style clusters of inventive activity: DBSCAN with the haversine distance on weighted locations.

After WIPO's Global Innovation Index (Bergquist, Fink and Raffo 2017; the GII appendix on its S&T cluster
method): the points are the distinct geocoded locations of inventors (optionally of applicants too), each
weighted by its fractional count of patents or families; DBSCAN (scikit-learn, ``sample_weight``) finds
the dense areas: a point is a core point when the weight within ``radius_km`` of it (its own included)
reaches ``min_weight``; clusters are the core points linked within the radius and the points within the
radius of one of them. Clusters may cross borders.

The points are sorted by coordinates before DBSCAN, so the result does not depend on the order of the
input. A city with coordinates but no weight (say, one with applicants only) falls in the cluster of the
nearest core point within the radius, as a border point would. A city in no cluster stays a place of its
own (``clustered = False``). A cluster is named after its (at most three) heaviest cities joined by "–";
its id is ``cluster:`` and the id of its heaviest city, stable across runs on the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.cluster import DBSCAN
from sklearn.neighbors import BallTree

EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)
NAME_JOIN = "–"  # an en dash, as the GII writes "San Jose–San Francisco"
CITY_COLUMNS = ["city_id", "name", "country", "lat", "lon", "weight"]
CLUSTER_COLUMNS = ["cluster_id", "name", "country", "countries", "lat", "lon", "weight", "cities"]
MEMBER_COLUMNS = ["city_id", "cluster_id", "clustered"]


@dataclass(frozen=True)
class Clusters:
    """``clusters``: CLUSTER_COLUMNS (countries: sorted list); ``members``: every city with its cluster
    (None when in none) and ``clustered``; ``settings``: what they were computed with."""

    clusters: pd.DataFrame
    members: pd.DataFrame
    settings: dict[str, Any]

    def place(self) -> pd.Series:
        """city_id -> place_id: the city's cluster, or the city itself when it is in none."""
        m = self.members
        return pd.Series(m["cluster_id"].fillna(m["city_id"]).to_numpy(), index=m["city_id"].to_numpy())


def dbscan_labels(lat: np.ndarray, lon: np.ndarray, weight: np.ndarray, radius_km: float,
                  min_weight: float) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """DBSCAN labels (-1: noise) and the core-point mask of points given in degrees, in the given order."""
    if len(lat) == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=bool)
    coords = np.radians(np.column_stack([lat, lon]))
    model = DBSCAN(eps=radius_km / EARTH_RADIUS_KM, min_samples=1, metric="haversine", algorithm="ball_tree")
    # min_samples=1 with the weights scaled: a point is core when its neighbourhood weighs >= min_weight
    model.fit(coords, sample_weight=np.asarray(weight, dtype=float) / float(min_weight) * (1 + 1e-12))
    core = np.zeros(len(lat), dtype=bool)
    core[model.core_sample_indices_] = True
    return model.labels_.astype(np.int64), core


def _points(cities: pd.DataFrame) -> pd.DataFrame:
    """The distinct weighted locations, sorted by coordinates: lat, lon, weight, and each city's point."""
    located = cities.dropna(subset=["lat", "lon"])
    located = located[located["weight"] > 0]
    return (
        located.groupby(["lat", "lon"], sort=True)["weight"].sum().reset_index()
        if len(located)
        else pd.DataFrame({"lat": [], "lon": [], "weight": []})
    )


def build(
    cities: pd.DataFrame, radius_km: float, min_weight: float, settings: dict[str, Any] | None = None
) -> Clusters:
    """Clusters of ``cities`` (CITY_COLUMNS; weight 0 or lat/lon missing allowed)."""
    cities = cities[CITY_COLUMNS].copy()
    cities["weight"] = cities["weight"].fillna(0.0).astype(float)
    points = _points(cities)
    labels, core = dbscan_labels(points["lat"].to_numpy(float), points["lon"].to_numpy(float),
                                 points["weight"].to_numpy(float), radius_km, min_weight)  # fmt: skip
    points = points.assign(label=labels)
    merged = cities.merge(points[["lat", "lon", "label"]], on=["lat", "lon"], how="left")["label"]
    label = _attach_unweighted(cities, merged.fillna(-1).to_numpy(np.int64), points, core, radius_km)
    cities = cities.assign(label=label)
    clusters, ids = _describe(cities[cities["label"] >= 0])
    cluster_id = cities["label"].map(ids)
    members = pd.DataFrame({"city_id": cities["city_id"].to_numpy(),
                            "cluster_id": cluster_id.where(cluster_id.notna(), None).to_numpy(dtype=object),
                            "clustered": cluster_id.notna().to_numpy()})  # fmt: skip
    full = {"radius_km": float(radius_km), "min_weight": float(min_weight), **(settings or {})}
    return Clusters(clusters, members, full)


def _attach_unweighted(cities: pd.DataFrame, label: np.ndarray, points: pd.DataFrame, core: np.ndarray,
                       radius_km: float) -> np.ndarray:  # fmt: skip
    """Cities with coordinates but no weight take the cluster of the nearest core point within the radius."""
    todo = np.flatnonzero((label < 0) & cities["lat"].notna().to_numpy() & (cities["weight"].to_numpy() <= 0))
    if len(todo) == 0 or not core.any():
        return label
    cores = points[core]
    tree = BallTree(np.radians(cores[["lat", "lon"]].to_numpy(float)), metric="haversine")
    where = np.radians(cities.iloc[todo][["lat", "lon"]].to_numpy(float))
    dist, nearest = tree.query(where, k=1)
    near = dist[:, 0] <= radius_km / EARTH_RADIUS_KM
    label = label.copy()
    label[todo[near]] = cores["label"].to_numpy()[nearest[near, 0]]
    return label


def _describe(members: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """One row per cluster (CLUSTER_COLUMNS) and the id of each DBSCAN label."""
    rows, ids = [], {}
    for label, group in members.groupby("label", sort=True):
        order = group.sort_values(["weight", "name", "city_id"], ascending=[False, True, True])
        top = order.head(3)
        by_country = group.groupby("country")["weight"].sum().sort_values(ascending=False, kind="stable")
        w = group["weight"].to_numpy(float)
        located = group["lat"].notna().to_numpy()
        weights = np.where(w[located] > 0, w[located], 0.0)
        total = weights.sum()
        lat = group["lat"].to_numpy(float)[located]
        lon = group["lon"].to_numpy(float)[located]
        cid = f"cluster:{top['city_id'].iloc[0]}"
        ids[int(str(label))] = cid
        rows.append({
            "cluster_id": cid, "name": NAME_JOIN.join(str(n) for n in top["name"]),
            "country": str(by_country.index[0]), "countries": sorted(str(c) for c in group["country"].dropna().unique()),
            "lat": float(np.average(lat, weights=weights) if total > 0 else lat.mean()),
            "lon": float(np.average(lon, weights=weights) if total > 0 else lon.mean()),
            "weight": float(w.sum()), "cities": len(group),
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    return table.sort_values(["weight", "cluster_id"], ascending=[False, True]).reset_index(drop=True), ids


def fractional_weights(located: pd.DataFrame) -> pd.Series:
    """city_id -> weight: each unit (``patent``) with k distinct cities gives 1/k to each."""
    pairs = located[["patent", "city_id"]].drop_duplicates()
    if pairs.empty:
        return pd.Series(dtype=float)
    k = pairs.groupby("patent")["city_id"].transform("size")
    return (1.0 / k).groupby(pairs["city_id"]).sum()
