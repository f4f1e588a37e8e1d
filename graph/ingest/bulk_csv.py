"""The staged records as ``neo4j-admin database import`` CSV files: a header file and a data file per
node label and relationship type, with ``:ID``/``:START_ID``/``:END_ID`` id spaces and typed columns
(``int``, ``boolean``, ``date``, ``point{crs:WGS-84}``), holding the same graph as the online load.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.ingest.derive import LEVELS
from graph.ingest.staging import Record, Staging

Cells = Callable[[Record], list[Any]]


@dataclass(frozen=True)
class Group:
    """One import file: nodes (``kind == "nodes"``) or relationships, from staged datasets."""

    kind: str
    name: str  # label or relationship type
    datasets: tuple[str, ...]
    header: tuple[str, ...]
    cells: Cells
    where: Callable[[Record], bool] = lambda r: True


def _point(r: Record) -> str | None:
    return None if r["lat"] is None else f"{{latitude:{r['lat']!r}, longitude:{r['lon']!r}}}"


def _patent(r: Record) -> list[Any]:
    if "year" not in r:  # a stub of a cited patent
        return [r["id"], "Patent", None, None, None, None, None, None, None, "false"]
    date = r["filing_date"].isoformat() if r["filing_date"] else None
    return [
        r["id"],
        "Patent",
        r["year"],
        date,
        r["priority_year"],
        r["office"],
        r["kind"],
        r["family_id"],
        r["title"],
        "true",
    ]


def _applicant(r: Record) -> list[Any]:
    labels = "Applicant" if r["label"] is None else f"Applicant;{r['label']}"
    return [r["id"], labels, r["name"], r["type"], r["type_rule"]]


GROUPS: tuple[Group, ...] = (
    Group(
        "nodes",
        "TechField",
        ("tech_fields",),
        (":ID(TechField)", ":LABEL", "id:int", "name", "sector"),
        lambda r: [r["id"], "TechField", r["id"], r["name"], r["sector"]],
    ),
    Group(
        "nodes",
        "OwnershipType",
        ("ownership_types",),
        ("code:ID(OwnershipType)", ":LABEL", "name"),
        lambda r: [r["code"], "OwnershipType", r["name"]],
    ),
    Group(
        "nodes",
        "Country",
        ("countries",),
        ("code:ID(Country)", ":LABEL", "name"),
        lambda r: [r["code"], "Country", r["name"]],
    ),
    Group(
        "nodes",
        "IPC",
        ("ipc",),
        ("code:ID(IPC)", ":LABEL", "level", *LEVELS, "field:int", "title"),
        lambda r: [r["code"], "IPC", r["level"], *(r[k] for k in LEVELS), r["field"], r["title"]],
    ),
    Group(
        "nodes",
        "City",
        ("cities",),
        (
            "id:ID(City)",
            ":LABEL",
            "name",
            "country",
            "province",
            "location:point{crs:WGS-84}",
            "location_source",
        ),
        lambda r: [r["id"], "City", r["name"], r["country"], r["province"], _point(r), r["location_source"]],
    ),
    Group(
        "nodes",
        "Applicant",
        ("applicants",),
        ("id:ID(Applicant)", ":LABEL", "name", "type", "type_rule"),
        _applicant,
    ),
    Group(
        "nodes",
        "Inventor",
        ("inventors",),
        ("id:ID(Inventor)", ":LABEL", "name"),
        lambda r: [r["id"], "Inventor", r["name"]],
    ),
    Group(
        "nodes",
        "Patent",
        ("patents", "patent_stubs"),
        (
            "id:ID(Patent)",
            ":LABEL",
            "year:int",
            "filing_date:date",
            "priority_year:int",
            "office",
            "kind",
            "family_id",
            "title",
            "in_db:boolean",
        ),
        _patent,
    ),
    Group(
        "relationships",
        "PART_OF",
        ("ipc_parents",),
        (":START_ID(IPC)", ":END_ID(IPC)", ":TYPE"),
        lambda r: [r["code"], r["parent"], "PART_OF"],
    ),
    Group(
        "relationships",
        "IN_FIELD",
        ("ipc_fields",),
        (":START_ID(IPC)", ":END_ID(TechField)", ":TYPE"),
        lambda r: [r["code"], r["field"], "IN_FIELD"],
    ),
    Group(
        "relationships",
        "IN_COUNTRY",
        ("cities",),
        (":START_ID(City)", ":END_ID(Country)", ":TYPE"),
        lambda r: [r["id"], r["country"], "IN_COUNTRY"],
    ),
    Group(
        "relationships",
        "LOCATED_IN_A",
        ("applicants",),
        (":START_ID(Applicant)", ":END_ID(City)", ":TYPE"),
        lambda r: [r["id"], r["city_id"], "LOCATED_IN"],
        lambda r: r["city_id"] is not None,
    ),
    Group(
        "relationships",
        "LOCATED_IN_I",
        ("inventors",),
        (":START_ID(Inventor)", ":END_ID(City)", ":TYPE"),
        lambda r: [r["id"], r["city_id"], "LOCATED_IN"],
        lambda r: r["city_id"] is not None,
    ),
    Group(
        "relationships",
        "HAS_OWNERSHIP",
        ("ownership",),
        (":START_ID(Applicant)", ":END_ID(OwnershipType)", ":TYPE", "source"),
        lambda r: [r["applicant_id"], r["code"], "HAS_OWNERSHIP", r["source"]],
    ),
    Group(
        "relationships",
        "FILED_BY",
        ("patent_applicants",),
        (":START_ID(Patent)", ":END_ID(Applicant)", ":TYPE", "seq:int"),
        lambda r: [r["patent_id"], r["applicant_id"], "FILED_BY", r["seq"]],
    ),
    Group(
        "relationships",
        "INVENTED_BY",
        ("patent_inventors",),
        (":START_ID(Patent)", ":END_ID(Inventor)", ":TYPE", "seq:int"),
        lambda r: [r["patent_id"], r["inventor_id"], "INVENTED_BY", r["seq"]],
    ),
    Group(
        "relationships",
        "CLASSIFIED_AS",
        ("patent_ipc",),
        (":START_ID(Patent)", ":END_ID(IPC)", ":TYPE", "seq:int", "main:boolean"),
        lambda r: [r["patent_id"], r["code"], "CLASSIFIED_AS", r["seq"], "true" if r["main"] else "false"],
    ),
    Group(
        "relationships",
        "CITES",
        ("citations",),
        (":START_ID(Patent)", ":END_ID(Patent)", ":TYPE", "origin"),
        lambda r: [r["citing_id"], r["cited_id"], "CITES", r["origin"]],
    ),
)


@dataclass
class ImportFiles:
    """The files written, as ``(kind, header file, data file, rows)``, and whether a field spans lines."""

    folder: Path
    files: list[tuple[str, Path, Path, int]] = field(default_factory=list)
    multiline: bool = False

    def arguments(self) -> list[str]:
        """The ``--nodes=``/``--relationships=`` options of ``neo4j-admin database import full``."""
        args = [f"--{kind}={header},{data}" for kind, header, data, rows in self.files if rows]
        return [*args, f"--multiline-fields={'true' if self.multiline else 'false'}"]

    def rows(self, kind: str) -> int:
        return sum(rows for k, _, _, rows in self.files if k == kind)


def _records(staging: Staging, datasets: Iterable[str]) -> Iterable[Record]:
    for dataset in datasets:
        yield from staging.records(dataset)


def write(staging: Staging, folder: Path) -> ImportFiles:
    """Write every group's header and data file into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ImportFiles(folder)
    for group in GROUPS:
        header = folder / f"{group.name}.header.csv"
        data = folder / f"{group.name}.csv"
        with open(header, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerow(group.header)
        rows = 0
        # only node files hold free text (names, titles) that may span lines
        check = group.kind == "nodes"
        with open(data, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            for record in _records(staging, group.datasets):
                if group.where(record):
                    cells = group.cells(record)
                    if check and not out.multiline and any(
                        isinstance(c, str) and ("\n" in c or "\r" in c) for c in cells
                    ):
                        out.multiline = True
                    writer.writerow(cells)
                    rows += 1
        out.files.append((group.kind, header, data, rows))
    return out
