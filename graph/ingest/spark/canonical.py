"""The canonical reader on Spark: each table file of a canonical folder as a DataFrame of strings.

A table's frame has the table's canonical columns (``TABLES[t].columns``, null where the header lacks one),
``_error`` (the reader's ``ROW_ERROR``, e.g. ``has 2 fields where the header has 8``), ``_file`` (the file
as :class:`graph.ingest.readers.canonical.Folder` names it) and ``_line`` (the physical line where the
record starts, as Python's csv reader counts them in ``Folder.rows``): the rows ``Folder.rows`` yields.

The input is opened and every header checked by the in-process :func:`canonical.check` first, so a bad
header is the same :class:`InputError` before Spark reads anything; each file is also decoded in full on
the driver (a streaming UTF-8 check), so a file that is not UTF-8 fails as in-process too.

The plain files are read by ``textFile``, all in one union, in two passes (two Spark jobs in all). The
first finds, per partition, the number of lines and whether a quoted field is still open at its end, for
either state at its start (the states of Python's csv parser, default dialect); the driver chains them
into each partition's start state and line offset. The second pass parses every record that starts and
ends in one partition with Python's csv module; a record that crosses a partition boundary leaves
fragments, which are collected and parsed on the driver (they are rare: one per boundary at most).
Blank lines are skipped and short or long rows get their ``_error``, as in ``Folder.rows``. A zip archive
is read through the in-process reader (``Folder.frame``) and handed to Spark as it is.

Known differences: a line break inside a quoted field reads as ``\\n`` whatever it was in the file
(``\\r\\n`` in-process), and csv errors of the in-process reader (a field over csv's size limit) are not
raised.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.ingest.readers import canonical
from graph.ingest.records import LOAD_ORDER, ROW_ERROR, TABLES
from graph.ingest.validate import FILE, LINE
from hotspot_kg.core.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

START, FIELD, QUOTED = 0, 1, 2
BOM = "\ufeff"


def ends_inside(line: str, inside: bool) -> bool:
    """Whether a quoted field is open at the end of ``line`` (one physical line, without its line break),
    given whether one was open at its start: the states of Python's csv reader, default dialect."""
    if '"' not in line:
        return inside
    state = QUOTED if inside else START
    i, n = 0, len(line)
    while i < n:
        if state == QUOTED:
            j = line.find('"', i)
            if j < 0:
                return True
            if j + 1 == n:
                return False  # the quote closes the field at the end of the line: the record ends
            after = line[j + 1]
            if after == '"':
                i = j + 2  # a doubled quote, still inside
                continue
            state = START if after == "," else FIELD  # csv (not strict) reads on in an unquoted field
            i = j + 2
        elif state == START:
            c = line[i]
            state = QUOTED if c == '"' else START if c == "," else FIELD
            i += 1
        else:  # in an unquoted field, a quote is text: only a delimiter starts a new field
            j = line.find(",", i)
            if j < 0:
                return False
            state, i = START, j + 1
    return state == QUOTED


@dataclass(frozen=True)
class Part:
    """A partition of the union of the files: its table, and where it starts in its file."""

    table: str
    first: bool  # the file's first partition
    inside: bool = False  # a quoted field is open at its start
    offset: int = 0  # the 0-based number of its first line in the file


def _lines(first: bool, lines: Iterable[str]) -> Iterator[str]:
    """The lines of a partition; the first line of the file loses its byte-order mark (``utf-8-sig``)."""
    for line in lines:
        if first and line.startswith(BOM):
            line = line[1:]
        first = False
        yield line


def _summary(part: Part, lines: Iterable[str]) -> tuple[int, bool, bool]:
    """(lines, open at the end if closed at the start, open at the end if open at the start)."""
    count, closed, opened = 0, False, True
    for line in _lines(part.first, lines):
        count += 1
        closed = ends_inside(line, closed)
        opened = ends_inside(line, opened)
    return count, closed, opened


def record(
    lines: list[str], number: int, columns: list[str], table: str, name: str
) -> tuple[Any, ...] | None:
    """The row of the record made of ``lines`` starting at physical line ``number`` (None: a blank line),
    exactly as ``Folder.rows`` makes it: the values by header name, stripped, empty as null."""
    fields = next(csv.reader(line + "\n" for line in lines), [])
    if not fields or fields == [""]:
        return None
    values: dict[str, str | None] = dict.fromkeys(TABLES[table].columns)
    for column, value in zip(columns, fields, strict=False):
        values[column] = value.strip() or None
    width = len(columns)
    error = f"has {len(fields)} fields where the header has {width}" if len(fields) != width else None
    return (*values.values(), error, name, number)


def _records(part: Part, lines: Iterable[str], columns: list[str], name: str) -> Iterator[tuple[Any, ...]]:
    """The rows of the records of one partition, and its fragments as rows with a null ``_file``:
    the lines in ``_error``, the 0-based number of their first line in ``_line``."""
    inside = head = part.inside  # the first lines end a record begun in an earlier partition
    number = first = part.offset
    pending: list[str] = []
    blank = (None,) * len(TABLES[part.table].columns)
    for line in _lines(part.first, lines):
        if not pending:
            first = number
        pending.append(line)
        number += 1
        inside = ends_inside(line, inside)
        if inside:
            continue
        if head:
            yield (*blank, "\n".join(pending), None, first)
            head = False
        elif first > 0:  # the record at line 0 is the header
            row = record(pending, first + 1, columns, part.table, name)
            if row is not None:
                yield row
        pending = []
    if pending:
        yield (*blank, "\n".join(pending), None, first)


def stitch(
    fragments: list[tuple[int, str]], columns: list[str], table: str, name: str
) -> list[tuple[Any, ...]]:
    """The rows of the records that cross partitions, from the fragments (first line, text) of all of them."""
    rows = []
    pending: list[str] = []
    first, inside = 0, False
    for start, text in sorted(fragments):
        for k, line in enumerate(text.split("\n")):
            if not pending:
                first = start + k
            pending.append(line)
            inside = ends_inside(line, inside)
            if not inside:
                row = record(pending, first + 1, columns, table, name) if first > 0 else None
                if row is not None:
                    rows.append(row)
                pending = []
    if pending and first > 0:  # the file ends inside a quoted field: csv (not strict) still yields it
        row = record(pending, first + 1, columns, table, name)
        if row is not None:
            rows.append(row)
    return rows


def schema(table: str) -> StructType:
    """A table frame's schema: its canonical columns, ``_error`` and ``_file`` as strings, and ``_line``."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    names = [*TABLES[table].columns, ROW_ERROR, FILE]
    return StructType([StructField(n, StringType()) for n in names] + [StructField(LINE, LongType())])


def check_utf8(path: Path, name: str) -> None:
    """An :class:`InputError` like the in-process reader's if the file is not UTF-8 throughout."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as e:
            bad = _undecodable_line(path)
            raise InputError(f"{name}:{bad}: not UTF-8 ({e.reason}); save the file as UTF-8") from e


def _undecodable_line(path: Path) -> int:
    number = 0
    with open(path, "rb") as f:
        for number, line in enumerate(f, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return number


def _wide(tables: list[str]) -> StructType:
    """One schema for the rows of several tables: the table's position, its columns by position, the rest."""
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    width = max(len(TABLES[t].columns) for t in tables)
    names = ["_table", *[f"_c{k}" for k in range(width)], ROW_ERROR, FILE]
    fields = [StructField(n, IntegerType() if n == "_table" else StringType()) for n in names]
    return StructType([*fields, StructField(LINE, LongType())])


def _plain(spark: SparkSession, folder: canonical.Folder, tables: list[str], min_partitions: int | None,
           persisted: list[DataFrame]) -> dict[str, DataFrame]:  # fmt: skip
    """The plain files of ``tables`` read by Spark in one union: two jobs for all of them."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    texts = [sc.textFile(hadoop_path(Path(folder.files[t])), min_partitions) for t in tables]
    parts = [
        Part(t, k == 0) for t, text in zip(tables, texts, strict=True) for k in range(text.getNumPartitions())
    ]
    union = sc.union(texts)
    summaries = union.mapPartitionsWithIndex(lambda i, lines: [_summary(parts[i], lines)]).collect()
    inside, total = False, 0
    for k, (part, (count, closed, opened)) in enumerate(zip(parts, summaries, strict=True)):
        if part.first:
            inside, total = False, 0
        parts[k] = Part(part.table, part.first, inside, total)
        inside = opened if inside else closed
        total += count
    columns = {t: folder.header(t) for t in tables}
    names = {t: folder.name(t) for t in tables}
    position = {t: k for k, t in enumerate(tables)}
    width = max(len(TABLES[t].columns) for t in tables)

    def parse(index: int, lines: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        part = parts[index]
        pad = (None,) * (width - len(TABLES[part.table].columns))
        for row in _records(part, lines, columns[part.table], names[part.table]):
            yield (position[part.table], *row[:-3], *pad, *row[-3:])

    wide = spark.createDataFrame(union.mapPartitionsWithIndex(parse), _wide(tables), verifySchema=False)
    wide = wide.persist(StorageLevel.MEMORY_AND_DISK)
    persisted.append(wide)
    fragments: dict[str, list[tuple[int, str]]] = {t: [] for t in tables}
    for f in wide.where(F.col(FILE).isNull()).select("_table", LINE, ROW_ERROR).collect():
        fragments[tables[f[0]]].append((int(f[1]), str(f[2])))
    frames = {}
    for t in tables:
        rows = wide.where((F.col("_table") == position[t]) & F.col(FILE).isNotNull()).select(
            *[F.col(f"_c{k}").alias(c) for k, c in enumerate(TABLES[t].columns)], ROW_ERROR, FILE, LINE
        )
        stitched = stitch(fragments[t], columns[t], t, names[t])
        frames[t] = rows.unionByName(spark.createDataFrame(stitched, schema(t))) if stitched else rows
    return frames


def hadoop_path(path: Path) -> str:
    """``path`` as Hadoop reads it: a local file, with its glob characters escaped and commas (which would
    separate paths) as a glob alternation of one choice, ``{\\,}``."""
    escaped = re.sub(r"([\\{}\[\]*?])", r"\\\1", str(path.resolve())).replace(",", "{\\,}")
    return "file://" + escaped


def _zipped(spark: SparkSession, folder: canonical.Folder, table: str) -> DataFrame:
    """A table of a zip archive, read by the in-process reader (``Folder.frame``)."""
    frame = folder.frame(table)
    records = frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None)
    return spark.createDataFrame(list(records), schema(table))


def frames(
    spark: SparkSession,
    path: Path,
    min_partitions: int | None = None,
    persisted: list[DataFrame] | None = None,
) -> dict[str, DataFrame]:
    """Every table file of the canonical input at ``path`` (in ``LOAD_ORDER``) as a DataFrame of strings;
    ``min_partitions`` is passed to ``textFile``. The rows read are persisted in one DataFrame, appended to
    ``persisted`` when given: unpersist it when done."""
    folder = canonical.check(path)
    present = [t for t in LOAD_ORDER if t in folder.files]
    plain = [t for t in present if Path(folder.files[t]).is_file()]  # not in a zip
    for t in plain:
        check_utf8(Path(folder.files[t]), folder.name(t))
    read = (
        _plain(spark, folder, plain, min_partitions, [] if persisted is None else persisted) if plain else {}
    )
    return {t: read[t] if t in read else _zipped(spark, folder, t) for t in present}
