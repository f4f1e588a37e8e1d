"""One load on Spark, from input to graph: read and validate as DataFrame jobs, write the lake, then carry
the lake into Neo4j by ``neo4j-admin database import`` (``bulk``) or the Spark connector (online append).

The lake is written before anything touches the database, and the outputs read it back from Parquet, so a
malformed input changes nothing and the validation runs once. The caller stamps the lake with the
database (:func:`graph.ingest.load_path.finish_load`) once the load is done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver
from rich.console import Console

from graph.ingest import lake, load_bulk, load_online, pipeline
from graph.ingest.load_online import Counts
from graph.ingest.spark import admin_csv, append, lake_io, validate
from graph.ingest.spark import tables as source_tables
from hotspot_kg.core.errors import ConfigError
from hotspot_kg.core.settings import Settings
from hotspot_kg.spark import session

FORMATS = ("canonical", "patentsview", "patstat")


@dataclass
class SparkTimings:
    """Seconds per step of the last Spark load (the bulk steps in ``bulk``)."""

    start: float = 0.0  # the Spark session
    validate: float = 0.0  # read, validate, write the lake and the rejects
    output: float = 0.0  # the import files and import, or the connector's writes
    bulk: load_bulk.Timings = field(default_factory=load_bulk.Timings)


def load(
    config: Settings,
    driver: Driver | None,
    fmt: str,
    path: Path,
    *,
    bulk: bool = False,
    master: str | None = None,
    batch_size: int = load_online.DEFAULT_BATCH_SIZE,
    rejects_file: Path | None = None,
    lake_root: Path | None = None,
    console: Console | None = None,
    csv_folder: Path | None = None,
    timings: SparkTimings | None = None,
    hook: append.StepHook | None = None,
) -> tuple[validate.SparkOutcome, Counts]:
    """Load ``path`` (format ``fmt``) on Spark; the outcome (rows, rejects) and what was created."""
    if fmt not in FORMATS:
        raise ConfigError(f"--engine spark reads {', '.join(FORMATS)} input; load {fmt} with --engine local")
    console = console or Console(stderr=True)
    timings = timings if timings is not None else SparkTimings()
    rejects_file = rejects_file or pipeline.default_rejects_file(path)
    lake_root = lake_root or lake.default_root(config)
    echo: Callable[[str], None] = lambda message: console.print(message, markup=False)  # noqa: E731
    if bulk:
        load_bulk.check_ready(config, echo)
    elif driver is None:
        raise ValueError("an online load needs a driver")
    with ExitStack() as stack:
        folder = stack.enter_context(load_bulk.import_folder(csv_folder)) if bulk else None
        began = time.perf_counter()
        with session(master=master, app=f"hotspot-kg load {fmt}") as spark:
            timings.start = time.perf_counter() - began
            began = time.perf_counter()
            with console.status(f"Spark ({spark.sparkContext.master}): reading and validating {path}"):
                scratch = lake_root.with_name(f".{lake_root.name}-unpacked")
                try:
                    outcome = validate.validate_path(spark, path, rejects_file, fmt=fmt, scratch=scratch)
                    try:
                        source = {"format": fmt, "path": str(path.resolve())}
                        lake_io.write(outcome.tables, lake_root, source=source)
                    finally:
                        outcome.unpersist()
                finally:
                    source_tables.remove(scratch)
            timings.validate = time.perf_counter() - began
            console.print(f"Lake of the validated tables: {lake_root}", markup=False)
            tables = lake_io.read(spark, lake_root)
            began = time.perf_counter()
            if folder is None:
                assert driver is not None
                created = append.append(
                    driver, config, tables, batch_size=batch_size, console=console, hook=hook
                )
                timings.output = time.perf_counter() - began
                return outcome, created
            files = load_bulk.write_files(
                lambda into: admin_csv.write(tables, into), folder, console, timings.bulk
            )
        # the session is stopped (unless the caller runs it): its JVM's memory goes to the import and the server
        created = load_bulk.import_files(config, files, console, timings.bulk)
    timings.output = time.perf_counter() - began
    return outcome, created
