"""Online load: staged records into a running Neo4j, in batches of ``UNWIND $rows`` MERGE queries.

Each batch is one managed write transaction (``session.execute_write``, retried on transient errors).
Every query MERGEs on keys, so a re-run adds nothing and a run killed midway completes on the next run
without duplicates. The steps run in an order where every MATCH finds what an earlier step merged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

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

from graph import queries
from graph.ingest import schema
from graph.ingest.staging import Record, Staging

DEFAULT_BATCH_SIZE = 5_000

# (dataset in the staging, query graph/cypher/<name>.cypher), in load order.
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
    ("patents", "load_patents"),
    ("patent_stubs", "load_patent_stubs"),
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
        for dataset, query in STEPS:
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

            write_batches(
                driver, query, staging.batches(dataset, batch_size), database=database, on_batch=advance
            )
    return counts(driver, database).minus(before)
