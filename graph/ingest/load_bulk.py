"""Bulk load: the staged records through ``neo4j-admin database import full`` into an EMPTY local database.

For large or first loads. It refuses when NEO4J_URI names an external server (the import writes the
store files of the project's own server) and when the database already holds nodes (the import
replaces the whole database). Steps: check empty -> write the import CSVs -> stop the server -> import
-> start the server -> create the schema (constraints check the keys' uniqueness on the imported data).

When the server is not running and its database has never been created (a fresh instance: the first
load of ``make demo``), the database is empty without asking the server, and the stop is skipped: the
server starts once, after the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver
from rich.console import Console

from graph.ingest import bulk_csv, load_online, schema
from graph.ingest.load_online import Counts
from graph.ingest.staging import Staging
from hotspot_kg import server
from hotspot_kg.core import db
from hotspot_kg.core.errors import ConfigError, ServerError
from hotspot_kg.core.settings import LocalServer, Settings
from hotspot_kg.server import process


class NotEmpty(ConfigError):
    """The database already holds data: a bulk import would replace it."""


@dataclass
class Timings:
    """Seconds spent in each step of the last bulk load."""

    csv: float = 0.0
    stop: float = 0.0
    admin_import: float = 0.0
    start: float = 0.0
    schema: float = 0.0

    @property
    def total(self) -> float:
        return self.csv + self.stop + self.admin_import + self.start + self.schema


def refuse_external(config: Settings) -> None:
    if config.external:
        raise ConfigError(
            f"--bulk runs neo4j-admin import on the project's own local server, but NEO4J_URI points at "
            f"{config.uri}; unset NEO4J_URI to use the local server, or load without --bulk (online)"
        )


def check_empty(driver: Driver, database: str | None = None) -> None:
    frame = db.run(driver, "MATCH (n) RETURN count(n) AS nodes", database=database)
    nodes = int(frame["nodes"].iloc[0])
    if nodes:
        raise NotEmpty(
            f"the database holds {nodes:,} nodes; --bulk imports into an EMPTY database only. "
            "Load without --bulk to add to it (online, idempotent), or empty it first"
        )


def never_created(local: LocalServer, database: str) -> bool:
    """The server is stopped and has no store for ``database``: it is empty without asking."""
    store = local.home / "data" / "databases" / database
    return process.running_pid(local) is None and not store.exists()


def check_ready(config: Settings, echo: Callable[[str], None] = print) -> None:
    """Refuse an external server or a database with data. A database never created is empty as it is;
    otherwise the local server is started (if need be) and asked."""
    refuse_external(config)
    if never_created(config.local, config.database):
        return
    server.start(config, echo=echo)
    with db.connect(config) as driver:
        check_empty(driver, config.database)


def admin_command(local: LocalServer, files: bulk_csv.ImportFiles, database: str) -> list[str]:
    """The ``neo4j-admin database import full`` command line for ``files``."""
    return [
        local.java,
        "-Xmx1g",
        "-cp",
        f"{local.dist / 'lib'}/*",
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        "--id-type=string",
        "--max-off-heap-memory=2G",
        "--report-file",
        str(files.folder / "import.report"),
        *files.arguments(),
    ]


def admin_import(local: LocalServer, files: bulk_csv.ImportFiles, database: str) -> float:
    """Run the import (the server must be stopped); return the seconds it took."""
    env = {**os.environ, "NEO4J_HOME": str(local.home), "NEO4J_CONF": str(local.home / "conf")}
    command = admin_command(local, files, database)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        log = files.folder / "import.log"
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise ServerError(
            f"neo4j-admin database import failed (exit {result.returncode}); full log in {log}:\n{tail}"
        )
    return seconds


def load(
    config: Settings,
    staging: Staging,
    *,
    console: Console | None = None,
    csv_folder: Path | None = None,
    timings: Timings | None = None,
) -> Counts:
    """Import ``staging`` into the empty local database; return what was created, by label and type.

    Check the database is empty, write the import files (to ``csv_folder`` when given, and kept; else to a
    temporary folder), then stop the server, import them, start it and create the schema. The Spark load
    calls the two halves itself (:func:`write_files` from its lake, then :func:`import_files`), to stop its
    session in between.
    """
    console = console or Console(stderr=True)
    timings = timings if timings is not None else Timings()
    check_ready(config, lambda message: console.print(message, markup=False))
    with import_folder(csv_folder) as folder:
        files = write_files(lambda into: bulk_csv.write(staging, into), folder, console, timings)
        return import_files(config, files, console, timings)


@contextmanager
def import_folder(csv_folder: Path | None) -> Iterator[Path]:
    """The folder of the import files: ``csv_folder`` when given (kept), else a temporary one, removed after."""
    folder = csv_folder or Path(tempfile.mkdtemp(prefix="hotspot-import-"))
    try:
        yield folder
    finally:
        if csv_folder is None:
            shutil.rmtree(folder, ignore_errors=True)


def write_files(
    write: Callable[[Path], bulk_csv.ImportFiles], folder: Path, console: Console, timings: Timings
) -> bulk_csv.ImportFiles:
    """``write`` the import files into ``folder`` (timed in ``timings.csv``)."""
    started = time.perf_counter()
    with console.status("writing import CSV files"):
        files = write(folder)
    timings.csv = time.perf_counter() - started
    console.print(
        f"wrote {files.rows('nodes'):,} nodes, {files.rows('relationships'):,} relationships to {folder}",
        markup=False,
    )
    return files


def import_files(config: Settings, files: bulk_csv.ImportFiles, console: Console, timings: Timings) -> Counts:
    """Stop the server, import ``files`` into the empty database, start it and create the schema; return
    what was created, by label and type (the database was checked empty by :func:`check_ready`)."""
    echo = lambda message: console.print(message, markup=False)  # noqa: E731
    started = time.perf_counter()
    if process.running_pid(config.local) is not None:
        server.stop(config, echo=echo)
    timings.stop = time.perf_counter() - started
    with console.status("neo4j-admin database import"):
        timings.admin_import = admin_import(config.local, files, config.database)
    started = time.perf_counter()
    server.start(config, echo=echo)
    timings.start = time.perf_counter() - started
    with db.connect(config) as driver:
        started = time.perf_counter()
        schema.ensure(driver, config.database)
        timings.schema = time.perf_counter() - started
        return load_online.counts(driver, config.database)
