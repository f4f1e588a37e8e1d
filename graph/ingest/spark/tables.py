"""The delimited source tables of PatentsView (TSV) and PATSTAT (CSV) read by Spark, row for row as the
in-process :func:`graph.ingest.readers.tables.read_table` reads them.

Each file becomes a frame of strings: the columns asked for (null where the header lacks an optional one),
``_error`` (the problem of a row that cannot be used: a wrong number of fields, malformed quoting, a
quoted field open at the end of the file, in ``read_table``'s words), ``_file`` (the file's path, as the
in-process reader names it) and ``_line`` (where the record starts). Values are stripped, and the null
markers of :data:`~graph.ingest.readers.tables.NULLS` (``NULL``, ``\\N``, empty...) are null.

Headers are checked on the driver by the in-process functions first, so a table that cannot be read is the
same :class:`InputError` before Spark reads anything. A zipped table (PatentsView ships ``.tsv.zip``) is
unpacked once into ``scratch`` (Spark cannot split a zip), checked as UTF-8 on the way; a plain file is
checked as UTF-8 in one streaming pass.
"""

from __future__ import annotations

import codecs
import csv
import shutil
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.ingest.readers import tables as local
from graph.ingest.records import ROW_ERROR
from graph.ingest.spark import delimited
from hotspot_kg.core.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


@dataclass(frozen=True)
class Table:
    """What to read of one source table: its files, and the columns wanted (``optional`` ones may be
    absent from a header)."""

    files: Sequence[Path]
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()


def record(
    lines: list[str], number: int, header: list[str], wanted: tuple[str, ...], delimiter: str
) -> tuple[Any, ...] | None:
    """The wanted values and ``_error`` of one record, as ``read_table`` makes its row (None: blank)."""
    blank = (None,) * len(wanted)
    line = lines[0]
    if len(lines) == 1 and '"' not in line and "\r" not in line and "\x00" not in line:
        fields = line.split(delimiter) if line else []  # what csv makes of a line without quotes, faster
    else:
        try:
            reader = csv.reader((x + "\n" for x in lines), delimiter=delimiter, quotechar='"', strict=True)
            fields = next(reader, [])
        except csv.Error as e:
            return (*blank, local._quoting(e, number, number + len(lines) - 1))
    if not fields:
        return None
    if len(fields) != len(header):
        return (*blank, f"{len(fields)} fields where the header has {len(header)}")
    values = {k: v.strip() for k, v in zip(header, fields, strict=True)}
    return (*[None if (v := values.get(c)) is None or v in local.NULLS else v for c in wanted], None)


def plain(path: Path, scratch: Path) -> Path:
    """A plain file to read: ``path`` itself, checked as UTF-8, or the table of a zip unpacked in ``scratch``."""
    if path.suffix.lower() != ".zip":
        delimited.check_utf8(path, str(path), partial(_not_utf8, path))
        return path
    scratch.mkdir(parents=True, exist_ok=True)
    target = scratch / f"{len(list(scratch.iterdir())):04d}-{path.stem}"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with zipfile.ZipFile(path) as archive, open(target, "wb") as out:
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise InputError(
                    f"{path}: expected one table in the archive, found {len(members)}: {members[:5]}"
                )
            with archive.open(members[0]) as raw:
                while chunk := raw.read(1 << 22):
                    decoder.decode(chunk)
                    out.write(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as e:
        target.unlink(missing_ok=True)
        line = local._undecodable_line(path) or 1
        raise InputError(_not_utf8(path, line, e.reason)) from None
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as e:
        target.unlink(missing_ok=True)
        raise InputError(
            f"{path}: not a readable zip archive, or a damaged one ({e}); download it again"
        ) from None
    return target


def _not_utf8(path: Path, line: int, reason: str) -> str:
    return f"{path} line {line}: bytes that are not UTF-8 ({reason}); re-encode as UTF-8"


def read(
    spark: SparkSession,
    tables: dict[str, Table],
    delimiter: str,
    scratch: Path,
    persisted: list[DataFrame] | None = None,
    min_partitions: int | None = None,
) -> dict[str, list[DataFrame]]:
    """The frames of each table's files (in the order of ``files``), all read in one pass of Spark jobs;
    ``scratch`` holds the unpacked zips (remove it when the frames are no longer read)."""
    sources, names = [], []
    for name, table in tables.items():
        for path in table.files:
            header = local.header(path, delimiter)
            missing = [c for c in table.columns if c not in header]
            if missing:
                raise InputError(
                    f"{path} line 1: missing column(s) {', '.join(missing)}; found {', '.join(header[:12])}. "
                    f"Is this the right table, delimited by {delimiter!r}?"
                )
            wanted = (*table.columns, *table.optional)
            parse = partial(record, header=header, wanted=wanted, delimiter=delimiter)
            sources.append(delimited.Source(plain(path, scratch), str(path), (*wanted, ROW_ERROR), parse))
            names.append(name)
    dialect = delimited.Dialect(delimiter, strict=True)
    frames = delimited.read(spark, sources, dialect, min_partitions, persisted) if sources else []
    out: dict[str, list[DataFrame]] = {name: [] for name in tables}
    for name, frame in zip(names, frames, strict=True):
        out[name].append(frame)
    return out


def remove(scratch: Path) -> None:
    """Delete the unpacked zips."""
    shutil.rmtree(scratch, ignore_errors=True)
