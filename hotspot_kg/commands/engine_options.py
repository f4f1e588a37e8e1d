"""The click options of the engine that computes (``--engine``, ``--master``, ``--lake``), shared by
``analyze`` and ``export``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]


def engine_options(engines: Sequence[str], engine_help: str) -> Callable[[F], F]:
    """Add --engine (one of ``engines``, default graph), --master and --lake (into ``lake_dir``)."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(tuple(engines)),
            default="graph",
            show_default=True,
            help=engine_help,
        ),
        click.option(
            "--master", metavar="URL", help="Spark: the master (default HOTSPOT_SPARK_MASTER, else local[2])."
        ),
        click.option(
            "--lake",
            "lake_dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Spark: the lake written by `load --lake` (default: the database's, under data/lake).",
        ),
    ]

    def add(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return add


def refuse_spark_options(
    engine: str, master: str | None, lake_dir: Path | None, engines: Sequence[str]
) -> None:
    """A usage error when --master or --lake is given with --engine graph, which takes neither."""
    if engine == "graph" and (master is not None or lake_dir is not None):
        others = " or ".join(f"--engine {e}" for e in engines if e != "graph")
        raise click.UsageError(f"--master and --lake go with {others}, not with --engine graph")
