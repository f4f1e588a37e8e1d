"""Online load: staged records into a running Neo4j, in batches of ``UNWIND $rows`` queries.

Each batch is one managed write transaction (``session.execute_write``, retried on transient errors).
The shared nodes (fields, IPC codes, cities, applicants, inventors, ...) are MERGEd on their keys. The
patents go in batches of whole patents, each with all its links: a patent not yet in the graph is
created with its links by one statement (``load_patents_new``: CREATE, no relationship lookups); a
patent already loaded is updated with MERGE queries instead. A patent and its links commit together,
so a re-run adds nothing and a run killed midway completes on the next run without duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from neo4j import Driver, ManagedTransaction
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from graph.ingest import schema
from graph.ingest.staging import Record, Staging, records_of
from hotspot_kg.core import queries

DEFAULT_BATCH_SIZE = 5_000
# A patent row carries its links (about ten rows of the input): patents per transaction = batch size / 10.
ROWS_PER_PATENT = 10

# (dataset in the staging, query graph/cypher/<name>.cypher), in load order; then the patents.
STEPS: tuple[tuple[str, str], ...] = (
    ("tech_fields", "load_tech_fields"),
    ("ownership_types", "load_ownership_types"),
    ("countries", "load_countries"),
    ("ipc", "load_ipc"),
    ("ipc_parents", "load_ipc_parents"),
    ("ipc_fields", "load_ipc_fields"),
    ("cities", "load_cities"),
    ("applicants", "load_applicants"),
    ("inventors", "load_inventors"),
    ("ownership", "load_ownership"),
    ("patent_stubs", "load_patent_stubs"),
)
# A patent's links: dataset, the column naming the other end, and the lists of a patent row they fill.
LINKS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("patent_applicants", "patent_id", {"applicant_id": "applicants", "seq": "applicant_seqs"}),
    ("patent_inventors", "patent_id", {"inventor_id": "inventors", "seq": "inventor_seqs"}),
    ("patent_ipc", "patent_id", {"code": "codes", "seq": "code_seqs", "main": "code_mains"}),
    ("citations", "citing_id", {"cited_id": "cited", "origins": "cited_origins"}),
)
# The MERGE queries that update a patent already loaded, with the dataset of each.
UPDATES: tuple[tuple[str, str], ...] = (
    ("patents", "load_patents"),
    ("patent_applicants", "load_filed_by"),
    ("patent_inventors", "load_invented_by"),
    ("patent_ipc", "load_classified_as"),
    ("citations", "load_cites"),
)

NODE_LABELS = (
    "Patent",
    "Applicant",
    "Firm",
    "University",
    "ResearchInstitute",
    "Individual",
    "Government",
    "Inventor",
    "City",
    "Country",
    "IPC",
    "TechField",
    "OwnershipType",
)
RELATIONSHIP_TYPES = (
    "FILED_BY",
    "INVENTED_BY",
    "LOCATED_IN",
    "IN_COUNTRY",
    "HAS_OWNERSHIP",
    "CLASSIFIED_AS",
    "PART_OF",
    "IN_FIELD",
    "CITES",
)

# Called after each batch with (dataset, batch number); the tests use it to kill a load midway.
BatchHook = Callable[[str, int], None]


class RateColumn(ProgressColumn):
    """Rows per second of a progress task."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="progress.data.speed")


@dataclass(frozen=True)
class Counts:
    """Node counts by label and relationship counts by type."""

    nodes: dict[str, int]
    relationships: dict[str, int]

    def minus(self, before: Counts) -> Counts:
        return Counts(
            {k: v - before.nodes.get(k, 0) for k, v in self.nodes.items()},
            {k: v - before.relationships.get(k, 0) for k, v in self.relationships.items()},
        )


def counts(driver: Driver, database: str | None = None) -> Counts:
    """How many nodes of each label and relationships of each type the graph holds."""
    found: dict[str, dict[str, int]] = {
        "node": dict.fromkeys(NODE_LABELS, 0),
        "relationship": dict.fromkeys(RELATIONSHIP_TYPES, 0),
    }
    # labels and types not yet created would each raise a warning: counting them is the point here
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        for record in session.run(queries.load("load_counts").text):
            found[record["kind"]][record["name"]] = int(record["count"])
    return Counts(found["node"], found["relationship"])


def _write(tx: ManagedTransaction, text: str, rows: list[Record]) -> None:
    tx.run(text, rows=rows).consume()


def write_batches(
    driver: Driver,
    query: str,
    batches: Iterable[list[Record]],
    *,
    database: str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Run the named ``query`` once per batch, each batch in its own managed write transaction."""
    text = queries.load(query).text
    written = 0
    with driver.session(database=database) as session:
        for batch in batches:
            session.execute_write(_write, text, batch)
            written += len(batch)
            if on_batch is not None:
                on_batch(len(batch))
    return written


PATENT_COLUMNS = ("id", "year", "filing_date", "priority_year", "office", "kind", "family_id", "title")


def patent_rows(staging: Staging) -> pd.DataFrame:
    """One row per staged patent, with its links as parallel lists (empty when it has none)."""
    patents = staging.frame("patents")
    rows = (
        patents[list(PATENT_COLUMNS)].astype(object) if len(patents) else pd.DataFrame(columns=PATENT_COLUMNS)
    )
    for dataset, key, columns in LINKS:
        links = staging.frame(dataset)
        grouped = (
            links.astype(object).groupby(key, sort=False)[list(columns)].agg(list) if len(links) else None
        )
        for column, name in columns.items():
            found = rows["id"].map(grouped[column]) if grouped is not None else pd.Series(index=rows.index)
            rows[name] = [v if isinstance(v, list) else [] for v in found]
    return rows


def _flat(rows: list[Record]) -> dict[str, list[Record]]:
    """The records of the MERGE queries (``UPDATES``) for the patent rows ``rows``."""
    out: dict[str, list[Record]] = {name: [] for name, _ in UPDATES}
    for row in rows:
        out["patents"].append({c: row[c] for c in PATENT_COLUMNS})
        for dataset, key, columns in LINKS:
            names = list(columns)
            for values in zip(*(row[columns[c]] for c in names), strict=True):
                out[dataset].append({key: row["id"], **dict(zip(names, values, strict=True))})
    return out


def _write_patents(tx: ManagedTransaction, rows: list[Record], texts: dict[str, str]) -> None:
    ids = [row["id"] for row in rows]
    loaded = set(tx.run(texts["load_patents_existing"], ids=ids).value("id"))
    new = [row for row in rows if row["id"] not in loaded]
    if new:
        tx.run(texts["load_patents_new"], rows=new).consume()
    old = [row for row in rows if row["id"] in loaded]
    if old:
        flat = _flat(old)
        for dataset, query in UPDATES:
            if flat[dataset]:
                tx.run(texts[query], rows=flat[dataset]).consume()


def write_patents(
    driver: Driver,
    staging: Staging,
    batch_size: int,
    *,
    database: str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Load the staged patents with their links, ``batch_size`` patents per transaction."""
    names = ["load_patents_existing", "load_patents_new", *(q for _, q in UPDATES)]
    texts = {name: queries.load(name).text for name in names}
    rows = patent_rows(staging)
    written = 0
    with driver.session(database=database) as session:
        for start in range(0, len(rows), batch_size):
            batch = records_of(rows.iloc[start : start + batch_size])
            session.execute_write(_write_patents, batch, texts)
            written += len(batch)
            if on_batch is not None:
                on_batch(len(batch))
    return written


def progress(console: Console | None = None) -> Progress:
    return Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def load(
    driver: Driver,
    staging: Staging,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    console: Console | None = None,
    hook: BatchHook | None = None,
) -> Counts:
    """Ensure the schema, then load every staged dataset; return what was created, by label and type."""
    schema.ensure(driver, database)
    before = counts(driver, database)
    with progress(console) as bars:
        for dataset, query in (*STEPS, ("patents", "load_patents_new")):
            total = staging.count(dataset)
            if not total:
                continue
            task = bars.add_task(dataset, total=total)
            done = [0]

            def advance(n: int, task: Any = task, dataset: str = dataset, done: list[int] = done) -> None:
                bars.advance(task, n)
                done[0] += 1
                if hook is not None:
                    hook(dataset, done[0])

            if dataset == "patents":
                per = max(1, batch_size // ROWS_PER_PATENT)
                write_patents(driver, staging, per, database=database, on_batch=advance)
            else:
                write_batches(
                    driver, query, staging.batches(dataset, batch_size), database=database, on_batch=advance
                )
    return counts(driver, database).minus(before)
