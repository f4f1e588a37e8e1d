"""OpenAlex records (API answers or snapshot lines) into the canonical science tables.

An Institution record places itself in a city through its ``geo``: by ``geonames_city_id`` in the
project's gazetteer, else the nearest gazetteer city of its country within ``NEAREST_KM`` of its
coordinates, else it stays unplaced (kept, without a city). A Work record gives its year, type,
``primary_topic.field`` and the institutions of its authorships (the first authorship that names an
institution gives its ``seq``).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.ingest.cities import City, Gazetteer
from graph.ingest.records import TABLES
from hotspot_kg.core import files

NEAREST_KM = 50.0
_PREFIX = "https://openalex.org/"


def short_id(value: str | None) -> str | None:
    """``https://openalex.org/I136199984`` -> ``I136199984`` (ids are kept short in the tables)."""
    if not value:
        return None
    return value[len(_PREFIX) :] if value.startswith(_PREFIX) else value


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def place(geo: dict[str, Any] | None, gaz: Gazetteer) -> City | None:
    """The gazetteer city of an institution's ``geo`` (by GeoNames id, else nearest in its country)."""
    if not geo:
        return None
    gid = str(geo.get("geonames_city_id") or "")
    if gid in gaz.cities:
        return gaz.city(gid)
    lat, lon, country = geo.get("latitude"), geo.get("longitude"), geo.get("country_code")
    if lat is None or lon is None or not country:
        return None
    best: tuple[float, str] | None = None
    for candidate in gaz.by_country.get(str(country).upper(), []):
        c = gaz.cities[candidate]
        d = _km(float(lat), float(lon), float(c["latitude"]), float(c["longitude"]))
        if best is None or d < best[0]:
            best = (d, candidate)
    return gaz.city(best[1]) if best is not None and best[0] <= NEAREST_KM else None


@dataclass
class Tables:
    """The canonical science rows gathered from OpenAlex records (works deduplicated by id)."""

    cities: dict[str, dict[str, str | None]] = field(default_factory=dict)
    institutions: dict[str, dict[str, str | None]] = field(default_factory=dict)
    works: dict[str, dict[str, str | None]] = field(default_factory=dict)
    links: dict[tuple[str, str], dict[str, str | None]] = field(default_factory=dict)
    referenced: set[str] = field(default_factory=set)  # institutions named by works
    partner_countries: dict[str, str] = field(default_factory=dict)  # their country as works give it

    def add_institution(self, record: dict[str, Any], gaz: Gazetteer) -> City | None:
        iid = short_id(record.get("id"))
        if not iid:
            return None
        city = place(record.get("geo"), gaz)
        if city is not None:
            self.cities.setdefault(city.id, city.row())
        self.institutions[iid] = {
            "institution_id": iid, "name": record.get("display_name") or iid,
            "type": record.get("type"), "ror": record.get("ror"),
            "country": record.get("country_code") or (city.country if city else None),
            "city_id": city.id if city else None,
        }  # fmt: skip
        return city

    def add_work(self, record: dict[str, Any]) -> None:
        wid = short_id(record.get("id"))
        if not wid or wid in self.works:
            return
        topic = record.get("primary_topic") or {}
        self.works[wid] = {
            "work_id": wid, "year": str(record.get("publication_year") or "") or None,
            "type": record.get("type"), "field": short_id((topic.get("field") or {}).get("id")),
        }  # fmt: skip
        for seq, authorship in enumerate(record.get("authorships") or [], start=1):
            for inst in authorship.get("institutions") or []:
                iid = short_id(inst.get("id"))
                if iid and (wid, iid) not in self.links:
                    self.links[(wid, iid)] = {"work_id": wid, "institution_id": iid, "seq": str(seq)}
                    self.referenced.add(iid)
                    if inst.get("country_code"):
                        self.partner_countries.setdefault(iid, str(inst["country_code"]))

    def unknown_institutions(self) -> list[str]:
        """Institutions that works name but whose records were not read (partners to fetch)."""
        return sorted(self.referenced - set(self.institutions))

    def write(self, out: Path) -> dict[str, int]:
        """Write the canonical CSV files into ``out``; rows per file. An institution whose record was not
        read stays unplaced, named by its id, with the country the works give it."""
        out.mkdir(parents=True, exist_ok=True)
        for iid in self.unknown_institutions():
            self.institutions[iid] = {
                "institution_id": iid,
                "name": iid,
                "country": self.partner_countries.get(iid),
            }
        tables: dict[str, Iterable[dict[str, str | None]]] = {
            "cities": self.cities.values(), "institutions": self.institutions.values(),
            "works": self.works.values(), "work_institutions": self.links.values(),
        }  # fmt: skip
        counts = {}
        for table, rows in tables.items():
            columns = [c for c in TABLES[table].columns if c != "field" or table == "works"]
            columns = [c for c in columns if c not in ("domain", "type_rule")]
            path = out / f"{table}.csv"
            rows = list(rows)
            with files.replaced(path) as partial, partial.open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
            counts[table] = len(rows)
        return counts
