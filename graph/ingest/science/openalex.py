"""Fetch a country's publications from the OpenAlex API into the canonical science tables.

Steps (each a set of cursor-paged list calls, ``per_page`` 100, ``select`` of the fields used):
1. the country's institutions (``filter=country_code:CC``), placed in cities through the gazetteer
   (:func:`graph.ingest.science.openalex_records.place`), kept when in one of ``--city`` if given;
2. their works in the years, by chunks of at most 100 institution ids (a filter ORs at most 100 values:
   ``authorships.institutions.id:I1|I2|...,publication_year:A-B``), deduplicated by work id;
3. the partner institutions that those works name (``filter=openalex:I1|I2|...``, 100 at a time), so
   that collaboration types can place them too.

Resumable: every call's records go to ``raw/NAME.jsonl.gz`` (written whole, then renamed) and into
``manifest.json`` with the query (the API key never written) and a sha256; a re-run reads the files the
manifest lists and asks only for the rest. A 429 or 5xx is sent again after the server's
``Retry-After`` (:mod:`graph.ingest.fetch.http`). ``OPENALEX_API_KEY`` is sent as ``api_key``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import requests
from rich.progress import Progress

from graph.ingest.cities import fold, gazetteer
from graph.ingest.fetch.http import Backoff, Wait, get_json
from graph.ingest.fetch.manifest import Entry, Manifest, sha256_of
from graph.ingest.science.openalex_records import Tables
from hotspot_kg.core import files
from hotspot_kg.core.errors import InputError

API = "https://api.openalex.org"
PER_PAGE = 100
OR_LIMIT = 100
INSTITUTION_SELECT = "id,display_name,ror,country_code,type,geo"
WORK_SELECT = "id,publication_year,type,primary_topic,authorships"


@dataclass(frozen=True)
class Query:
    """What to fetch: a country, optionally some of its cities (names), and the years."""

    country: str
    first: int
    last: int
    cities: tuple[str, ...] = ()


def chunks(ids: list[str], size: int = OR_LIMIT) -> list[list[str]]:
    """``ids`` in lists of at most ``size`` (one OR filter each)."""
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def cursor_pages(
    session: requests.Session, url: str, params: dict[str, Any], *, backoff: Backoff | None = None,
    on_wait: Wait | None = None, on_page: Callable[[int], None] | None = None,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Every record of a list call, page by page: ``cursor=*`` then each answer's ``meta.next_cursor``."""
    cursor: str | None = "*"
    while cursor:
        page = get_json(session, url, params={**params, "per_page": PER_PAGE, "cursor": cursor},
                        backoff=backoff, on_wait=on_wait)  # fmt: skip
        results = page.get("results") or []
        if on_page is not None:
            on_page(len(results))
        yield from results
        cursor = (page.get("meta") or {}).get("next_cursor") if results else None


class Fetcher:
    """Cursor-paged steps saved as ``raw/*.jsonl.gz`` files listed in the folder's manifest."""

    def __init__(self, session: requests.Session, out: Path, *, base: str = API, api_key: str | None = None,
                 backoff: Backoff | None = None, progress: Progress | None = None) -> None:  # fmt: skip
        self.session, self.out, self.base = session, out, base.rstrip("/")
        self.api_key, self.backoff, self.progress = api_key, backoff, progress
        self.manifest = Manifest.read(out) or Manifest("openalex", origin=self.base)
        self.calls = 0

    def step(self, name: str, entity: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The records of one list call (all its pages), from the folder when already fetched whole."""
        url = self.base + "/" + entity
        query = requests.Request("GET", url, params=params).prepare().url or url  # no key in the record
        file = f"raw/{name}.jsonl.gz"
        if self.manifest.fresh(file, query, self.out) is not None:
            return _read_jsonl(self.out / file)
        sent = {**params, **({"api_key": self.api_key} if self.api_key else {})}
        bars = self.progress
        task = bars.add_task(name, total=None) if bars is not None else None
        advance = partial(bars.advance, task) if bars is not None and task is not None else None
        records = list(cursor_pages(self.session, url, sent, backoff=self.backoff, on_wait=self._waited,
                                    on_page=advance))  # fmt: skip
        if bars is not None and task is not None:
            bars.update(task, total=len(records), completed=len(records))
        _write_jsonl(self.out / file, records)
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        path = self.out / file
        self.manifest.add(Entry(file, query, path.stat().st_size, sha256_of(path), stamp))
        self.manifest.write(self.out)
        return records

    def _waited(self, reason: str, seconds: float) -> None:
        if self.progress is not None:
            self.progress.console.print(f"OpenAlex answered {reason}: waiting {seconds:.0f} s", markup=False)


def fetch(fetcher: Fetcher, query: Query) -> dict[str, int]:
    """Run the three steps for ``query`` and write the canonical CSV files; rows per file."""
    gaz, tables = gazetteer(), Tables()
    country = query.country.upper()
    institutions = fetcher.step(f"institutions-{country}", "institutions",
                                {"filter": f"country_code:{country}", "select": INSTITUTION_SELECT})  # fmt: skip
    wanted = {fold(c) for c in query.cities}
    chosen = []
    for record in institutions:
        city = tables.add_institution(record, gaz)
        if not wanted or (city is not None and fold(city.name) in wanted):
            chosen.append(str(record["id"]).rsplit("/", 1)[-1])
    if not chosen:
        where = f" in {', '.join(query.cities)}" if query.cities else ""
        raise InputError(
            f"OpenAlex lists no institution of {country}{where}; check the country code and city names"
        )
    years = f"publication_year:{query.first}-{query.last}"
    for n, ids in enumerate(chunks(sorted(chosen)), start=1):
        params = {"filter": f"authorships.institutions.id:{'|'.join(ids)},{years}", "select": WORK_SELECT}
        for record in fetcher.step(f"works-{country}-{query.first}-{query.last}-{n:04d}", "works", params):
            tables.add_work(record)
    for n, ids in enumerate(chunks(tables.unknown_institutions()), start=1):
        params = {"filter": f"openalex:{'|'.join(ids)}", "select": INSTITUTION_SELECT}
        for record in fetcher.step(
            f"partners-{country}-{query.first}-{query.last}-{n:04d}", "institutions", params
        ):
            tables.add_institution(record, gaz)
    return tables.write(fetcher.out)


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with files.replaced(path) as partial, gzip.open(partial, "wt", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
