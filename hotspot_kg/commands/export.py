"""``hotspot-kg export NAME --out FILE.csv [switches]``: one indicator table, as the export contract says."""

from __future__ import annotations

from pathlib import Path

import click

from analytics import export_file, exports
from analytics.switches import (
    COUNTINGS,
    GEOS,
    GREATER_CHINA,
    IPC_LEVELS,
    SELF_CITATIONS,
    TECH_UNITS,
    YEARS,
    parse_period,
)
from graph.ingest import lake
from hotspot_kg.commands.engine_options import engine_options, refuse_spark_options
from hotspot_kg.commands.unit_options import unit_options
from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import HotspotError


def _periods(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[object, ...]:
    try:
        return tuple(parse_period(v) for v in values)
    except HotspotError as e:
        raise click.BadParameter(str(e)) from None


@click.command("export")
@click.argument("name", type=click.Choice(list(exports.EXPORTS)))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The CSV file."
)
@click.option("--geo", type=click.Choice(GEOS), help="Whose address places a patent in a city.")
@click.option("--counting", type=click.Choice(COUNTINGS), help="Fractional (1/k per city) or whole counting.")
@click.option("--year", type=click.Choice(YEARS), help="Which date gives a patent its year.")
@click.option("--ipc-level", type=click.Choice(IPC_LEVELS), help="The level at which IPC codes are compared.")
@click.option("--pool-years", type=click.IntRange(min=0), help="Years of the novelty seed pool (default 5).")
@click.option("--tech-unit", type=click.Choice(TECH_UNITS), help="WIPO 35 fields or IPC codes.")
@click.option(
    "--period",
    "periods",
    multiple=True,
    callback=_periods,
    metavar="NAME:FIRST-LAST",
    help="A period (repeatable); default: the three stages.",
)
@click.option("--city", "cities", multiple=True, metavar="CITY_ID", help="Keep these cities (repeatable).")
@click.option("--self-citations", type=click.Choice(SELF_CITATIONS), help="Knowledge sourcing: keep or drop.")
@click.option("--method", type=click.Choice(["eigen", "reflections"]), help="KCI/TCI method (default eigen).")
@click.option(
    "--convention",
    type=click.Choice(["default", "econgeo", "ecomplexity"]),
    help="KCI/TCI parity mode (default: default).",
)
@click.option("--threshold", type=float, help="KCI/TCI: RSI threshold of M (default 1).")
@click.option("--steps", type=click.IntRange(min=1), help="KCI/TCI reflections: iterations (default 20).")
@click.option(
    "--greater-china",
    type=click.Choice(GREATER_CHINA),
    help="Science collaboration: HK, MO and TW apart from CN (separate, default) or domestic.",
)
@unit_options
@engine_options(
    export_file.ENGINES,
    "Compute in the graph, or on Apache Spark from the lake of the load (every export but "
    "local-network and the science ones).",
)
def export(
    name: str, out: Path, engine: str, master: str | None, lake_dir: Path | None, **switches: object
) -> None:
    """Compute indicator NAME and write it to FILE.csv, with the settings in FILE.meta.json.

    A switch that the indicator does not use is refused. Numbers keep full precision.

    Example:

        hotspot-kg export rsi --out rsi.csv --counting whole --period boom:2006-2015 --city gn:1795565

        hotspot-kg export knowledge-sourcing --out sources.csv --unit family --geo-unit cluster

        hotspot-kg export rsi --out rsi.csv --engine spark --lake data/lake/mine --counting whole
    """
    checked = exports.switches_for(name, switches)  # refuse unused switches before connecting
    if engine == "spark":
        from analytics.spark.exports import check

        check(name, checked)
    refuse_spark_options(engine, master, lake_dir, export_file.ENGINES)
    settings = settings_module.current()
    lake_root = (lake_dir or lake.default_root(settings)) if engine == "spark" else None
    with db.connect(settings) as driver:
        rows, meta = export_file.export(driver, name, switches, out, database=settings.database, engine=engine,
                                        lake_root=lake_root, master=master)  # fmt: skip
    click.echo(f"{name}: {rows} rows -> {out} (settings in {meta})")
