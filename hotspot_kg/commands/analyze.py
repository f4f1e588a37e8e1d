"""``hotspot-kg analyze [NAME ...]``: compute the indicators and write back their results."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from analytics.analyze import STEPS, run_all, steps
from analytics.analyze import switches as analyze_switches
from analytics.switches import COUNTINGS, GEOS, IPC_LEVELS, YEARS
from graph.ingest import lake
from hotspot_kg.commands.engine_options import engine_options, refuse_spark_options
from hotspot_kg.commands.unit_options import unit_options
from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module

ENGINES = ("graph", "spark", "auto")


@click.command("analyze")
@click.argument("names", nargs=-1, type=click.Choice(list(STEPS)))
@click.option("--geo", type=click.Choice(GEOS), help="Whose address places a patent in a city.")
@click.option("--counting", type=click.Choice(COUNTINGS), default="fractional", show_default=True)
@click.option("--year", type=click.Choice(YEARS), default="filing", show_default=True)
@click.option("--ipc-level", type=click.Choice(IPC_LEVELS), default="subclass", show_default=True)
@click.option("--pool-years", type=click.IntRange(min=0), default=5, show_default=True)
@click.option(
    "--period", "periods", multiple=True, metavar="NAME:FIRST-LAST", help="Default: the three stages."
)
@unit_options
@engine_options(
    ENGINES,
    "Compute in the graph, or on Apache Spark from the lake of the load (novelty, specialisation, "
    "complexity, collaboration, sourcing, ecosystem, stages; the other steps run on the graph); auto: "
    "spark when a matching lake exists and the graph has more patents than HOTSPOT_SPARK_ANALYZE_ABOVE "
    "(default 2000000).",
)
def analyze(
    names: tuple[str, ...], geo: str | None, counting: str, year: str, ipc_level: str, pool_years: int,
    periods: tuple[str, ...], engine: str, master: str | None, lake_dir: Path | None, **units: object,
) -> None:  # fmt: skip
    """Compute the indicators NAME ... (all by default) and write back what the graph keeps:
    novelty, SPECIALISED_IN, SOURCES_FROM and CO_APPLIED. The last step, store, keeps the result
    tables of these settings in the graph, where the explorer and `hotspot-kg export` read them.

    Example:

        hotspot-kg analyze novelty specialisation --pool-years 5

        hotspot-kg analyze store

        hotspot-kg analyze clusters --cluster-radius-km 13 --cluster-min-weight 400

        hotspot-kg analyze store --unit family --geo-unit cluster --cluster-min-weight 400

        hotspot-kg analyze --engine spark --lake data/lake/mine
    """
    switches = analyze_switches(geo, counting, year, ipc_level, pool_years, periods, **units)
    chosen = steps(names)
    if engine == "spark":  # refuse the switches Spark does not take before connecting
        from analytics.spark.analyze import check

        check(chosen, switches)
    refuse_spark_options(engine, master, lake_dir, ENGINES)
    console = Console(stderr=True)
    settings = settings_module.current()
    lake_root = lake_dir or lake.default_root(settings)
    with (
        db.connect(settings) as driver,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress,
    ):
        if engine == "auto":
            from analytics.spark.analyze import check, choose

            engine = choose(driver, lake_root, settings.database)
            if engine == "spark":
                check(chosen, switches)
            progress.console.print(f"engine: {engine}")
        task = progress.add_task("analyze", total=len(chosen))
        progress.update(task, description=chosen[0])
        done = run_all(driver, chosen, switches, settings.database, engine=engine, lake_root=lake_root,
                       master=master, config=settings)  # fmt: skip
        for name, summary, seconds in done:
            progress.console.print(f"[bold]{name}[/bold] ({seconds:.1f} s): {summary}")
            progress.advance(task)
            following = chosen.index(name) + 1
            if following < len(chosen):
                progress.update(task, description=chosen[following])
