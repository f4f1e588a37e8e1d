"""``hotspot-kg load FORMAT PATH``: read, validate and load patent records into Neo4j."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from graph.ingest import lake, load_online, pipeline
from graph.ingest.load_online import Counts
from graph.ingest.load_path import load_path
from graph.ingest.readers import READERS
from graph.ingest.validate import Outcome
from graph.stamp import data_stamp
from hotspot_kg.core import db, settings


def _summary(console: Console, outcome: Outcome, created: Counts) -> None:
    table = Table(title="Created by this load", show_edge=False)
    table.add_column("kind")
    table.add_column("label / type")
    table.add_column("created", justify="right")
    for name, n in created.nodes.items():
        table.add_row("node", name, f"{n:,}")
    for name, n in created.relationships.items():
        table.add_row("relationship", name, f"{n:,}")
    console.print(table)
    console.print(
        f"Read {outcome.rows:,} rows: {outcome.rows - outcome.rejected - outcome.duplicates:,} valid, "
        f"{outcome.duplicates:,} exact duplicates skipped, {outcome.rejected:,} rejected "
        f"({outcome.reject_rate:.2%}). Rejects: {outcome.rejects_file}"
    )
    if outcome.notices:
        console.print(
            f"{outcome.notices:,} notices about rows that were loaded (places not found in the gazetteer, "
            f"codes of older IPC editions, ...): {outcome.notices_file}"
        )


def _stamp_lake(config: settings.Settings, lake_root: Path) -> None:
    driver = db.connect(config)
    try:
        lake.stamp(lake_root, data_stamp(driver, config.database), config)
    finally:
        driver.close()


@click.command("load")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(READERS)))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--bulk", is_flag=True, help="First load into an EMPTY local database with neo4j-admin import (fast)."
)
@click.option(
    "--batch-size",
    default=load_online.DEFAULT_BATCH_SIZE,
    show_default=True,
    type=click.IntRange(1),
    help="Rows per write transaction (online load).",
)
@click.option(
    "--max-reject-rate",
    default=0.01,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Exit non-zero when a larger share of rows is rejected (the good rows still load).",
)
@click.option(
    "--rejects",
    "rejects_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the rejects CSV (file, line, table, reason) [default: out/rejects/PATH-TIME.csv].",
)
@click.option(
    "--lake",
    "lake_root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also keep the validated tables as Parquet in this folder (a lake), stamped with the database they "
    "were loaded into, for `analyze --engine spark`.",
)
def load(
    fmt: str,
    path: Path,
    bulk: bool,
    batch_size: int,
    max_reject_rate: float,
    rejects_file: Path | None,
    lake_root: Path | None,
) -> None:
    """Load patent records from PATH, in FORMAT, into the graph.

    Every row is checked first; rejected rows go to the rejects file with file, line and reason, and the
    good rows load. A malformed input (wrong columns, binary, bad encoding, truncated zip) is refused as a
    whole and changes nothing. Online loads MERGE on keys, so running the same load again adds nothing.

    Example:

        hotspot-kg load canonical data/sample/ --max-reject-rate 0.05

        hotspot-kg load canonical data/sample/ --lake data/lake/sample
    """
    console = Console(stderr=True)
    config = settings.current()
    driver = None if bulk else db.connect(config)
    try:
        outcome, created = load_path(
            config, driver, fmt, path, bulk=bulk, batch_size=batch_size, rejects_file=rejects_file,
            console=console, lake_root=lake_root,
        )  # fmt: skip
    finally:
        if driver is not None:
            driver.close()
    if lake_root is not None:
        _stamp_lake(config, lake_root)
        console.print(f"Lake of the validated tables: {lake_root}")
    _summary(Console(), outcome, created)
    pipeline.check_reject_rate(outcome, max_reject_rate)
