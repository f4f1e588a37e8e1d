"""Delimited tables, plain or zipped, read row by row with their line numbers and checked columns.

Used by the PatentsView (TSV) and PATSTAT (CSV) readers. A file that cannot be read at all
(not a zip, a truncated zip, missing columns, bytes that are not UTF-8, binary content) raises
``InputError`` naming the file, the line when known, and what is wrong. A row with the wrong
number of fields, or with malformed quoting (a lone quote inside a quoted field, a quoted field
still open at the end of the file), is yielded as a problem for the caller to reject; the rows
after it are read. Quoted fields may hold doubled quotes, delimiters and line breaks; every value
is text (``D512345``, ``RE038123``, ``06`` stay as written).
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from hotspot_kg.core.errors import InputError

NULLS = frozenset({"", "NULL", "null", "\\N", "NaN", "nan", "None"})

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True, slots=True)
class TableRow:
    line: int
    values: dict[str, str | None]
    problem: str | None = None  # set when the row cannot be used (wrong number of fields)


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    if path.suffix.lower() != ".zip":
        with path.open(encoding="utf-8-sig", newline="") as f:
            yield f
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError(f"{path}: not a readable zip archive ({e}); download the file again") from None
    with archive:
        members = [m for m in archive.namelist() if not m.endswith("/")]
        if len(members) != 1:
            raise InputError(
                f"{path}: expected one table in the archive, found {len(members)}: {members[:5]}"
            )
        with archive.open(members[0]) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def header(path: Path, delimiter: str) -> list[str]:
    """The column names of a table (its first row), stripped; InputError when it cannot be read."""
    try:
        with _open_text(path) as f:
            first = next(csv.reader(f, delimiter=delimiter, quotechar='"'), None)
    except UnicodeDecodeError as e:
        line = _undecodable_line(path) or 1
        raise InputError(
            f"{path} line {line}: bytes that are not UTF-8 ({e.reason}); re-encode as UTF-8"
        ) from None
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise InputError(f"{path}: the archive is damaged or truncated ({e})") from None
    except csv.Error as e:
        raise InputError(f"{path} line 1: {e}") from None
    if first is None:
        raise InputError(f"{path}: empty file; expected a header row")
    if any("\x00" in h for h in first):
        raise InputError(f"{path}: binary content, not a delimited text table")
    return [h.strip() for h in first]


def read_table(path: Path, delimiter: str, required: tuple[str, ...]) -> Iterator[TableRow]:
    """Rows of a delimited table as {column: value or None}; InputError when the file is unusable."""
    line = 1
    try:
        with _open_text(path) as f:
            # strict: a quote where none may be, or a quoted field still open at the end of the file, is an
            # error for that row alone (the reader goes on with the next row), never a silent merge
            reader = csv.reader(f, delimiter=delimiter, quotechar='"', strict=True)
            header = next(reader, None)
            if header is None:
                raise InputError(f"{path}: empty file; expected a header row with {', '.join(required)}")
            header = [h.strip() for h in header]
            if any("\x00" in h for h in header):
                raise InputError(f"{path}: binary content, not a delimited text table")
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(
                    f"{path} line 1: missing column(s) {', '.join(missing)}; found {', '.join(header[:12])}. "
                    f"Is this the right table, delimited by {delimiter!r}?"
                )
            start = reader.line_num + 1
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as e:
                    line, start = start, reader.line_num + 1
                    yield TableRow(line, {}, _quoting(e, line, reader.line_num))
                    continue
                line, start = start, reader.line_num + 1
                if fields and len(fields) != len(header):
                    problem = f"{len(fields)} fields where the header has {len(header)}"
                    yield TableRow(line, {}, problem)
                    continue
                if fields:
                    yield TableRow(
                        line,
                        {
                            k: (None if v.strip() in NULLS else v.strip())
                            for k, v in zip(header, fields, strict=True)
                        },
                    )
    except UnicodeDecodeError as e:
        line = _undecodable_line(path) or line
        raise InputError(
            f"{path} line {line}: bytes that are not UTF-8 ({e.reason}); re-encode as UTF-8"
        ) from None
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise InputError(f"{path} near line {line}: the archive is damaged or truncated ({e})") from None
    except csv.Error as e:
        raise InputError(f"{path} line {line}: {e}") from None


def _quoting(error: csv.Error, line: int, last: int) -> str:
    if "unexpected end of data" in str(error):
        return f"a quoted field opened on line {line} is not closed before the end of the file (line {last})"
    return f"malformed quoting ({error}); a quote inside a quoted field must be doubled"


def _undecodable_line(path: Path) -> int | None:
    """The first line of a file (or of the table in a zip) that is not valid UTF-8."""
    with zipfile.ZipFile(path) if path.suffix.lower() == ".zip" else _nothing() as archive:
        raw = archive.open(archive.namelist()[0]) if archive else path.open("rb")
        with raw:
            for number, data in enumerate(raw, start=1):
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    return number
    return None


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def find_tables(folder: Path, stem: str) -> list[Path]:
    """Files of one table in a folder: ``stem.tsv``, ``stem.csv``, their zips, or numbered parts."""
    patterns = (f"{stem}.*", f"{stem}_*.*", f"{stem}-*.*")
    found = {p for pattern in patterns for p in folder.glob(pattern) if p.is_file()}
    return sorted(p for p in found if p.suffix.lower() in (".tsv", ".csv", ".zip", ".txt"))
