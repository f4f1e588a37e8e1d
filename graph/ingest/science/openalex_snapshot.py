"""Reader of the OpenAlex snapshot: gzipped JSON Lines of works and institutions, for whole-database users.

The snapshot (``aws s3 sync s3://openalex ...``, CC0) holds ``data/works/updated_date=*/part_*.gz`` and
``data/institutions/updated_date=*/part_*.gz``; any folder with ``works/`` and ``institutions/`` below it
is read the same way. One pass over the institutions keeps those of the country (placed in cities, and
cut to ``--city`` when given); one pass over the works keeps those of the years with one of those
institutions; the partner institutions they name are then placed from the records already read. The
output is the same canonical folder as the API fetch.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.ingest.cities import fold, gazetteer
from graph.ingest.science.openalex import INSTITUTION_SELECT, Query
from graph.ingest.science.openalex_records import Tables, short_id
from hotspot_kg.core.errors import InputError

KEEP = tuple(INSTITUTION_SELECT.split(","))


def files(root: Path, entity: str) -> list[Path]:
    """The ``.gz`` parts of one entity below ``root`` (``data/ENTITY/...`` or ``ENTITY/...``)."""
    found = sorted(p for p in Path(root).glob(f"**/{entity}/**/*.gz") if p.is_file())
    if not found:
        raise InputError(f"{root}: no {entity}/**/*.gz files; give the folder of an OpenAlex snapshot")
    return found


def records(paths: list[Path]) -> Iterator[dict[str, Any]]:
    """Every JSON record of the files; a broken line or file is one InputError naming file and line."""
    for path in paths:
        line = 0
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line, text in enumerate(f, start=1):  # noqa: B007 (line names the error)
                    if text.strip():
                        yield json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{line}: not a JSON record ({e.msg}); the part may be damaged") from None
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as e:
            raise InputError(f"{path}: after line {line}, not a readable gzip of JSON lines ({e})") from None


def convert(root: Path, out: Path, query: Query) -> dict[str, int]:
    """Write the canonical science folder of ``query`` from the snapshot at ``root``; rows per file."""
    gaz, tables = gazetteer(), Tables()
    country, wanted = query.country.upper(), {fold(c) for c in query.cities}
    known: dict[str, dict[str, Any]] = {}
    chosen: set[str] = set()
    for record in records(files(root, "institutions")):
        iid = short_id(record.get("id"))
        if not iid:
            continue
        known[iid] = {k: record.get(k) for k in KEEP}
        if str(record.get("country_code") or "").upper() == country:
            city = tables.add_institution(known[iid], gaz)
            if not wanted or (city is not None and fold(city.name) in wanted):
                chosen.add(iid)
    if not chosen:
        raise InputError(
            f"{root}: the snapshot has no institution of {country}; check the country code and cities"
        )
    for record in records(files(root, "works")):
        year = record.get("publication_year")
        if not isinstance(year, int) or not query.first <= year <= query.last:
            continue
        named = {
            short_id(i.get("id"))
            for a in record.get("authorships") or []
            for i in a.get("institutions") or []
        }
        if named & chosen:
            tables.add_work(record)
    for iid in tables.unknown_institutions():
        if iid in known:
            tables.add_institution(known[iid], gaz)
    return tables.write(out)
