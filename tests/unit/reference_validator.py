"""The row-by-row validator of the first release, kept as the oracle of the vectorised one.

Validation: canonical rows in, valid typed records (to a :class:`Staging`) and :class:`Reject` rows out.

Tables are checked in ``LOAD_ORDER``, so every reference (an applicant's city, a link's patent) points
at a table already seen: one streaming pass, keeping only the keys (and a hash of each row's content,
to tell an exact duplicate, which is dropped silently, from a conflicting one, which is rejected).

A row is rejected for: a missing required value, a bad date or number, an unknown IPC code, a dangling
reference (an id used but not defined in its table, or defined by a rejected row), or a duplicate key
with different content. A citation's cited patent may lie outside the input: it becomes a stub
``Patent {in_db: false}``. The rows of one (citing, cited) pair make one citation with all their
origins (``unknown`` only when none is known), joined by ``;`` in the order of ``ORIGINS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from graph.ingest import derive
from graph.ingest.cities import resolve_city
from graph.ingest.ipc import UnknownIPC, normalize_ipc
from graph.ingest.records import LOAD_ORDER, ROW_ERROR, TABLES, Reject, Row
from graph.ingest.staging import Record, Staging
from graph.ingest.stakeholders import TYPES as APPLICANT_TYPES
from graph.ingest.stakeholders import classify
from graph.ingest.validate import ORIGINS, YEARS, Bad

# The constants and the exception are the shipped validator's: the oracle differs in how it checks, not in what.


def _int(values: dict[str, str | None], column: str, required: bool = False) -> int | None:
    raw = values.get(column)
    if raw is None:
        if required:
            raise Bad(f"{column} is missing")
        return None
    try:
        return int(raw)
    except ValueError:
        raise Bad(f"{column} {raw!r} is not an integer") from None


def _float(values: dict[str, str | None], column: str, low: float, high: float) -> float | None:
    raw = values.get(column)
    if raw is None:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise Bad(f"{column} {raw!r} is not a number") from None
    if not low <= number <= high:
        raise Bad(f"{column} {raw} is outside {low:g}..{high:g}")
    return number


def _year(values: dict[str, str | None], column: str) -> int | None:
    year = _int(values, column)
    if year is not None and year not in YEARS:
        raise Bad(f"{column} {year} is not a plausible year")
    return year


def _date(raw: str | None) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw) if len(raw) == 10 else _bad_date(raw)
    except ValueError:
        return _bad_date(raw)


def _bad_date(raw: str) -> dt.date:
    raise Bad(f"filing_date {raw!r} is not a date YYYY-MM-DD")


class Validator:
    """Checks rows table by table; keeps keys, content hashes and the derived sets the loaders need."""

    def __init__(self, staging: Staging) -> None:
        self.staging = staging
        # per table: hash of the key -> (32 bits of the content hash << 32) | line; about 100 bytes a row,
        # so ten million link rows fit in about a gigabyte (a 64-bit key hash collides with odds ~1e-7)
        self.seen: dict[str, dict[int, int]] = {t: {} for t in TABLES}
        self.countries: set[str] = set()
        self.ipc_codes: set[str] = set()
        self.ipc_patents: set[str] = set()
        self.stubs: set[str] = set()
        self.duplicates = 0
        self.merged = 0  # citation rows that brought another origin to a pair already kept
        self.origins: dict[tuple[str, str], tuple[Record, set[str]]] = {}
        self.checks: dict[str, Callable[[dict[str, str | None], Row], Record]] = {
            "cities": self.city,
            "applicants": self.applicant,
            "inventors": self.inventor,
            "ownership": self.ownership,
            "patents": self.patent,
            "patent_applicants": self.patent_applicant,
            "patent_inventors": self.patent_inventor,
            "patent_ipc": self.patent_ipc,
            "citations": self.citation,
        }

    def check(self, row: Row) -> None:
        """Stage the row's record, or raise :class:`Bad`; an exact duplicate is skipped."""
        values = row.values
        if values.get(ROW_ERROR):
            raise Bad(str(values[ROW_ERROR]))
        spec = TABLES[row.table]
        for column in spec.required:
            if values.get(column) is None:
                raise Bad(f"{column} is missing")
        record = self.checks[row.table](values, row)
        key = tuple(record["_key"])
        if row.table == "citations":
            self.citation_origins(key, record)
            return
        # each check builds its record with the same keys in the same order: the values alone compare
        content = hash(tuple(v for k, v in record.items() if k != "_key" and k != "main"))
        content &= 0xFFFFFFFF
        seen = self.seen[row.table]
        packed = seen.get(hash(key))
        if packed is not None:
            if packed >> 32 == content:
                self.duplicates += 1
                return
            label = ", ".join(f"{c}={v}" for c, v in zip(spec.key, key, strict=False))
            raise Bad(f"duplicate of line {packed & 0xFFFFFFFF} ({label}) with different content")
        seen[hash(key)] = (content << 32) | (row.line & 0xFFFFFFFF)
        del record["_key"]
        self.after(row.table, record)
        self.staging.add(row.table, record)

    def citation_origins(self, key: tuple[str, ...], record: Record) -> None:
        """One record per pair, whose ``origins`` gather every origin its rows give."""
        origin = record.pop("origin")
        kept = self.origins.get((key[0], key[1]))
        if kept is None:
            del record["_key"]
            self.origins[(key[0], key[1])] = (record, {origin})
            record["origins"] = origin
            self.after("citations", record)
            self.staging.add("citations", record)
            return
        first, seen = kept
        if origin in seen:
            self.duplicates += 1
            return
        self.merged += 1
        seen.add(origin)
        known = [o for o in ORIGINS if o in seen and o != "unknown"]
        first["origins"] = ";".join(known or ["unknown"])

    def after(self, table: str, record: Record) -> None:
        """Remember what later tables and the derived datasets need."""
        if table == "cities":
            self.countries.add(record["country"])
        elif table == "patent_ipc":
            self.ipc_codes.add(record["code"])
        elif table == "citations" and hash((record["cited_id"],)) not in self.seen["patents"]:
            self.stubs.add(record["cited_id"])

    def defined(self, table: str, column: str, value: str | None) -> None:
        if value is not None and hash((value,)) not in self.seen[table]:
            raise Bad(f"{column} {value!r} is not defined in {table} (or its row was rejected)")

    def city(self, v: dict[str, str | None], row: Row) -> Record:
        country = str(v["country"]).upper()
        if len(country) != 2 or not country.isalpha():
            raise Bad(f"country {v['country']!r} is not an ISO 3166-1 alpha-2 code such as CN or US")
        lat = _float(v, "lat", -90, 90)
        lon = _float(v, "lon", -180, 180)
        if (lat is None) != (lon is None):
            raise Bad("lat and lon must be given together")
        source = "input" if lat is not None else None
        if lat is None:
            placed = resolve_city(v["name"], country, v.get("province"))
            if placed is not None and placed.country == country:
                lat, lon, source = placed.lat, placed.lon, "gazetteer"
        return {
            "_key": (v["city_id"],),
            "id": v["city_id"],
            "name": v["name"],
            "country": country,
            "province": v.get("province"),
            "lat": lat,
            "lon": lon,
            "location_source": source,
        }

    def applicant(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("cities", "city_id", v.get("city_id"))
        given = v.get("type")
        if given is not None:
            kind = given.lower().replace(" ", "_").replace("-", "_")
            if kind not in APPLICANT_TYPES:
                raise Bad(f"type {given!r} is not one of {', '.join(APPLICANT_TYPES)}")
            rule = v.get("type_rule") or "given"
        else:
            kind, rule = classify(v["name"])
        return {
            "_key": (v["applicant_id"],),
            "id": v["applicant_id"],
            "name": v["name"],
            "type": kind,
            "type_rule": rule,
            "city_id": v.get("city_id"),
            "label": derive.TYPE_LABELS.get(kind),
        }

    def inventor(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("cities", "city_id", v.get("city_id"))
        return {
            "_key": (v["inventor_id"],),
            "id": v["inventor_id"],
            "name": v.get("name"),
            "city_id": v.get("city_id"),
        }

    def ownership(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("applicants", "applicant_id", v["applicant_id"])
        code = str(v["ownership"]).upper()
        if code not in derive.OWNERSHIP_TYPES:
            raise Bad(f"ownership {v['ownership']!r} is not one of {', '.join(derive.OWNERSHIP_TYPES)}")
        return {
            "_key": (v["applicant_id"],),
            "applicant_id": v["applicant_id"],
            "code": code,
            "source": Path(row.file).name,
        }

    def patent(self, v: dict[str, str | None], row: Row) -> Record:
        filing = _date(v.get("filing_date"))
        year = _year(v, "year")
        if filing is None and year is None:
            raise Bad("filing_date and year are both missing")
        if filing is not None and year is not None and filing.year != year:
            raise Bad(f"year {year} does not match filing_date {filing.isoformat()}")
        return {
            "_key": (v["patent_id"],),
            "id": v["patent_id"],
            "filing_date": filing,
            "year": year if year is not None else filing.year if filing else None,
            "priority_year": _year(v, "priority_year"),
            "office": v.get("office"),
            "kind": v.get("kind"),
            "family_id": v.get("family_id"),
            "title": v.get("title"),
        }

    def patent_applicant(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("patents", "patent_id", v["patent_id"])
        self.defined("applicants", "applicant_id", v["applicant_id"])
        return {
            "_key": (v["patent_id"], v["applicant_id"]),
            "patent_id": v["patent_id"],
            "applicant_id": v["applicant_id"],
            "seq": _int(v, "seq"),
        }

    def patent_inventor(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("patents", "patent_id", v["patent_id"])
        self.defined("inventors", "inventor_id", v["inventor_id"])
        return {
            "_key": (v["patent_id"], v["inventor_id"]),
            "patent_id": v["patent_id"],
            "inventor_id": v["inventor_id"],
            "seq": _int(v, "seq"),
        }

    def patent_ipc(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("patents", "patent_id", v["patent_id"])
        try:
            code = normalize_ipc(str(v["ipc_code"]))
        except UnknownIPC as e:
            raise Bad(f"unknown IPC code {v['ipc_code']!r}: {e.reason}") from None
        seq = _int(v, "seq")
        patent = str(v["patent_id"])
        main = seq == 1 if seq is not None else patent not in self.ipc_patents
        self.ipc_patents.add(patent)
        return {"_key": (patent, code), "patent_id": patent, "code": code, "seq": seq, "main": main}

    def citation(self, v: dict[str, str | None], row: Row) -> Record:
        self.defined("patents", "citing_id", v["citing_id"])
        origin = (v.get("origin") or "unknown").lower()
        if origin not in ORIGINS:
            raise Bad(f"origin {v['origin']!r} is not one of {', '.join(ORIGINS)}")
        if v["citing_id"] == v["cited_id"]:
            raise Bad("a patent cannot cite itself")
        return {
            "_key": (v["citing_id"], v["cited_id"]),
            "citing_id": v["citing_id"],
            "cited_id": v["cited_id"],
            "origin": origin,
        }


class Sink:
    """Records by table, in memory."""

    def __init__(self) -> None:
        self.tables: dict[str, list[Record]] = {}

    def add(self, table: str, record: Record) -> None:
        self.tables.setdefault(table, []).append(record)


def reference_validate(rows: Iterable[Row]) -> tuple[dict[str, list[Record]], list[Reject], int, Validator]:
    """Every row checked one by one in LOAD_ORDER: (kept records by table, rejects, duplicates, validator)."""
    sink = Sink()
    validator = Validator(sink)  # type: ignore[arg-type]
    rejects = []
    by_table: dict[str, list[Row]] = {t: [] for t in LOAD_ORDER}
    for row in rows:
        by_table[row.table].append(row)
    for table in LOAD_ORDER:
        for row in by_table[table]:
            try:
                validator.check(row)
            except Bad as e:
                rejects.append(Reject(row.file, row.line, row.table, str(e)))
    return sink.tables, rejects, validator.duplicates, validator
