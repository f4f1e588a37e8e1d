"""The staged records as ``neo4j-admin database import`` CSV files: a header file and a data file per
node label and relationship type, with ``:ID``/``:START_ID``/``:END_ID`` id spaces and typed columns
(``int``, ``boolean``, ``date``, ``point{crs:WGS-84}``), holding the same graph as the online load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from graph.ingest.derive import LEVELS
from graph.ingest.staging import Staging

# a dataset's frame -> the cells of the group's data file, one column per header column
Cells = Callable[[pd.DataFrame], dict[str, pd.Series | str]]


@dataclass(frozen=True)
class Group:
    """One import file: nodes (``kind == "nodes"``) or relationships, from staged datasets."""

    kind: str
    name: str
    datasets: tuple[str, ...]
    header: tuple[str, ...]
    cells: Cells
    where: str | None = None  # a column that must hold a value for the row to be written


def _point(f: pd.DataFrame) -> pd.Series:
    text = "{latitude:" + f["lat"].map(repr) + ", longitude:" + f["lon"].map(repr) + "}"
    return text.where(f["lat"].notna(), None)


def _patent(f: pd.DataFrame) -> dict[str, pd.Series | str]:
    if "year" not in f:  # the stubs of cited patents
        return {"id": f["id"], "label": "Patent", "in_db": "false"}
    date = f["filing_date"].map(lambda d: d.isoformat(), na_action="ignore")
    return {"id": f["id"], "label": "Patent", "year": f["year"], "filing_date": date,
            "priority_year": f["priority_year"], "office": f["office"], "kind": f["kind"],
            "family_id": f["family_id"], "title": f["title"], "in_db": "true"}  # fmt: skip


def _applicant(f: pd.DataFrame) -> dict[str, pd.Series | str]:
    labels = ("Applicant;" + f["label"]).where(f["label"].notna(), "Applicant")
    return {
        "id": f["id"],
        "labels": labels,
        "name": f["name"],
        "type": f["type"],
        "type_rule": f["type_rule"],
    }


def _rel(start: str, end: str, kind: str, *extra: str) -> Cells:
    return lambda f: {"start": f[start], "end": f[end], "type": kind, **{e: f[e] for e in extra}}


def _main(f: pd.DataFrame) -> dict[str, pd.Series | str]:
    main = f["main"].map({True: "true", False: "false"})
    return {"start": f["patent_id"], "end": f["code"], "type": "CLASSIFIED_AS", "seq": f["seq"], "main": main}


GROUPS: tuple[Group, ...] = (
    Group("nodes", "TechField", ("tech_fields",), (":ID(TechField)", ":LABEL", "id:int", "name", "sector"),
          lambda f: {"key": f["id"], "label": "TechField", "id": f["id"], "name": f["name"],
                     "sector": f["sector"]}),
    Group("nodes", "OwnershipType", ("ownership_types",), ("code:ID(OwnershipType)", ":LABEL", "name"),
          lambda f: {"code": f["code"], "label": "OwnershipType", "name": f["name"]}),
    Group("nodes", "Country", ("countries",), ("code:ID(Country)", ":LABEL", "name"),
          lambda f: {"code": f["code"], "label": "Country", "name": f["name"]}),
    Group("nodes", "IPC", ("ipc",), ("code:ID(IPC)", ":LABEL", "level", *LEVELS, "field:int", "title"),
          lambda f: {"code": f["code"], "label": "IPC", "level": f["level"], **{k: f[k] for k in LEVELS},
                     "field": f["field"], "title": f["title"]}),
    Group("nodes", "City", ("cities",),
          ("id:ID(City)", ":LABEL", "name", "country", "province", "location:point{crs:WGS-84}",
           "location_source"),
          lambda f: {"id": f["id"], "label": "City", "name": f["name"], "country": f["country"],
                     "province": f["province"], "location": _point(f),
                     "location_source": f["location_source"]}),
    Group("nodes", "Applicant", ("applicants",), ("id:ID(Applicant)", ":LABEL", "name", "type", "type_rule"),
          _applicant),
    Group("nodes", "Inventor", ("inventors",), ("id:ID(Inventor)", ":LABEL", "name"),
          lambda f: {"id": f["id"], "label": "Inventor", "name": f["name"]}),
    Group("nodes", "Patent", ("patents", "patent_stubs"),
          ("id:ID(Patent)", ":LABEL", "year:int", "filing_date:date", "priority_year:int", "office", "kind",
           "family_id", "title", "in_db:boolean"),
          _patent),
    Group("relationships", "PART_OF", ("ipc_parents",), (":START_ID(IPC)", ":END_ID(IPC)", ":TYPE"),
          _rel("code", "parent", "PART_OF")),
    Group("relationships", "IN_FIELD", ("ipc_fields",), (":START_ID(IPC)", ":END_ID(TechField)", ":TYPE"),
          _rel("code", "field", "IN_FIELD")),
    Group("relationships", "IN_COUNTRY", ("cities",), (":START_ID(City)", ":END_ID(Country)", ":TYPE"),
          _rel("id", "country", "IN_COUNTRY")),
    Group("relationships", "LOCATED_IN_A", ("applicants",), (":START_ID(Applicant)", ":END_ID(City)", ":TYPE"),
          _rel("id", "city_id", "LOCATED_IN"), where="city_id"),
    Group("relationships", "LOCATED_IN_I", ("inventors",), (":START_ID(Inventor)", ":END_ID(City)", ":TYPE"),
          _rel("id", "city_id", "LOCATED_IN"), where="city_id"),
    Group("relationships", "HAS_OWNERSHIP", ("ownership",),
          (":START_ID(Applicant)", ":END_ID(OwnershipType)", ":TYPE", "source"),
          _rel("applicant_id", "code", "HAS_OWNERSHIP", "source")),
    Group("relationships", "FILED_BY", ("patent_applicants",),
          (":START_ID(Patent)", ":END_ID(Applicant)", ":TYPE", "seq:int"),
          _rel("patent_id", "applicant_id", "FILED_BY", "seq")),
    Group("relationships", "INVENTED_BY", ("patent_inventors",),
          (":START_ID(Patent)", ":END_ID(Inventor)", ":TYPE", "seq:int"),
          _rel("patent_id", "inventor_id", "INVENTED_BY", "seq")),
    Group("relationships", "CLASSIFIED_AS", ("patent_ipc",),
          (":START_ID(Patent)", ":END_ID(IPC)", ":TYPE", "seq:int", "main:boolean"), _main),
    Group("relationships", "CITES", ("citations",),
          (":START_ID(Patent)", ":END_ID(Patent)", ":TYPE", "origins:string[]"),  # ;-joined, the default
          _rel("citing_id", "cited_id", "CITES", "origins")),
)  # fmt: skip


@dataclass
class ImportFiles:
    """The files written, as ``(kind, header file, data files, rows)``, and whether a field spans lines."""

    folder: Path
    files: list[tuple[str, Path, list[Path], int]] = field(default_factory=list)
    multiline: bool = False

    def arguments(self) -> list[str]:
        """The ``--nodes=``/``--relationships=`` options of ``neo4j-admin database import full``."""
        args = [
            f"--{kind}={','.join(str(p) for p in (header, *data))}"
            for kind, header, data, rows in self.files
            if rows
        ]
        return [*args, f"--multiline-fields={'true' if self.multiline else 'false'}"]

    def rows(self, kind: str) -> int:
        return sum(rows for k, _, _, rows in self.files if k == kind)


def _table(group: Group, frame: pd.DataFrame) -> pa.Table:
    """The group's cells of one dataset as an Arrow table with one column per header column."""
    if group.where is not None:
        frame = frame[frame[group.where].notna()]
    cells = group.cells(frame)
    columns = []
    for cell in cells.values():
        if isinstance(cell, str):
            columns.append(pa.array([cell] * len(frame), pa.string()))
        elif isinstance(cell.dtype, pd.ArrowDtype):
            columns.append(pa.array(cell.array))  # zero-copy
        else:
            columns.append(pa.array(cell.astype(object).where(cell.notna(), None).tolist(), from_pandas=True))
    width = len(group.header)
    while len(columns) < width:  # a stub has no year, date, ...: null cells before in_db
        columns.insert(len(columns) - 1, pa.nulls(len(frame)))
    return pa.Table.from_arrays(columns, names=[f"c{i}" for i in range(width)])


def _spans_lines(table: pa.Table) -> bool:
    for column in table.columns:
        if pa.types.is_string(column.type) and pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py():
            return True
    return False


def write(staging: Staging, folder: Path) -> ImportFiles:
    """Write every group's header and data file into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ImportFiles(folder)
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for group in GROUPS:
        header = folder / f"{group.name}.header.csv"
        data = folder / f"{group.name}.csv"
        header.write_text(",".join(group.header) + "\n", encoding="utf-8")
        rows = 0
        with pa.OSFile(str(data), "wb") as sink:
            for dataset in group.datasets:
                frame = staging.frame(dataset)
                if not len(frame):
                    continue
                table = _table(group, frame)
                # only node files hold free text (names, titles) that may span lines
                if group.kind == "nodes" and not out.multiline:
                    out.multiline = _spans_lines(table)
                pacsv.write_csv(table, sink, options)
                rows += table.num_rows
        out.files.append((group.kind, header, [data], rows))
    return out
