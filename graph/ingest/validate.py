"""Validation: canonical tables in, valid typed records (to a :class:`Staging`) and :class:`Reject` rows out.

The tables are pandas frames of strings (one per canonical table, with the file and line of every row),
checked column by column rather than row by row: each parser runs once per distinct value, so a
million patents with a few thousand distinct dates cost a few thousand parses. Tables are checked in
``LOAD_ORDER``, so every reference (an applicant's city, a link's patent) points at a table already
checked. A row gets the reason of the FIRST check it fails, in the order listed for its table.

A row is rejected for: a missing required value, a bad date or number, an unknown IPC code, a dangling
reference (an id used but not defined in its table, or defined by a rejected row), or a duplicate key
with different content (the first row with a key wins; a later row with the same content is dropped
silently). A citation's cited patent may lie outside the input: it becomes a stub
``Patent {in_db: false}``.

Citations are one per (citing, cited) pair with all their origins: rows of one pair with different
origins (the applicant's and the examiner's listing of the same patent) are merged, not rejected, into
one record whose ``origins`` lists them in the order of ``ORIGINS`` joined by ``;``
(``applicant;examiner``); ``unknown`` is kept only when no row of the pair gives a known origin. As a
pair has no other content, citations never conflict.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from graph.ingest import derive
from graph.ingest.cities import resolve_city
from graph.ingest.ipc import UnknownIPC, normalize_ipc
from graph.ingest.records import LOAD_ORDER, ROW_ERROR, TABLES, Row
from graph.ingest.staging import Staging
from graph.ingest.stakeholders import TYPES as APPLICANT_TYPES
from graph.ingest.stakeholders import classify
from hotspot_kg.core import files

ORIGINS = ("applicant", "examiner", "unknown")
PROGRESS_EVERY = 10_000
REJECT_COLUMNS = ("file", "line", "table", "reason")
YEARS = range(1790, 2101)
FILE, LINE = "_file", "_line"


class Bad(Exception):
    """The reason a value is rejected."""


class LoadOutcome(Protocol):
    """What any load reports of its input (:class:`Outcome` here, the Spark validator's outcome too)."""

    rows: int
    rejected: int
    duplicates: int
    merged: int
    rejects_file: Path
    notices: int
    notices_file: Path | None

    @property
    def reject_rate(self) -> float: ...


@dataclass
class Tally:
    """What a validation counted (a :class:`LoadOutcome`), whichever engine ran it."""

    rejects_file: Path
    _: KW_ONLY
    rows: int = 0
    rejected: int = 0
    duplicates: int = 0
    merged: int = 0  # citation rows folded into the row of their pair that has another origin
    by_table: dict[str, int] = field(default_factory=dict)
    notices: int = 0  # what the readers noted about rows they still read, in ``notices_file``
    notices_file: Path | None = None

    @property
    def reject_rate(self) -> float:
        return self.rejected / self.rows if self.rows else 0.0


@dataclass
class Outcome(Tally):
    """What validation kept (``staging``) and rejected."""

    staging: Staging


# -- scalar parsers: one raw (stripped, non-empty) string in, a value out or Bad ---------------------------


def parse_int(column: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise Bad(f"{column} {raw!r} is not an integer") from None


def parse_year(column: str, raw: str) -> int:
    year = parse_int(column, raw)
    if year not in YEARS:
        raise Bad(f"{column} {year} is not a plausible year")
    return year


def parse_float(column: str, low: float, high: float, raw: str) -> float:
    try:
        number = float(raw)
    except ValueError:
        raise Bad(f"{column} {raw!r} is not a number") from None
    if not low <= number <= high:
        raise Bad(f"{column} {raw} is outside {low:g}..{high:g}")
    return number


def parse_date(raw: str) -> dt.date:
    try:
        if len(raw) == 10:
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    raise Bad(f"filing_date {raw!r} is not a date YYYY-MM-DD")


def parse_country(raw: str) -> str:
    country = raw.upper()
    if len(country) != 2 or not country.isalpha():
        raise Bad(f"country {raw!r} is not an ISO 3166-1 alpha-2 code such as CN or US")
    return country


def parse_ipc(raw: str) -> str:
    try:
        return normalize_ipc(raw)
    except UnknownIPC as e:
        raise Bad(f"unknown IPC code {raw!r}: {e.reason}") from None


def parse_origin(raw: str) -> str:
    origin = raw.lower()
    if origin not in ORIGINS:
        raise Bad(f"origin {raw!r} is not one of {', '.join(ORIGINS)}")
    return origin


def parse_ownership(raw: str) -> str:
    code = raw.upper()
    if code not in derive.OWNERSHIP_TYPES:
        raise Bad(f"ownership {raw!r} is not one of {', '.join(derive.OWNERSHIP_TYPES)}")
    return code


def parse_type(raw: str) -> str:
    kind = raw.lower().replace(" ", "_").replace("-", "_")
    if kind not in APPLICANT_TYPES:
        raise Bad(f"type {raw!r} is not one of {', '.join(APPLICANT_TYPES)}")
    return kind


# -- the frame of one table while it is checked --------------------------------------------------------


class Check:
    """One table's rows: the raw strings, the reason of each row's first failed check (None: fine so far)."""

    def __init__(self, table: str, frame: pd.DataFrame) -> None:
        self.table = table
        self.raw = frame
        self.reason = frame[ROW_ERROR].astype(object) if ROW_ERROR in frame else _nones(len(frame))
        self.reason.index = frame.index
        self.bad = self.reason.notna().to_numpy()
        for column in TABLES[table].required:
            self.fail(frame[column].isna(), f"{column} is missing")

    def fail(self, mask: pd.Series | np.ndarray, reason: str | pd.Series) -> None:
        """Give ``reason`` to the rows in ``mask`` that have none yet."""
        if isinstance(mask, pd.Series):  # a comparison of Arrow strings is NA where a value is missing
            mask = mask.fillna(False)
        chosen = np.asarray(mask, dtype=bool) & ~self.bad
        if chosen.any():
            self.reason = self.reason.mask(chosen, reason)
            self.bad = self.bad | chosen

    def parse(self, column: str, parser: Callable[[str], Any], dtype: Any = None) -> pd.Series:
        """``parser`` over the column, once per distinct value; failures become reasons."""
        codes, distinct = pd.factorize(self.raw[column])  # a missing value has code -1
        values = np.full(len(distinct) + 1, None, dtype=object)
        reasons = np.full(len(distinct) + 1, None, dtype=object)
        for k, value in enumerate(distinct):
            try:
                values[k] = parser(value)
            except Bad as e:
                reasons[k] = str(e)
        failed = reasons[codes]
        self.fail(pd.notna(failed), pd.Series(failed, index=self.raw.index))
        if dtype == "Int64":
            fast = _int64(values, codes, self.raw.index)
            if fast is not None:
                return fast
        parsed = pd.Series(values[codes], index=self.raw.index, dtype=object)
        return parsed.astype(dtype) if dtype else parsed

    def defined(self, column: str, table: str, keys: pd.Index) -> None:
        """References in ``column`` must be keys kept from ``table``."""
        raw = self.raw[column]
        dangling = raw.notna() & ~raw.isin(keys)
        if dangling.any():
            reason = raw[dangling].map(
                lambda v: f"{column} {v!r} is not defined in {table} (or its row was rejected)"
            )
            self.fail(dangling, reason)

    @property
    def ok(self) -> pd.Series:
        return pd.Series(~self.bad, index=self.raw.index)


def _int64(values: np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series | None:
    """``values[codes]`` as Int64, converting once per distinct value (None: not all fit in int64)."""
    missing = pd.isna(values)
    try:
        ints = np.where(missing, 0, values).astype(np.int64)
    except (OverflowError, TypeError, ValueError):
        return None
    return pd.Series(pd.arrays.IntegerArray(ints[codes], missing[codes]), index=index)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _nones(n: int) -> pd.Series:
    return pd.Series([None] * n, dtype=object)


def _nullable(series: pd.Series) -> pd.Series:
    """A column as Python objects with None for missing values."""
    return series.astype(object).where(series.notna(), None)


# -- the checks of each table: (records frame with the key columns first) ---------------------------------


class Validator:
    """Checks the tables in ``LOAD_ORDER``; keeps the kept keys and what the derived datasets need."""

    def __init__(self) -> None:
        self.keys: dict[str, pd.Index] = {}
        self.countries: set[str] = set()
        self.ipc_codes: set[str] = set()
        self.stubs: set[str] = set()
        self.duplicates = 0
        self.merged = 0

    def cities(self, c: Check) -> pd.DataFrame:
        r = c.raw
        country = c.parse("country", parse_country)
        lat = c.parse("lat", partial(parse_float, "lat", -90, 90))
        lon = c.parse("lon", partial(parse_float, "lon", -180, 180))
        c.fail(lat.isna() != lon.isna(), "lat and lon must be given together")
        source = _nones(len(r)).set_axis(r.index).mask(lat.notna(), "input")
        lat, lon = lat.copy(), lon.copy()
        for i in r.index[c.ok & lat.isna()]:
            placed = resolve_city(str(r.at[i, "name"]), str(country[i]), _text(r.at[i, "province"]))
            if placed is not None and placed.country == country[i]:
                lat[i], lon[i], source[i] = placed.lat, placed.lon, "gazetteer"
        return pd.DataFrame({"id": r["city_id"], "name": r["name"], "country": country,
                             "province": r["province"], "lat": lat, "lon": lon,
                             "location_source": source})  # fmt: skip

    def applicants(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("city_id", "cities", self.keys["cities"])
        given = c.parse("type", parse_type)
        rule = r["type_rule"].where(r["type_rule"].notna(), "given")
        names = r["name"][c.ok & given.isna()].unique()
        classified = {name: classify(name) for name in names}
        kinds = r["name"].map({n: k for n, (k, _) in classified.items()})
        rules = r["name"].map({n: rule for n, (_, rule) in classified.items()})
        kind = given.where(given.notna(), kinds)
        rule = rule.where(given.notna(), rules)
        return pd.DataFrame({"id": r["applicant_id"], "name": r["name"], "type": _nullable(kind),
                             "type_rule": _nullable(rule), "city_id": r["city_id"],
                             "label": _nullable(kind.map(derive.TYPE_LABELS))})  # fmt: skip

    def inventors(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("city_id", "cities", self.keys["cities"])
        return pd.DataFrame({"id": r["inventor_id"], "name": r["name"], "city_id": r["city_id"]})

    def ownership(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("applicant_id", "applicants", self.keys["applicants"])
        code = c.parse("ownership", parse_ownership)
        source = r[FILE].map(lambda f: Path(f).name)
        return pd.DataFrame({"applicant_id": r["applicant_id"], "code": code, "source": source})

    def patents(self, c: Check) -> pd.DataFrame:
        r = c.raw
        filing = c.parse("filing_date", parse_date)
        year = c.parse("year", partial(parse_year, "year"), "Int64")
        c.fail(filing.isna() & year.isna(), "filing_date and year are both missing")
        filing_year = filing.map(lambda d: d.year, na_action="ignore").astype("Int64")
        mismatch = (filing_year != year).fillna(False).astype(bool)
        if mismatch.any():
            c.fail(
                mismatch,
                "year "
                + year[mismatch].astype(str)
                + " does not match filing_date "
                + filing[mismatch].astype(str),
            )
        priority = c.parse("priority_year", partial(parse_year, "priority_year"), "Int64")
        return pd.DataFrame({"id": r["patent_id"], "filing_date": filing,
                             "year": _nullable(year.fillna(filing_year)), "priority_year": _nullable(priority),
                             "office": r["office"], "kind": r["kind"], "family_id": r["family_id"],
                             "title": r["title"]})  # fmt: skip

    def _link(self, c: Check, other: str, column: str) -> pd.DataFrame:
        r = c.raw
        c.defined("patent_id", "patents", self.keys["patents"])
        c.defined(column, other, self.keys[other])
        seq = c.parse("seq", partial(parse_int, "seq"), "Int64")
        return pd.DataFrame({"patent_id": r["patent_id"], column: r[column], "seq": _nullable(seq)})

    def patent_applicants(self, c: Check) -> pd.DataFrame:
        return self._link(c, "applicants", "applicant_id")

    def patent_inventors(self, c: Check) -> pd.DataFrame:
        return self._link(c, "inventors", "inventor_id")

    def patent_ipc(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("patent_id", "patents", self.keys["patents"])
        code = c.parse("ipc_code", parse_ipc)
        seq = c.parse("seq", partial(parse_int, "seq"), "Int64")
        # without a seq, the first row of a patent (among those that got this far) is its main code
        first = ~r["patent_id"].where(c.ok).duplicated() & c.ok
        main = (seq == 1).where(seq.notna(), first).astype(bool)
        return pd.DataFrame({"patent_id": r["patent_id"], "code": code, "seq": _nullable(seq), "main": main})

    def citations(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("citing_id", "patents", self.keys["patents"])
        origin = r["origin"].fillna("unknown")
        parsed = c.parse("origin", parse_origin)
        c.fail(r["citing_id"] == r["cited_id"], "a patent cannot cite itself")
        return pd.DataFrame({"citing_id": r["citing_id"], "cited_id": r["cited_id"],
                             "origin": parsed.where(r["origin"].notna(), origin)})  # fmt: skip

    def check(self, table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The kept records of ``table`` and its rejects (file, line, table, reason)."""
        c = Check(table, frame)
        records = getattr(self, table)(c)
        key = list(TABLES[table].key)
        names = list(records.columns[: len(key)])  # each table's frame lists its key columns first
        if table == "citations":
            records = self._merge_origins(c, records)
        kept = self._dedupe(table, c, records, names, key)
        self.keys[table] = pd.Index(kept[names[0]]) if len(key) == 1 else pd.Index([])
        self._remember(table, kept)
        bad = ~c.ok
        rejects = pd.DataFrame({"file": frame[FILE][bad], "line": frame[LINE][bad], "table": table,
                                "reason": c.reason[bad]})  # fmt: skip
        return kept.reset_index(drop=True), rejects

    def _dedupe(
        self, table: str, c: Check, records: pd.DataFrame, names: list[str], key: list[str]
    ) -> pd.DataFrame:
        good = records[c.ok]
        later = good.duplicated(subset=names, keep="first")
        if not later.any():
            return good
        content = [n for n in good.columns if n != "main"]
        first = good[~later]
        firsts = good[later][names].merge(
            first.assign(_first_line=c.raw[LINE][first.index]), on=names, how="left", suffixes=("", "_f")
        )
        firsts.index = good.index[later]
        same = pd.Series(True, index=firsts.index)
        dup = good[later]
        for n in content:
            if n in names:
                continue
            a, b = dup[n], firsts[n]
            equal = (a == b).fillna(False).to_numpy(dtype=bool)
            same &= equal | (a.isna() & b.isna()).to_numpy(dtype=bool)
        self.duplicates += int(same.sum())
        conflict = same.index[~same]
        labels = [
            ", ".join(f"{k}={v}" for k, v in zip(key, values, strict=False))
            for values in dup.loc[conflict, names].itertuples(index=False)
        ]
        reasons = [
            f"duplicate of line {line} ({label}) with different content"
            for line, label in zip(firsts.loc[conflict, "_first_line"], labels, strict=True)
        ]
        c.fail(pd.Series(c.raw.index.isin(conflict), index=c.raw.index), pd.Series(reasons, index=conflict))
        return first

    def _merge_origins(self, c: Check, records: pd.DataFrame) -> pd.DataFrame:
        """Citations with ``origins``: every origin given for the row's (citing, cited) pair, ``;``-joined."""
        good = records[c.ok]
        pairs = ["citing_id", "cited_id"]
        distinct = good[[*pairs, "origin"]].drop_duplicates()
        bits = distinct["origin"].map({o: 1 << k for k, o in enumerate(ORIGINS)}).astype("int64")
        mask = bits.groupby([distinct[p] for p in pairs], sort=False).sum()  # distinct bits: sum = or
        self.merged += len(distinct) - len(mask)
        unknown = 1 << ORIGINS.index("unknown")
        known = mask & ~unknown
        mask = known.where(known > 0, mask)
        names = {m: ";".join(o for k, o in enumerate(ORIGINS) if m & (1 << k)) for m in mask.unique()}
        joined = mask.map(names).rename("origins").reset_index()
        out = records.drop(columns="origin").reset_index().merge(joined, on=pairs, how="left")
        return out.set_index("index").rename_axis(None).reindex(records.index)

    def _remember(self, table: str, kept: pd.DataFrame) -> None:
        if table == "cities":
            self.countries.update(kept["country"])
        elif table == "patent_ipc":
            self.ipc_codes.update(kept["code"].unique())
        elif table == "citations":
            cited = kept["cited_id"]
            self.stubs.update(cited[~cited.isin(self.keys["patents"])].unique())


def frames_of(rows: Iterable[Row], on_rows: Callable[[int], None] | None = None) -> dict[str, pd.DataFrame]:
    """The rows of a reader as one frame of strings per table (with file, line and a reader's error)."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in LOAD_ORDER}
    for count, row in enumerate(rows, start=1):
        tables[row.table].append({**row.values, FILE: row.file, LINE: row.line})
        if on_rows is not None and not count % PROGRESS_EVERY:
            on_rows(PROGRESS_EVERY)
    return {t: frame_of(t, records) for t, records in tables.items()}


def frame_of(table: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    columns = [*TABLES[table].columns, ROW_ERROR, FILE, LINE]
    frame = pd.DataFrame.from_records(records, columns=columns) if records else pd.DataFrame(columns=columns)
    for column in columns:
        if column != LINE:
            frame[column] = _nullable(frame[column])
    return frame


def validate(
    rows: Iterable[Row] | dict[str, pd.DataFrame],
    rejects_file: Path,
    staging: Staging,
    on_rows: Callable[[int], None] | None = None,
) -> Outcome:
    """Check every row, stage the valid ones and write the rejects CSV (replaced only when all went well).

    ``rows`` are a reader's rows (in any order), or the tables as frames already (see :func:`frame_of`);
    ``on_rows(n)`` reports rows read.
    """
    rejects_file.parent.mkdir(parents=True, exist_ok=True)
    frames = rows if isinstance(rows, dict) else frames_of(rows, on_rows)
    validator = Validator()
    outcome = Outcome(rejects_file, staging)
    rejected = []
    for table in LOAD_ORDER:
        frame = frames.get(table)
        if frame is None:
            frame = frame_of(table, [])
        outcome.rows += len(frame)
        kept, rejects = validator.check(table, frame.reset_index(drop=True))
        staging.put(table, kept)
        rejected.append(rejects)
        if on_rows is not None and isinstance(rows, dict):
            on_rows(len(frame))
    derive.stage(staging, validator.countries, validator.ipc_codes, validator.stubs)
    _write_rejects(rejects_file, rejected)
    outcome.rejected = sum(len(r) for r in rejected)
    outcome.merged = validator.merged
    outcome.duplicates = validator.duplicates - validator.merged
    outcome.by_table = {t: staging.count(t) for t in LOAD_ORDER}
    return outcome


def _write_rejects(rejects_file: Path, rejected: list[pd.DataFrame]) -> None:
    with files.replaced(rejects_file) as partial, open(partial, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(REJECT_COLUMNS)
        for rejects in rejected:
            writer.writerows(rejects.sort_index().itertuples(index=False))
