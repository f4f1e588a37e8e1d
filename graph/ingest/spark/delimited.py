"""Delimited text files read by Spark, each record with the physical line where it starts, as Python's csv
reader reads them in process: quoted fields may hold delimiters, doubled quotes and line breaks.

Every file of a read is read by Spark's text source (in the JVM, split as Spark splits files), and the lines
reach Python as Arrow batches with the start of their file split (``input_file_block_start``), in two passes
(two Spark jobs in all). The first finds, per split, the number of lines and whether a quoted field is still
open at its end, for either state at its start (the states of Python's csv parser); the driver chains them
into each split's start state and line offset. The second pass parses every record that starts and ends in
one split with the source's ``parse`` (Python's csv module; a line without quotes is split at once) and
sends the records back as Arrow batches; a record that crosses a split boundary leaves fragments, which are
collected and parsed on the driver (they are rare: one per boundary at most). Line 1 of each file is its
header and is not parsed.

Known difference: a line break inside a quoted field reads as ``\\n`` whatever it was in the file.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.ingest.validate import FILE, LINE
from hotspot_kg.core.errors import InputError
from hotspot_kg.spark.session import storage_level

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

START, FIELD, QUOTED = 0, 1, 2
# the order in which a reader gave the rows of a table, before their line: the rank of the source file
# (a table made from several files, as a PatentsView reader makes one); 0 for a canonical table
RANK = "_rank"
BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    """The delimiter, and csv's ``strict``: a closing quote not followed by the delimiter or the end of the
    line is an error that ends the record at that line (the rest of the line is dropped, as csv does)."""

    delimiter: str = ","
    strict: bool = False


COMMA = Dialect()

# A source's parser: the lines of one record and its first line's number (1-based) to its values (one per
# column of the source), or None for a blank line.
Parse = Callable[[list[str], int], "tuple[Any, ...] | None"]


@dataclass(frozen=True)
class Source:
    """One file of a read: where it is, the name its rows give as their file, and how a record is parsed."""

    path: Path
    name: str
    columns: tuple[str, ...]  # what ``parse`` returns, in order
    parse: Parse


def ends_inside(line: str, inside: bool, dialect: Dialect = COMMA) -> bool:
    """Whether a quoted field is open at the end of ``line`` (one physical line, without its line break),
    given whether one was open at its start: the states of Python's csv reader."""
    if '"' not in line:
        return inside
    delimiter = dialect.delimiter
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
            if after == delimiter:
                state = START
            elif dialect.strict:
                return False  # csv's error: the record ends here and the rest of the line is dropped
            else:
                state = FIELD  # csv (not strict) reads on in an unquoted field
            i = j + 2
        elif state == START:
            c = line[i]
            state = QUOTED if c == '"' else START if c == delimiter else FIELD
            i += 1
        else:  # in an unquoted field, a quote is text: only a delimiter starts a new field
            j = line.find(delimiter, i)
            if j < 0:
                return False
            state, i = START, j + 1
    return state == QUOTED


@dataclass(frozen=True)
class Part:
    """A partition of the union of the files: its source, and where it starts in its file."""

    source: int
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


def _summary(part: Part, lines: Iterable[str], dialect: Dialect) -> tuple[int, bool, bool]:
    """(lines, open at the end if closed at the start, open at the end if open at the start)."""
    count, closed, opened = 0, False, True
    for line in _lines(part.first, lines):
        count += 1
        closed = ends_inside(line, closed, dialect)
        opened = ends_inside(line, opened, dialect)
    return count, closed, opened


def _records(
    part: Part, lines: Iterable[str], parse: Parse, width: int, dialect: Dialect
) -> Iterator[tuple[Any, ...]]:
    """Rows ``(source, fragment, values..., line)`` of one partition: a record's values padded to ``width``
    with a null fragment, or a fragment's text with the 0-based number of its first line."""
    inside = head = part.inside  # the first lines end a record begun in an earlier partition
    number = first = part.offset
    pending: list[str] = []
    blank = (None,) * width
    source = part.source
    for line in _lines(part.first, lines):
        if not pending and not head and '"' not in line:  # a record of one line (most are), read at once
            if number > 0:
                values = parse([line], number + 1)
                if values is not None:
                    yield (source, None, *values, *blank[len(values) :], number + 1)
            number += 1
            continue
        if not pending:
            first = number
        pending.append(line)
        number += 1
        inside = ends_inside(line, inside, dialect)
        if inside:
            continue
        if head:
            yield (part.source, "\n".join(pending), *blank, first)
            head = False
        elif first > 0:  # the record at line 0 is the header
            values = parse(pending, first + 1)
            if values is not None:
                yield (part.source, None, *values, *blank[len(values) :], first + 1)
        pending = []
    if pending:
        yield (part.source, "\n".join(pending), *blank, first)


def stitch(fragments: list[tuple[int, str]], parse: Parse, dialect: Dialect) -> list[tuple[Any, ...]]:
    """The values and line of the records that cross partitions, from the fragments (first line, text) of
    one file."""
    rows: list[tuple[Any, ...]] = []
    pending: list[str] = []
    first, inside = 0, False
    for start, text in sorted(fragments):
        for k, line in enumerate(text.split("\n")):
            if not pending:
                first = start + k
            pending.append(line)
            inside = ends_inside(line, inside, dialect)
            if not inside:
                values = parse(pending, first + 1) if first > 0 else None
                if values is not None:
                    rows.append((*values, first + 1))
                pending = []
    if pending and first > 0:  # the file ends inside a quoted field: the parser says what csv makes of it
        values = parse(pending, first + 1)
        if values is not None:
            rows.append((*values, first + 1))
    return rows


def hadoop_path(path: Path) -> str:
    """``path`` as Hadoop reads it: a local file, with its glob characters escaped and commas (which would
    separate paths) as a glob alternation of one choice, ``{\\,}``."""
    escaped = re.sub(r"([\\{}\[\]*?])", r"\\\1", str(path.resolve())).replace(",", "{\\,}")
    return "file://" + escaped


def _segments(frames: Iterable[Any]) -> Iterator[tuple[tuple[int, int], Iterator[str]]]:
    """The lines of one Spark task's Arrow batches (columns ``_src``, ``_blk``, ``value``) grouped by file
    split, ``((source, split start), lines)``, in order: a task reads its splits one after another."""

    def rows() -> Iterator[tuple[tuple[int, int], str]]:
        for batch in frames:
            sources, starts, values = (batch.column(k).to_pylist() for k in range(3))
            yield from zip(zip(sources, starts, strict=True), values, strict=True)

    for key, group in itertools.groupby(rows(), key=lambda r: r[0]):
        yield key, (line for _, line in group)


def read(
    spark: SparkSession,
    sources: Sequence[Source],
    dialect: Dialect = COMMA,
    min_partitions: int | None = None,
    persisted: list[DataFrame] | None = None,
) -> list[DataFrame]:
    """One frame per source, of strings: the source's columns, ``_file`` (its name) and ``_line`` (where
    the record starts). The rows read are cached in one DataFrame, appended to ``persisted`` when given:
    unpersist it when done.

    The lines are read by Spark's text source (the JVM) and reach Python as Arrow batches, in file splits
    (``input_file_block_start``); the records go back as Arrow batches. ``min_partitions`` cuts the files
    into splits of at most the largest file's size over ``min_partitions`` (Spark's split size otherwise)."""
    import pyarrow as pa
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, IntegerType, LongType, StringType, StructField, StructType

    width = max(len(s.columns) for s in sources)
    parsers = [s.parse for s in sources]
    saved = spark.conf.get("spark.sql.files.maxPartitionBytes")
    if min_partitions:
        largest = max(s.path.stat().st_size for s in sources)
        spark.conf.set("spark.sql.files.maxPartitionBytes", str(max(1, -(-largest // min_partitions))))
    try:
        lines = union([
            spark.read.text(hadoop_path(s.path)).select(
                F.lit(k).alias("_src"), F.input_file_block_start().alias("_blk"), "value"
            )
            for k, s in enumerate(sources)
        ])  # fmt: skip

        def summaries(frames: Iterable[Any]) -> Iterator[Any]:
            out: list[list[Any]] = [[], [], [], [], []]
            for (source, start), text in _segments(frames):
                for column, value in zip(out, (source, start, *_summary(Part(source, start == 0), text, dialect)),
                                         strict=True):  # fmt: skip
                    column.append(value)
            types = [pa.int32(), pa.int64(), pa.int64(), pa.bool_(), pa.bool_()]
            arrays = [pa.array(c, t) for c, t in zip(out, types, strict=True)]
            yield pa.RecordBatch.from_arrays(arrays, names=["_src", "_blk", "_n", "_closed", "_opened"])

        summary = StructType([StructField("_src", IntegerType()), StructField("_blk", LongType()),
                              StructField("_n", LongType()), StructField("_closed", BooleanType()),
                              StructField("_opened", BooleanType())])  # fmt: skip
        parts: dict[tuple[int, int], Part] = {}
        inside, total, current = False, 0, -1
        for source, start, count, closed, opened in sorted(
            map(tuple, lines.mapInArrow(summaries, summary).collect())
        ):
            if source != current:
                inside, total, current = False, 0, source
            parts[(source, start)] = Part(source, start == 0, inside, total)
            inside = opened if inside else closed
            total += count

        names = ["_src", "_frag", *[f"_c{k}" for k in range(width)], LINE]
        types = [pa.int32(), *[pa.string()] * (width + 1), pa.int64()]

        def records(frames: Iterable[Any]) -> Iterator[Any]:
            for key, text in _segments(frames):
                part = parts[key]
                rows = _records(part, text, parsers[part.source], width, dialect)
                while chunk := list(itertools.islice(rows, 8192)):
                    columns = zip(*chunk, strict=True)
                    yield pa.RecordBatch.from_arrays(
                        [pa.array(list(c), t) for c, t in zip(columns, types, strict=True)], names=names
                    )

        fields = [StructField("_src", IntegerType()), StructField("_frag", StringType())]
        fields += [StructField(f"_c{k}", StringType()) for k in range(width)] + [
            StructField(LINE, LongType())
        ]
        # cached as columns (each batch of one file, so a table's reads skip the others'), and computed
        # now, while the split size holds
        wide = lines.mapInArrow(records, StructType(fields)).persist(storage_level(spark))
        wide.count()
    finally:
        if saved is None:
            spark.conf.unset("spark.sql.files.maxPartitionBytes")
        else:
            spark.conf.set("spark.sql.files.maxPartitionBytes", saved)
    if persisted is not None:
        persisted.append(wide)
    fragments: list[list[tuple[int, str]]] = [[] for _ in sources]
    for f in wide.where(F.col("_frag").isNotNull()).select("_src", LINE, "_frag").collect():
        fragments[f[0]].append((int(f[1]), str(f[2])))
    frames = []
    for k, s in enumerate(sources):
        rows = wide.where((F.col("_src") == k) & F.col("_frag").isNull()).select(
            *[F.col(f"_c{j}").alias(c) for j, c in enumerate(s.columns)], F.lit(s.name).alias(FILE), LINE
        )
        stitched = stitch(fragments[k], s.parse, dialect)
        if stitched:
            schema = StructType(
                [*[StructField(c, StringType()) for c in s.columns], StructField(LINE, LongType())]
            )
            extra = spark.createDataFrame(stitched, schema).select(
                *s.columns, F.lit(s.name).alias(FILE), LINE
            )
            rows = rows.unionByName(extra)
        frames.append(rows)
    return frames


def union(frames: list[DataFrame]) -> DataFrame:
    """The frames one after another, their columns matched by name."""
    out = frames[0]
    for more in frames[1:]:
        out = out.unionByName(more)
    return out


def check_utf8(path: Path, name: str, message: Callable[[int, str], str] | None = None) -> None:
    """An :class:`InputError` if the file is not UTF-8 throughout: ``message(line, reason)``, by default
    ``name:line: not UTF-8 (reason); save the file as UTF-8``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as e:
            bad = _undecodable_line(path)
            text = (
                message(bad, e.reason)
                if message
                else f"{name}:{bad}: not UTF-8 ({e.reason}); save the file as UTF-8"
            )
            raise InputError(text) from e


def _undecodable_line(path: Path) -> int:
    number = 0
    with open(path, "rb") as f:
        for number, line in enumerate(f, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return number
