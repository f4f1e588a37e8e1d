"""``hotspot-kg load FORMAT PATH``: read, validate and load patent records into Neo4j."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from graph.ingest import load_online, pipeline
from graph.ingest.load_online import Counts
from graph.ingest.load_path import engine_and_lake, finish_load, load_path
from graph.ingest.readers import READERS
from graph.ingest.validate import LoadOutcome
from hotspot_kg.core import db, settings
from hotspot_kg.core.errors import ConfigError


def _summary(console: Console, outcome: LoadOutcome, created: Counts) -> None:
    table = Table(title="Created by this load", show_edge=False)
    table.add_column("kind")
    table.add_column("label / type")
    table.add_column("created", justify="right")
    for name, n in created.nodes.items():
        table.add_row("node", name, f"{n:,}")
    for name, n in created.relationships.items():
        table.add_row("relationship", name, f"{n:,}")
    console.print(table)
    kept = outcome.rows - outcome.rejected - outcome.duplicates - outcome.merged
    merged = f"{outcome.merged:,} citation rows merged into their pair's citation (another origin), "
    console.print(
        f"Read {outcome.rows:,} rows: {kept:,} valid, {outcome.duplicates:,} exact duplicates skipped, "
        f"{merged if outcome.merged else ''}{outcome.rejected:,} rejected "
        f"({outcome.reject_rate:.2%}). Rejects: {outcome.rejects_file}"
    )
    if outcome.notices:
        console.print(
            f"{outcome.notices:,} notices about rows that were loaded (places not found in the gazetteer, "
            f"codes of older IPC editions, ...): {outcome.notices_file}"
        )


@click.command("load")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted([*READERS, "science"])))
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
@click.option(
    "--engine",
    type=click.Choice(["auto", "local", "spark"]),
    default="auto",
    show_default=True,
    help="local: in this process; spark: on Apache Spark (canonical input; always keeps a lake); auto: Spark "
    "for inputs over 2 GB (HOTSPOT_SPARK_ABOVE), else local.",
)
@click.option(
    "--master",
    metavar="URL",
    help="The Spark master for --engine spark: local[N], spark://HOST:7077, yarn, k8s://... "
    "[default: HOTSPOT_SPARK_MASTER or local[2]].",
)
def load(
    fmt: str,
    path: Path,
    bulk: bool,
    batch_size: int,
    max_reject_rate: float,
    rejects_file: Path | None,
    lake_root: Path | None,
    engine: str,
    master: str | None,
) -> None:
    """Load patent records from PATH, in FORMAT, into the graph (FORMAT science: a folder of works,
    institutions, cities and city_context CSV files, see docs/science.md).

    Every row is checked first; rejected rows go to the rejects file with file, line and reason, and the
    good rows load. Where the data came from (the manifest.json of `hotspot-kg fetch`, else the format
    and path) is recorded as a Dataset node. A malformed input (wrong columns, binary, bad encoding, truncated zip) is refused as a
    whole and changes nothing. Online loads MERGE on keys, so running the same load again adds nothing.

    Example:

        hotspot-kg load canonical data/sample/ --max-reject-rate 0.05

        hotspot-kg load canonical data/sample/ --lake data/lake/sample

        hotspot-kg load science data/openalex-CN/

        hotspot-kg load canonical big/ --engine spark --bulk

        hotspot-kg load canonical big/ --engine spark --master spark://head:7077 --lake /shared/lake
    """
    console = Console(stderr=True)
    config = settings.current()
    if fmt == "science":
        if lake_root is not None:
            raise ConfigError("--lake keeps patent tables; load science without it")
        rejects_file = rejects_file or pipeline.default_rejects_file(path)
        _load_science(console, path, rejects_file, batch_size, max_reject_rate, bulk)
        return
    engine, lake_root = engine_and_lake(
        config,
        engine,
        fmt,
        path,
        lake_root,
        master,
        echo=lambda message: console.print(message, markup=False),
    )
    driver = None if bulk else db.connect(config)
    try:
        outcome, created = load_path(
            config, driver, fmt, path, bulk=bulk, batch_size=batch_size, rejects_file=rejects_file,
            console=console, lake_root=lake_root, engine=engine, master=master,
        )  # fmt: skip
    finally:
        if driver is not None:
            driver.close()
    with db.connect(config) as driver:
        finish_load(driver, config, fmt, path, outcome, lake_root)
    if lake_root is not None:
        console.print(f"Lake of the validated tables: {lake_root}")
    _summary(Console(), outcome, created)
    pipeline.check_reject_rate(outcome, max_reject_rate)


def _load_science(
    console: Console, path: Path, rejects_file: Path, batch_size: int, max_reject_rate: float, bulk: bool
) -> None:
    from graph.ingest.science import load as science

    if bulk:
        raise ConfigError("--bulk loads patents into an empty database; load science online (without --bulk)")
    config = settings.current()
    with db.connect(config) as driver:
        outcome = science.prepare(
            path, rejects_file, known_cities=science.graph_cities(driver, config.database)
        )
        try:
            created = science.load(
                driver, outcome.staging, database=config.database, batch_size=batch_size, console=console
            )
        finally:
            outcome.staging.remove()
    _summary(Console(), outcome, created)
    pipeline.check_reject_rate(outcome, max_reject_rate)
