"""The ``neo4j-admin database import`` CSV files written by Spark from the lake's tables, in parts.

The same groups, headers and cells as :mod:`graph.ingest.bulk_csv` (one header file per node label and
relationship type), but each data file is a folder of parts written by the Spark tasks, so no process
holds a table. Quotes inside values are doubled (the import's default), missing values are empty cells.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from graph.ingest.bulk_csv import GROUPS, Group, ImportFiles

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame


def _text(name: str) -> Column:
    from pyspark.sql import functions as F

    return F.col(name).cast("string")


def _cells(group: Group, frame: DataFrame, dataset: str) -> list[Column]:
    """The cells of ``group``'s data file from one of its datasets, one column per header column."""
    from pyspark.sql import functions as F

    lit = F.lit
    null = F.lit(None).cast("string")
    name = group.name
    if name == "Patent":
        if dataset == "patent_stubs":
            return [F.col("id"), lit("Patent"), *[null] * 7, lit("false")]
        return [F.col("id"), lit("Patent"), _text("year"), F.date_format("filing_date", "yyyy-MM-dd"),
                _text("priority_year"), F.col("office"), F.col("kind"), F.col("family_id"), F.col("title"),
                lit("true")]  # fmt: skip
    if name == "Applicant":
        labels = F.when(F.col("label").isNotNull(), F.concat(lit("Applicant;"), F.col("label"))).otherwise(
            lit("Applicant")
        )
        return [F.col("id"), labels, F.col("name"), F.col("type"), F.col("type_rule")]
    if name == "City":
        point = F.when(
            F.col("lat").isNotNull(),
            F.concat(lit("{latitude:"), _text("lat"), lit(", longitude:"), _text("lon"), lit("}")),
        )
        return [F.col("id"), lit("City"), F.col("name"), F.col("country"), F.col("province"), point,
                F.col("location_source")]  # fmt: skip
    if name == "TechField":
        return [_text("id"), lit("TechField"), _text("id"), F.col("name"), F.col("sector")]
    if name == "Inventor":
        return [F.col("id"), lit("Inventor"), F.col("name")]
    if name in ("OwnershipType", "Country"):
        return [F.col("code"), lit(name), F.col("name")]
    if name == "IPC":
        levels = ("section", "class", "subclass", "main_group", "group")
        return [F.col("code"), lit("IPC"), F.col("level"), *[F.col(k) for k in levels], _text("field"),
                F.col("title")]  # fmt: skip
    return _relationship(group, frame)


# relationship groups: (start column, end column, type, extra property columns)
_RELS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "PART_OF": ("code", "parent", "PART_OF", ()),
    "IN_FIELD": ("code", "field", "IN_FIELD", ()),
    "IN_COUNTRY": ("id", "country", "IN_COUNTRY", ()),
    "LOCATED_IN_A": ("id", "city_id", "LOCATED_IN", ()),
    "LOCATED_IN_I": ("id", "city_id", "LOCATED_IN", ()),
    "HAS_OWNERSHIP": ("applicant_id", "code", "HAS_OWNERSHIP", ("source",)),
    "FILED_BY": ("patent_id", "applicant_id", "FILED_BY", ("seq",)),
    "INVENTED_BY": ("patent_id", "inventor_id", "INVENTED_BY", ("seq",)),
    "CLASSIFIED_AS": ("patent_id", "code", "CLASSIFIED_AS", ("seq", "main")),
    "CITES": ("citing_id", "cited_id", "CITES", ("origins",)),
}


def _relationship(group: Group, frame: DataFrame) -> list[Column]:
    from pyspark.sql import functions as F

    start, end, kind, extra = _RELS[group.name]
    return [_text(start), _text(end), F.lit(kind), *[_text(e) for e in extra]]


def _spans_lines(frame: DataFrame) -> bool:
    from pyspark.sql import functions as F

    texts = [F.col(f.name) for f in frame.schema.fields if f.dataType.simpleString() == "string"]
    if not texts:
        return False
    spans = (
        F.greatest(*[F.coalesce(c.rlike("[\r\n]"), F.lit(False)) for c in texts])
        if len(texts) > 1
        else (F.coalesce(texts[0].rlike("[\r\n]"), F.lit(False)))
    )
    return bool(frame.filter(spans).limit(1).count())


def write(tables: dict[str, DataFrame], folder: Path) -> ImportFiles:
    """Write every group's header file and its data parts (``GROUP/part-*.csv``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ImportFiles(folder)
    for group in GROUPS:
        header = folder / f"{group.name}.header.csv"
        header.write_text(",".join(group.header) + "\n", encoding="utf-8")
        parts: list[Path] = []
        rows = 0
        for k, dataset in enumerate(group.datasets):
            frame = tables[dataset]
            if group.where is not None:
                frame = frame.filter(frame[group.where].isNotNull())
            cells = frame.select(*[c.alias(f"c{i}") for i, c in enumerate(_cells(group, frame, dataset))])
            target = folder / f"{group.name}-{k}"
            shutil.rmtree(target, ignore_errors=True)
            (cells.write.option("header", "false").option("quote", '"').option("escape", '"')
             .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
             .option("lineSep", "\n").option("encoding", "UTF-8").csv(str(target)))  # fmt: skip
            written = sorted(p for p in target.glob("part-*.csv") if p.stat().st_size)
            parts.extend(written)
            rows += cells.count() if written else 0
            if group.kind == "nodes" and not out.multiline:
                out.multiline = _spans_lines(cells)
        out.files.append((group.kind, header, parts, rows))
    return out
