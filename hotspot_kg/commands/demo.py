"""``hotspot-kg demo``: what `make demo` runs, a new user's first session.

Start Neo4j, make the SIMULATED demo data (the synthetic generator), load it, compute every
indicator, and open the explorer. Steps already done are skipped: a database that holds patents
is not loaded again (``hotspot-kg reset --yes`` starts over).
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from analytics.analyze import STEPS, run_step
from analytics.switches import Switches
from graph.ingest import load_online, pipeline, provenance
from graph.ingest.synthetic import generate
from hotspot_kg.commands.neo4j import print_status
from hotspot_kg.commands.ui import ui as ui_command
from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.server import process

DATA = settings_module.PROJECT_ROOT / "data"


def _load(settings: settings_module.Settings, folder: Path, console: Console) -> None:
    outcome = pipeline.prepare("canonical", folder, pipeline.default_rejects_file(folder))
    dataset = provenance.describe("canonical", folder, rows=outcome.rows, rejected=outcome.rejected)
    try:
        if settings.external:
            with db.connect(settings) as driver:
                load_online.load(driver, outcome.staging, database=settings.database, console=console)
        else:
            from graph.ingest import load_bulk

            load_bulk.load(settings, outcome.staging, console=console)
    finally:
        outcome.staging.remove()
    with db.connect(settings) as driver:
        provenance.record(driver, dataset, settings.database)
    pipeline.check_reject_rate(outcome, 0.01)
    _load_science(settings, folder, console)


def _load_science(settings: settings_module.Settings, folder: Path, console: Console) -> None:
    """The simulated works, institutions and context of the folder, loaded online (the server runs now)."""
    if not (folder / "works.csv").exists():
        return  # a folder generated before the science side existed
    from graph.ingest.science import load as science

    rejects = pipeline.default_rejects_file(folder).with_suffix(".science.csv")
    with db.connect(settings) as driver:
        outcome = science.prepare(
            folder, rejects, known_cities=science.graph_cities(driver, settings.database)
        )
        try:
            science.load(driver, outcome.staging, database=settings.database, console=console)
        finally:
            outcome.staging.remove()
    pipeline.check_reject_rate(outcome, 0.01)


@click.command("demo")
@click.option(
    "--patents", default=100_000, show_default=True, type=click.IntRange(1_000), help="Size of the demo."
)
@click.option("--seed", default=1, show_default=True, help="Seed of the synthetic generator.")
@click.option(
    "--ui/--no-ui", "open_ui", default=True, show_default=True, help="Serve the explorer at the end."
)
@click.option("--port", default=8501, show_default=True, help="The explorer's port.")
@click.pass_context
def demo(ctx: click.Context, patents: int, seed: int, open_ui: bool, port: int) -> None:
    """Start Neo4j, generate and load a SIMULATED patent universe (with its works and economic context),
    compute every indicator, open the explorer.

    Uses the server of NEO4J_URI when it is set. Data goes to data/demo-N-sS/; a database that
    already holds patents is used as it is.

    Example:

        hotspot-kg demo --patents 100000 --no-ui
    """
    console = Console(stderr=True)
    settings = settings_module.current()
    from graph.ingest import load_bulk

    if not settings.external and load_bulk.never_created(settings.local, settings.database):
        # a fresh instance: import first, so that the server starts only once, after the import
        _generate_and_load(settings, patents, seed, console)
        st = process.status(settings)
        print_status(st, settings)
        _analyze(settings)
    else:
        st = process.status(settings) if settings.external else process.start(settings, echo=click.echo)
        print_status(st, settings)
        with db.connect(settings) as driver:
            loaded = load_online.counts(driver, settings.database).nodes.get("Patent", 0)
        if loaded:
            click.echo(
                f"\nThe database already holds {loaded:,} patents: using them "
                "(hotspot-kg reset --yes starts over)."
            )
        else:
            _generate_and_load(settings, patents, seed, console)
            _analyze(settings)
    if not settings.external:
        click.echo(
            f"\nNeo4j Browser: {st.browser} (user neo4j; `hotspot-kg neo4j password` shows the password)."
        )
    if open_ui:
        ctx.invoke(ui_command, port=port, address="127.0.0.1")


def _generate_and_load(settings: settings_module.Settings, patents: int, seed: int, console: Console) -> None:
    folder = DATA / f"demo-{patents}-s{seed}"
    if not (folder / "SIMULATION.txt").exists():
        summary = generate(folder, patents=patents, seed=seed)
        click.echo(
            f"\nGenerated a SIMULATION of {patents:,} patents in {summary.seconds:.1f} s into {folder}"
        )
    click.echo(f"Loading {folder} ...")
    _load(settings, folder, console)


def _analyze(settings: settings_module.Settings) -> None:
    click.echo("Computing the indicators ...")
    with db.connect(settings) as driver:
        for name in STEPS:
            line, seconds = run_step(name, driver, Switches(), settings.database)
            click.echo(f"  {name} ({seconds:.1f} s): {line}")
