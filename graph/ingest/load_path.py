"""One load from start to end, as ``hotspot-kg load`` and the Python API's ``kg.load`` run it.

Bulk (``neo4j-admin import`` into the EMPTY local database, checked before anything is read) or online
(batched MERGE over the caller's driver). Nothing is written until the whole input is read and validated;
the staging spool is removed in every case. The caller checks the reject rate
(:func:`graph.ingest.pipeline.check_reject_rate`) after showing the outcome, since the good rows load.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path

from neo4j import Driver
from rich.console import Console

from graph.ingest import lake, load_online, pipeline, provenance
from graph.ingest.load_online import Counts
from graph.ingest.validate import LoadOutcome
from graph.stamp import data_stamp
from hotspot_kg.core.errors import ConfigError
from hotspot_kg.core.settings import Settings

ENGINES = ("auto", "local", "spark")
SPARK_FORMATS = ("canonical", "patentsview", "patstat")
# --engine auto loads inputs larger than this on Spark. Measured (python -m benchmarks load --engine spark
# --sizes 1000000): the in-process load peaks at about 5.7 bytes of memory per byte of canonical CSV (3.0 GB
# for the 530 MB of 1M synthetic patents) and is about 2.4x faster than Spark on one 2-core machine (131 s
# against 313 s), so Spark is picked only where the in-process load would pass 12 GB: about 2 GB of input.
SPARK_ABOVE_BYTES = 2_000_000_000


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
    engine: str = "auto",
    master: str | None = None,
) -> tuple[LoadOutcome, Counts]:
    """Read, validate and load ``path`` in format ``fmt``; the outcome (rows, rejects) and what was created.

    ``driver`` carries an online load (it may be None for a bulk load, which restarts the local server).
    With ``lake_root``, the validated tables are also written there as a lake (:mod:`graph.ingest.lake`),
    before anything is loaded; the caller stamps it with the database once the load is done.
    ``engine`` (:func:`choose_engine`) runs the load in this process (``local``) or on Spark (``spark``,
    on ``master``; it always writes a lake, by default :func:`lake.default_root`).
    """
    if choose_engine(engine, fmt, path, echo=_echo(console)) == "spark":
        from graph.ingest.spark import load as spark_load

        return spark_load.load(
            config, driver, fmt, path, bulk=bulk, master=master, batch_size=batch_size,
            rejects_file=rejects_file, lake_root=lake_root or lake.default_root(config), console=console,
        )  # fmt: skip
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


def input_bytes(path: Path) -> int:
    """The size of an input: a file's, or the sum of a folder's files."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def choose_engine(engine: str, fmt: str, path: Path, echo: Callable[[str], None] = print) -> str:
    """``local`` or ``spark`` for ``engine`` (``auto``, ``local`` or ``spark``).

    ``auto`` keeps the in-process path for inputs below :data:`SPARK_ABOVE_BYTES` (``HOTSPOT_SPARK_ABOVE``
    overrides it) and picks Spark above, for the formats Spark reads and when pyspark is installed.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    try:
        above = int(os.environ.get("HOTSPOT_SPARK_ABOVE", SPARK_ABOVE_BYTES))
    except ValueError:
        raise ConfigError("HOTSPOT_SPARK_ABOVE must be a size in bytes, such as 2000000000") from None
    size = input_bytes(path)
    if size <= above or fmt not in SPARK_FORMATS:
        return "local"
    if importlib.util.find_spec("pyspark") is None:
        echo(f"{path} is {size / 1e9:.1f} GB, past what one process loads well; install the spark extra "
             "(pip install 'hotspot-kg[spark]') to load it on Spark. Loading in this process")  # fmt: skip
        return "local"
    echo(
        f"{path} is {size / 1e9:.1f} GB (over {above / 1e9:.1f} GB): loading on Spark (--engine local to not)"
    )
    return "spark"


def engine_and_lake(
    config: Settings, engine: str, fmt: str, path: Path, lake_root: Path | None, master: str | None,
    echo: Callable[[str], None] = print,
) -> tuple[str, Path | None]:  # fmt: skip
    """The engine a load runs on and the lake it keeps: the Spark load always keeps one (by default
    :func:`lake.default_root`), the in-process load only when asked."""
    chosen = choose_engine(engine, fmt, path, echo)
    if chosen == "spark":
        return chosen, lake_root or lake.default_root(config)
    if master is not None:
        raise ConfigError("a Spark master (--master) is for the Spark load; add --engine spark")
    return chosen, lake_root


def finish_load(
    driver: Driver,
    config: Settings,
    fmt: str,
    path: Path,
    outcome: LoadOutcome,
    lake_root: Path | None = None,
) -> None:
    """After a load: record the dataset's provenance (a ``Dataset`` node) and stamp its lake, if it has one,
    with the database's data stamp (:mod:`graph.stamp`), so that ``analyze --engine spark`` can check it."""
    dataset = provenance.describe(fmt, path, rows=outcome.rows, rejected=outcome.rejected)
    provenance.record(driver, dataset, config.database)
    if lake_root is not None:
        lake.stamp(lake_root, data_stamp(driver, config.database), config)
