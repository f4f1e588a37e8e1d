"""One load from start to end, as ``hotspot-kg load`` and the Python API's ``kg.load`` run it.

Bulk (``neo4j-admin import`` into the EMPTY local database, checked before anything is read) or online
(batched MERGE over the caller's driver). Nothing is written until the whole input is read and validated;
the staging spool is removed in every case. The caller checks the reject rate
(:func:`graph.ingest.pipeline.check_reject_rate`) after showing the outcome, since the good rows load.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from neo4j import Driver
from rich.console import Console

from graph.ingest import lake, load_online, pipeline
from graph.ingest.load_online import Counts
from graph.ingest.validate import Outcome
from hotspot_kg.core.settings import Settings


def _echo(console: Console | None) -> Callable[[str], None]:
    if console is None:
        return print
    return lambda message: console.print(message, markup=False)


def load_path(
    config: Settings,
    driver: Driver | None,
    fmt: str,
    path: Path,
    *,
    bulk: bool = False,
    batch_size: int = load_online.DEFAULT_BATCH_SIZE,
    rejects_file: Path | None = None,
    console: Console | None = None,
    lake_root: Path | None = None,
) -> tuple[Outcome, Counts]:
    """Read, validate and load ``path`` in format ``fmt``; the outcome (rows, rejects) and what was created.

    ``driver`` carries an online load (it may be None for a bulk load, which restarts the local server).
    With ``lake_root``, the validated tables are also kept there as Parquet (:mod:`graph.ingest.lake`)
    before they load; the caller stamps the lake with the database's data stamp after.
    """
    rejects_file = rejects_file or pipeline.default_rejects_file(path)
    if bulk:
        from graph.ingest import load_bulk

        load_bulk.check_ready(config, echo=_echo(console))
    elif driver is None:
        raise ValueError("an online load needs a driver")
    outcome = pipeline.prepare(fmt, path, rejects_file, console=console)
    try:
        if lake_root is not None:
            lake.write_staging(
                outcome.staging, lake_root, source={"format": fmt, "path": str(path.resolve())}
            )
        if bulk:
            created = load_bulk.load(config, outcome.staging, console=console)
        else:
            assert driver is not None
            created = load_online.load(
                driver, outcome.staging, database=config.database, batch_size=batch_size, console=console
            )
    finally:
        outcome.staging.remove()
    return outcome, created
