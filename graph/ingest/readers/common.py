"""What every reader shares: ids, notices, the once-only emission of entity rows, and file checks.

Reader contract: ``read(path, notices=None) -> Iterator[Row]``. Rows are canonical records
(``graph.ingest.records``); a record that cannot be used is a row whose values hold only the
reason under ``ROW_ERROR`` (:func:`reject`), which validation writes to the rejects file with the
file and line; a file that cannot be read at all raises ``InputError``. Things worth
telling the user that do not stop a row (a place the gazetteer cannot find, an IPC code of an
older edition) are appended to ``notices`` when the caller passes one: a list, or a :class:`NoticeLog`, which
writes them to a file as they come (a PATSTAT read may notice millions of persons).

Ids are deterministic, so that reading the same source twice gives the same graph:

* patents: office + number without leading zeros (``US7864699``, ``USD512345``, ``EP1234567``);
* applicants and inventors that a source does not identify: ``app:`` / ``inv:`` and the first
  16 hex digits of the SHA-1 of ``normalised name|country`` (name NFKC-normalised, case-folded,
  punctuation removed, spaces collapsed), so ``HUAWEI TECHNOLOGIES CO., LTD.`` and
  ``Huawei Technologies Co Ltd`` in China are one applicant;
* cities: the GeoNames id (``gn:1795565``).
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from graph.ingest.cities import City, Gazetteer, gazetteer
from graph.ingest.records import ROW_ERROR, Row
from graph.ingest.stakeholders import classify
from hotspot_kg.core import files

Record = Row


def reject(file: str, line: int, table: str, reason: str) -> Row:
    """A row of ``table`` that validation rejects with ``reason`` (the record contract's ROW_ERROR)."""
    return Row(table, {ROW_ERROR: reason}, file, line)


def problem(row: Row) -> str | None:
    """The reason a reader gave for not using a row, None for a good row."""
    return row.values.get(ROW_ERROR)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about a record that was still read (e.g. an unlocated place)."""

    file: str
    line: int
    table: str
    message: str


NOTICE_COLUMNS = ("file", "line", "table", "message")


class Notices(Protocol):
    """Where a reader puts its notices: a list, or a :class:`NoticeLog`."""

    def append(self, notice: Notice, /) -> None: ...

    def __len__(self) -> int: ...


class NoticeLog:
    """Notices written to the CSV file ``target`` (file, line, table, message) as they come, not held in
    memory. They go to ``target.partial`` until :meth:`close`, which moves them to ``target`` (none: no file);
    :meth:`discard` (a failed read) removes them, so a notices file is always a whole read's."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.partial = files.partial_of(target)
        self._file: IO[str] | None = None
        self._write: Callable[[Iterable[object]], object] | None = None  # the CSV writer's writerow
        self._count = 0

    def append(self, notice: Notice, /) -> None:
        if self._write is None:
            self.partial.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.partial, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close)
            self._write = csv.writer(self._file).writerow
            self._write(NOTICE_COLUMNS)
        self._write((notice.file, notice.line, notice.table, notice.message))
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def close(self) -> Path | None:
        """Finish the file: ``target`` if there were notices (it replaces an older one), else None."""
        if self._file is None:
            return None
        self._file.close()
        self._file, self._write = None, None
        self.partial.replace(self.target)
        return self.target

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file, self._write = None, None
        self.partial.unlink(missing_ok=True)


_PUNCT = re.compile(r"[^\w\s&]+")


def norm_name(name: str) -> str:
    """A name reduced for identity: NFKC, case-folded, punctuation removed, spaces collapsed."""
    return " ".join(_PUNCT.sub(" ", unicodedata.normalize("NFKC", name).casefold()).split())


def entity_id(prefix: str, name: str, country: str | None) -> str:
    key = f"{norm_name(name)}|{(country or '').upper()}"
    return f"{prefix}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def publication_id(office: str, number: str) -> str | None:
    """Office + number without leading zeros or separators: ('US', '07864699') -> 'US7864699'."""
    compact = re.sub(r"[\s/,.\-]", "", number.upper())
    office = office.strip().upper()
    if office and compact.startswith(office) and compact[len(office) :][:1].isdigit():
        compact = compact[len(office) :]  # "WO 00/01733" -> "0001733"
    m = re.fullmatch(r"([A-Z]*)0*(\d[\dA-Z]*)", compact)
    if not m or not office:
        return None
    return f"{office}{m[1]}{m[2]}"


def text(value: str | None) -> str | None:
    """A stripped value, None when empty."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def iso_date(raw: str | None) -> str | None:
    """YYYYMMDD or YYYY-MM-DD to YYYY-MM-DD; None when absent or not a plausible date."""
    if not raw:
        return None
    digits = raw.strip().replace("-", "")
    if not re.fullmatch(r"\d{8}", digits) or digits.endswith("0000") or digits[4:6] == "00":
        return None
    if digits[6:] == "00":
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


@dataclass
class Emitter:
    """Builds rows for one read, emitting each applicant, inventor and city once (first seen wins)."""

    notices: Notices | None
    gaz: Gazetteer | None = None
    seen: dict[str, set[str]] = field(default_factory=dict)

    def once(self, table: str, key: str) -> bool:
        keys = self.seen.setdefault(table, set())
        if key in keys:
            return False
        keys.add(key)
        return True

    def notice(self, file: str, line: int, table: str, message: str) -> None:
        if self.notices is not None:
            self.notices.append(Notice(file, line, table, message))

    def place(
        self, file: str, line: int, city: str | None, state: str | None, country: str | None, who: str
    ) -> tuple[str | None, list[Row]]:
        """(city id, [cities row if new]) for a place; an unplaceable place is noticed, not rejected."""
        if not city:
            if country:
                self.notice(file, line, "cities", f"{who}: no city given (country {country}); left unlocated")
            return None, []
        found = self.gazetteer().resolve(city, country, state)
        if found is None:
            where = ", ".join(p for p in (city, state, country) if p)
            self.notice(
                file, line, "cities", f"{who}: place {where!r} is not in the gazetteer; left unlocated"
            )
            return None, []
        return self.city(file, line, found)

    def gazetteer(self) -> Gazetteer:
        if self.gaz is None:
            self.gaz = gazetteer()
        return self.gaz

    def city(self, file: str, line: int, found: City) -> tuple[str, list[Row]]:
        """(city id, [cities row if this city is new in this read])."""
        return found.id, ([Row("cities", found.row(), file, line)] if self.once("cities", found.id) else [])

    def applicant(
        self,
        file: str,
        line: int,
        values: dict[str, str | None],
        *,
        psn_sector: str | None = None,
        uspto_role: str | None = None,
        person: bool = False,
    ) -> list[Row]:
        """The applicants row (classified) when this applicant id is new in this read."""
        if not self.once("applicants", values["applicant_id"] or ""):
            return []
        kind, rule = classify(
            values.get("name"),
            given=values.get("type"),
            psn_sector=psn_sector,
            uspto_role=uspto_role,
            person=person,
        )
        return [Row("applicants", {**values, "type": kind, "type_rule": rule}, file, line)]

    def inventor(self, file: str, line: int, values: dict[str, str | None]) -> list[Row]:
        if not self.once("inventors", values["inventor_id"] or ""):
            return []
        return [Row("inventors", values, file, line)]


def files_in(path: Path, patterns: tuple[str, ...], what: str) -> list[Path]:
    """The files of a folder matching any pattern (or the file itself), sorted; InputError if none."""
    from hotspot_kg.core.errors import InputError

    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path}: no such file or folder; give the path of the {what}")
    found = sorted({p for pattern in patterns for p in path.glob(pattern) if p.is_file()})
    if not found:
        raise InputError(f"{path}: no {what} found (looked for {', '.join(patterns)})")
    return found
