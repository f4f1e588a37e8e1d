"""Online load of the validated science tables: MERGE on keys in batched ``UNWIND $rows`` transactions.

Countries, cities and the 26 science fields first, then institutions (with their city), works (with
their field), the work-institution links and the context rows (attached to their city or country).
Every statement MERGEs on the node keys, so a re-run adds nothing; a batch is one transaction.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
from neo4j import Driver
from rich.console import Console

from graph.ingest import schema
from graph.ingest.load_online import Counts, progress, write_batches
from graph.ingest.science.tables import frames
from graph.ingest.science.validate import validate_science
from graph.ingest.staging import Staging, records_of
from graph.ingest.validate import Outcome
from hotspot_kg.core import db, queries

DEFAULT_BATCH_SIZE = 5_000
STEPS: tuple[tuple[str, str], ...] = (
    ("countries", "load_countries"),
    ("cities", "load_cities"),
    ("science_fields", "load_science_fields"),
    ("institutions", "load_institutions"),
    ("works", "load_works"),
    ("work_institutions", "load_authored_at"),
    ("city_context", "load_contexts"),
)


def graph_cities(driver: Driver, database: str | None = None) -> dict[str, str]:
    """id -> country of every City already in the graph."""
    found = db.run(driver, queries.load("city_id_countries").text, {}, database=database)
    return dict(zip(found["city_id"], found["country"], strict=True)) if len(found) else {}


def prepare(
    path: Path,
    rejects_file: Path,
    staging_parent: Path | None = None,
    known_cities: dict[str, str] | None = None,
) -> Outcome:
    """Read and validate the science folder at ``path`` (its rows may name ``known_cities``, the
    graph's: :func:`graph_cities`); nothing touches the database yet."""
    staging = Staging(staging_parent)
    try:
        return validate_science(frames(Path(path)), Path(rejects_file), staging, known_cities)
    except BaseException:
        staging.remove()
        raise


def counts(driver: Driver, database: str | None = None) -> Counts:
    """Node and relationship counts of the science side."""
    found: dict[str, dict[str, int]] = {"node": {}, "relationship": {}}
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        for record in session.run(queries.load("science_counts").text):
            found[record["kind"]][record["name"]] = int(record["count"])
    return Counts(found["node"], found["relationship"])


def _rows(staging: Staging, dataset: str) -> pd.DataFrame:
    frame = staging.frame(dataset)
    if dataset == "works" and len(frame):
        frame = frame.drop(columns=["field_name"])
    return frame


def load(
    driver: Driver,
    staging: Staging,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    console: Console | None = None,
) -> Counts:
    """Ensure the schema, load every staged science dataset; return what was created."""
    schema.ensure(driver, database)
    before = counts(driver, database)
    with progress(console) as bars:
        for dataset, query in STEPS:
            frame = _rows(staging, dataset)
            if frame.empty:
                continue
            task = bars.add_task(dataset, total=len(frame))
            batches = (records_of(frame.iloc[i : i + batch_size]) for i in range(0, len(frame), batch_size))
            write_batches(driver, query, batches, database=database, on_batch=partial(bars.advance, task))
    return counts(driver, database).minus(before)
