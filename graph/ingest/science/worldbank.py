"""Country rows of ``city_context.csv`` from the World Bank's World Development Indicators (CC BY 4.0).

Three indicators through the WDI API v2 (plain HTTP, JSON, paged with ``page``/``pages``):
``NY.GDP.PCAP.KD`` GDP per capita (constant 2015 US$), ``SP.POP.TOTL`` population and
``GB.XPD.RSDV.GD.ZS`` R&D expenditure (% of GDP). A year the Bank has no value for stays empty (unknown,
never zero). Existing rows of ``city_context.csv`` for other areas (the cities, from yearbooks) are
kept; the rows of the fetched countries are replaced. The raw answers and the manifest sit beside it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import requests

from graph.ingest.fetch.http import Backoff, Wait, get_json
from graph.ingest.fetch.manifest import Entry, Manifest, sha256_of
from graph.ingest.records import CONTEXT_COLUMNS
from hotspot_kg.core import files
from hotspot_kg.core.errors import FetchError, InputError

API = "https://api.worldbank.org/v2"
INDICATORS = {
    "NY.GDP.PCAP.KD": "gdp_per_capita",
    "SP.POP.TOTL": "population",
    "GB.XPD.RSDV.GD.ZS": "rd_intensity",
}
CURRENCY_BASIS = "constant 2015 USD"
PER_PAGE = 1000


def indicator_rows(session: requests.Session, base: str, countries: list[str], indicator: str, years: tuple[int, int],
                   *, backoff: Backoff | None = None, on_wait: Wait | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Every (country, year) record of one indicator, all pages."""
    url = f"{base.rstrip('/')}/country/{';'.join(countries)}/indicator/{indicator}"
    out: list[dict[str, Any]] = []
    page, pages = 1, 1
    while page <= pages:
        params = {"format": "json", "per_page": PER_PAGE, "page": page, "date": f"{years[0]}:{years[1]}"}
        answer = get_json(session, url, params=params, backoff=backoff, on_wait=on_wait)
        if not isinstance(answer, list) or len(answer) < 1 or not isinstance(answer[0], dict):
            raise FetchError(f"{url}: not a World Bank answer ({str(answer)[:120]})")
        if "message" in answer[0]:
            message = "; ".join(str(m.get("value")) for m in answer[0]["message"])
            raise FetchError(f"{url}: the World Bank refused the request: {message}")
        pages = int(answer[0].get("pages") or 1)
        out.extend(answer[1] if len(answer) > 1 and answer[1] else [])
        page += 1
    return out


def context_rows(records: dict[str, list[dict[str, Any]]], fetched: str) -> list[dict[str, str]]:
    """One city_context row per (country, year) with at least one value; values as the Bank gives them."""
    rows: dict[tuple[str, int], dict[str, str]] = {}
    for indicator, items in records.items():
        for item in items:
            value, code = item.get("value"), (item.get("country") or {}).get("id")
            if value is None or not code or not str(item.get("date", "")).isdigit():
                continue
            key = (str(code).upper(), int(item["date"]))
            row = rows.setdefault(key, {"area_id": key[0], "year": str(key[1])})
            row[INDICATORS[indicator]] = repr(float(value)) if indicator != "SP.POP.TOTL" else str(int(value))
    for row in rows.values():
        if "gdp_per_capita" in row:
            row["currency_basis"] = CURRENCY_BASIS
        given = [k for k, v in INDICATORS.items() if v in row]
        row["source"] = f"World Bank WDI ({', '.join(given)}), CC BY 4.0, fetched {fetched}"
    return [rows[k] for k in sorted(rows)]


def merge(path: Path, rows: list[dict[str, str]], countries: set[str]) -> int:
    """Write ``rows`` into the city_context.csv at ``path``, keeping its rows of other areas."""
    kept: list[dict[str, str]] = []
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            unknown = set(reader.fieldnames or []) - set(CONTEXT_COLUMNS)
            if unknown:
                raise InputError(f"{path}:1: unknown column(s) {', '.join(sorted(unknown))}; see the README")
            kept = [r for r in reader if (r.get("area_id") or "").upper() not in countries]
    with files.replaced(path) as partial, partial.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(CONTEXT_COLUMNS), restval="")
        writer.writeheader()
        writer.writerows(kept + rows)
    return len(rows)


def fetch(session: requests.Session, out: Path, countries: list[str], years: tuple[int, int], *, base: str = API,
          backoff: Backoff | None = None, on_wait: Wait | None = None) -> int:  # fmt: skip
    """Fetch the three indicators for ``countries`` into ``out/city_context.csv``; country rows written."""
    codes = sorted({c.strip().upper() for c in countries if c.strip()})
    bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
    if bad or not codes:
        raise InputError(
            f"--countries {','.join(bad) or '(none)'}: give ISO 3166-1 alpha-2 codes such as CN,US"
        )
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.read(out) or Manifest("worldbank", origin=base)
    fetched = dt.datetime.now(dt.UTC)
    records = {}
    for indicator in INDICATORS:
        records[indicator] = indicator_rows(
            session, base, codes, indicator, years, backoff=backoff, on_wait=on_wait
        )
        raw = out / "raw" / f"worldbank-{indicator}.json"
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_text(json.dumps(records[indicator], indent=1), encoding="utf-8")
        url = f"{base}/country/{';'.join(codes)}/indicator/{indicator}?date={years[0]}:{years[1]}"
        name = f"raw/{raw.name}"
        manifest.add(
            Entry(name, url, raw.stat().st_size, sha256_of(raw), fetched.isoformat(timespec="seconds"))
        )
    manifest.write(out)
    return merge(out / "city_context.csv", context_rows(records, fetched.date().isoformat()), set(codes))
