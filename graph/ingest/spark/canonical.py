"""The canonical reader on Spark: each table file of a canonical folder as a DataFrame of strings.

A table's frame has the table's canonical columns (``TABLES[t].columns``, null where the header lacks one),
``_error`` (the reader's ``ROW_ERROR``, e.g. ``has 2 fields where the header has 8``), ``_file`` (the file
as :class:`graph.ingest.readers.canonical.Folder` names it) and ``_line`` (the physical line where the
record starts, as Python's csv reader counts them in ``Folder.rows``): the rows ``Folder.rows`` yields.

The input is opened and every header checked by the in-process :func:`canonical.check` first, so a bad
header is the same :class:`InputError` before Spark reads anything; each file is also decoded in full on
the driver (a streaming UTF-8 check), so a file that is not UTF-8 fails as in-process too.

The plain files are read by :mod:`graph.ingest.spark.delimited`, all in one union (two Spark jobs), each
record parsed with Python's csv module (default dialect, not strict). Blank lines are skipped and short or
long rows get their ``_error``, as in ``Folder.rows``. A zip archive is read through the in-process reader
(``Folder.frame``) and handed to Spark as it is.

Known differences: a line break inside a quoted field reads as ``\\n`` whatever it was in the file
(``\\r\\n`` in-process), and csv errors of the in-process reader (a field over csv's size limit) are not
raised.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.ingest.readers import canonical
from graph.ingest.records import LOAD_ORDER, ROW_ERROR, TABLES
from graph.ingest.spark import delimited
from graph.ingest.validate import FILE, LINE

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType


@functools.cache
def parser(columns: tuple[str, ...], table: str) -> delimited.Parse:
    """The parser of the records of a file with header ``columns`` of ``table``: a record's values and
    ``_error`` (None: a blank line), exactly as ``Folder.rows`` makes them: the values by header name,
    stripped, empty as null; a header name given twice takes the later field. The header's positions are
    worked out once."""
    width = len(columns)
    where = {c: k for k, c in enumerate(columns)}
    pick = [where.get(c, width) for c in TABLES[table].columns]  # width: the null after the fields

    def parse(lines: list[str], number: int) -> tuple[Any, ...] | None:
        del number  # the line is the reader's to add
        line = lines[0]
        if len(lines) == 1 and '"' not in line and "\r" not in line and "\x00" not in line:
            fields = line.split(",")  # what csv makes of a line without quotes, much faster
        else:
            fields = next(csv.reader(line + "\n" for line in lines), [])
        if not fields or fields == [""]:
            return None
        n = len(fields)
        values = [f.strip() or None for f in fields[:width]]
        values += [None] * (width + 1 - len(values))
        error = f"has {n} fields where the header has {width}" if n != width else None
        return (*[values[k] for k in pick], error)

    return parse


def schema(table: str) -> StructType:
    """A table frame's schema: its canonical columns, ``_error`` and ``_file`` as strings, and ``_line``."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    names = [*TABLES[table].columns, ROW_ERROR, FILE]
    return StructType([StructField(n, StringType()) for n in names] + [StructField(LINE, LongType())])


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
        delimited.check_utf8(Path(folder.files[t]), folder.name(t))
    sources = [
        delimited.Source(Path(folder.files[t]), folder.name(t), (*TABLES[t].columns, ROW_ERROR),
                         parser(tuple(folder.header(t)), t))
        for t in plain
    ]  # fmt: skip
    read = {}
    if sources:
        got = delimited.read(spark, sources, min_partitions=min_partitions, persisted=persisted)
        read = dict(zip(plain, got, strict=True))
    return {t: read[t] if t in read else _zipped(spark, folder, t) for t in present}
