"""Reader of the canonical input: a folder (or a .zip of one) of UTF-8 CSV files, one per table.

The files and columns are those of ``shared/spec/graph-model.md`` (``patents.csv``, ``applicants.csv``, ...).
:func:`check` opens every file and checks its header before anything is read, so a malformed input
(wrong columns, a binary file, bad encoding, a truncated zip) fails with one :class:`InputError`;
:func:`read` yields :class:`Row` objects table by table in ``LOAD_ORDER``, each with its file and line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from graph.ingest.records import LOAD_ORDER, ROW_ERROR, TABLES, Row
from graph.ingest.validate import FILE, LINE, frame_of
from hotspot_kg.core.errors import InputError

# Every table but patents may be absent (then it has no rows).
REQUIRED_FILES = ("patents",)
# Columns that are required in a row but may be either one of a pair in the header.
EITHER_OF = {"patents": ("filing_date", "year")}
SNIFF_BYTES = 64 * 1024


class Folder:
    """The canonical CSV files of a folder or a zip archive."""

    def __init__(self, path: Path, required: tuple[str, ...] = REQUIRED_FILES) -> None:
        self.path = Path(path)
        self._zip_names: dict[str, str] = {}
        if self.path.is_dir():
            self.files = {t: self.path / f"{t}.csv" for t in TABLES if (self.path / f"{t}.csv").is_file()}
        elif self.path.is_file() and self.path.suffix.lower() == ".zip":
            self.files = self._zip_files()
        elif not self.path.exists():
            raise InputError(f"{self.path}: no such file or folder; give the folder of canonical CSV files")
        else:
            raise InputError(
                f"{self.path}: the canonical input is a folder (or a .zip) of CSV files such as patents.csv"
            )
        missing = [f"{t}.csv" for t in required if t not in self.files]
        if missing:
            raise InputError(f"{self.path}: {', '.join(missing)} is missing; the canonical input needs it")

    def _zip_files(self) -> dict[str, Path]:
        try:
            with zipfile.ZipFile(self.path) as archive:
                bad = archive.testzip()
                names = archive.namelist()
        except (zipfile.BadZipFile, EOFError, OSError) as e:
            raise InputError(f"{self.path}: not a readable zip archive ({e}); is the file truncated?") from e
        if bad is not None:
            raise InputError(
                f"{self.path}: {bad} is damaged in the archive (CRC error); is the file truncated?"
            )
        files: dict[str, Path] = {}
        for name in names:
            stem = Path(name).name
            if stem.endswith(".csv") and stem[:-4] in TABLES:
                if stem[:-4] in files:
                    raise InputError(
                        f"{self.path}: holds {stem} twice ({self._zip_names[stem[:-4]]} and {name})"
                    )
                files[stem[:-4]] = self.path / name
                self._zip_names[stem[:-4]] = name
        return files

    def name(self, table: str) -> str:
        """How the file of ``table`` is named in rejects and errors."""
        return str(self.files[table])

    @contextmanager
    def open(self, table: str) -> Iterator[IO[str]]:
        if table in self._zip_names:
            with zipfile.ZipFile(self.path) as archive, archive.open(self._zip_names[table]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        else:
            with open(self.files[table], encoding="utf-8-sig", newline="") as f:
                yield f

    def _sniff(self, table: str) -> None:
        if table in self._zip_names:
            with zipfile.ZipFile(self.path) as archive, archive.open(self._zip_names[table]) as raw:
                head = raw.read(SNIFF_BYTES)
        else:
            with open(self.files[table], "rb") as f:
                head = f.read(SNIFF_BYTES)
        if b"\x00" in head:
            raise InputError(f"{self.name(table)}: a binary file, not a UTF-8 CSV; export the table as CSV")

    def _undecodable_line(self, table: str) -> int:
        """The number of the first line of ``table``'s file that is not UTF-8."""
        if table in self._zip_names:
            with zipfile.ZipFile(self.path) as archive, archive.open(self._zip_names[table]) as raw:
                lines = raw.read().split(b"\n")
        else:
            lines = self.files[table].read_bytes().split(b"\n")
        for number, line in enumerate(lines, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
        return len(lines)

    def header(self, table: str) -> list[str]:
        """The header of ``table``'s file, checked against the canonical columns."""
        self._sniff(table)
        try:
            with self.open(table) as f:
                first = next(csv.reader(f), None)
        except UnicodeDecodeError as e:
            bad = self._undecodable_line(table)
            raise InputError(
                f"{self.name(table)}:{bad}: not UTF-8 ({e.reason}); save the file as UTF-8"
            ) from e
        except csv.Error as e:
            raise InputError(f"{self.name(table)}:1: unreadable CSV header ({e})") from e
        return check_header(self.name(table), table, first)

    def rows(self, table: str) -> Iterator[Row]:
        """The rows of ``table`` (none when its file is absent), with file and line."""
        if table not in self.files:
            return
        columns = self.header(table)
        name = self.name(table)
        width = len(columns)
        with self.open(table) as f:
            reader = csv.reader(f)
            line = 1
            try:
                next(reader)
                start = reader.line_num + 1
                for fields in reader:
                    line = start
                    start = reader.line_num + 1
                    if not fields or fields == [""]:
                        continue
                    values: dict[str, str | None] = {c: None for c in TABLES[table].columns}
                    for column, value in zip(columns, fields, strict=False):
                        value = value.strip()
                        values[column] = value or None
                    if len(fields) != width:
                        values[ROW_ERROR] = f"has {len(fields)} fields where the header has {width}"
                    yield Row(table, values, name, line)
            except UnicodeDecodeError as e:
                bad = self._undecodable_line(table)
                raise InputError(f"{name}:{bad}: not UTF-8 ({e.reason}); save the file as UTF-8") from e
            except csv.Error as e:
                raise InputError(f"{name}:{reader.line_num}: malformed CSV ({e})") from e
            except (zipfile.BadZipFile, EOFError) as e:
                raise InputError(f"{name}: the archive is damaged after line {line} ({e})") from e

    def frame(self, table: str) -> pd.DataFrame:
        """The rows of ``table`` as a frame of strings with file and line (see :func:`frame_of`).

        A plain file (one line per row, no blank line, every row as wide as the header, UTF-8) is parsed
        by Arrow's CSV reader; anything else goes through :meth:`rows`, which names what is wrong.
        """
        if table not in self.files:
            return frame_of(table, [])
        columns = self.header(table)
        if table not in self._zip_names:
            fast = _arrow_frame(self.files[table], table, columns)
            if fast is not None:
                return fast
        return frame_of(table, [{**r.values, FILE: r.file, LINE: r.line} for r in self.rows(table)])


def _arrow_frame(path: Path, table: str, columns: list[str]) -> pd.DataFrame | None:
    """The file read by Arrow, or None when it is not plain (then the exact reader decides)."""
    data = path.read_bytes()
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    try:
        parsed = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=columns, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if parsed.num_rows != lines - 1:
        return None
    out: dict[str, object] = {}
    for name in TABLES[table].columns:
        if name in columns:
            values = pc.utf8_trim_whitespace(parsed[name])
            values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
            out[name] = values.to_pandas(types_mapper=pd.ArrowDtype)  # strings stay in Arrow memory
        else:
            out[name] = pd.Series(pa.nulls(parsed.num_rows, pa.string())).astype(pd.ArrowDtype(pa.string()))
    frame = pd.DataFrame(out)
    # a blank line fails the parse when there are several columns; with one, it is an empty row
    if len(columns) == 1 and frame[columns[0]].isna().any():
        return None
    frame[ROW_ERROR] = None
    frame[FILE] = str(path)
    frame[LINE] = range(2, parsed.num_rows + 2)
    return frame


def frames(path: Path) -> dict[str, pd.DataFrame]:
    """Every table of the canonical input at ``path`` as a frame of strings (for :func:`validate`)."""
    folder = check(path)
    return {table: folder.frame(table) for table in LOAD_ORDER}


def check_header(name: str, table: str, header: list[str] | None) -> list[str]:
    """The header's column names, or an :class:`InputError` that says what is wrong with them."""
    spec = TABLES[table]
    if not header:
        raise InputError(f"{name}:1: the file is empty; it needs the header {','.join(spec.required)}")
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in spec.columns]
    if unknown:
        raise InputError(
            f"{name}:1: unknown column(s) {', '.join(unknown)}; {table}.csv takes {', '.join(spec.columns)}"
        )
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    if doubled:
        raise InputError(f"{name}:1: column(s) {', '.join(doubled)} appear twice in the header")
    either = EITHER_OF.get(table, ())
    missing = [c for c in spec.required if c not in columns and c not in either]
    if either and not any(c in columns for c in either):
        missing.append(" or ".join(either))
    if missing:
        raise InputError(f"{name}:1: required column(s) {', '.join(missing)} missing from the header")
    return columns


def check(path: Path) -> Folder:
    """Open the input and check every file's header: one :class:`InputError` for the first problem."""
    folder = Folder(path)
    for table in LOAD_ORDER:
        if table in folder.files:
            folder.header(table)
    return folder


def read(path: Path) -> Iterator[Row]:
    """Every row of the canonical input at ``path``, table by table in ``LOAD_ORDER``."""
    folder = check(path)
    for table in LOAD_ORDER:
        yield from folder.rows(table)
