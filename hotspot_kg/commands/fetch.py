"""``hotspot-kg fetch SOURCE``: public data downloaded into a folder with its manifest, ready to load.

``openalex`` (publications, CC0) and ``worldbank`` (country context, CC BY 4.0); the science sources live
in :mod:`graph.ingest.science`, the HTTP layer in :mod:`graph.ingest.fetch`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hotspot_kg.core.errors import ConfigError

_YEARS = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")


def _years(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, int]:
    match = _YEARS.match(value)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise click.BadParameter(f"{value!r} is not FIRST-LAST, for example 2000-2020")
    return int(match.group(1)), int(match.group(2))


@click.group("fetch")
def fetch() -> None:
    """Download public data into a folder (resumable, with manifest.json), ready for `hotspot-kg load`.

    Example:

        hotspot-kg fetch worldbank --countries CN,US --out data/context
    """


@fetch.command("openalex")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code of the institutions' country.")
@click.option(
    "--city", "cities", multiple=True, metavar="NAME", help="Keep institutions in this city (repeatable)."
)
@click.option("--years", required=True, callback=_years, metavar="FIRST-LAST", help="Publication years.")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--snapshot", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Read a local OpenAlex snapshot (gzipped JSON Lines) instead of the API.")  # fmt: skip
@click.option("--api", default="https://api.openalex.org", show_default=True, help="The API's base URL.")
def openalex(country: str, cities: tuple[str, ...], years: tuple[int, int], out: Path, snapshot: Path | None,
             api: str) -> None:  # fmt: skip
    """Publications of a country's institutions (OpenAlex, CC0) as the science tables of `load science`.

    The API needs a free key in OPENALEX_API_KEY (list calls are metered, about 10,000 a day). A re-run
    continues where an interrupted one stopped (the manifest lists what arrived).

    Example:

        hotspot-kg fetch openalex --country CN --city Shenzhen --years 2000-2020 --out data/openalex-sz
    """
    from graph.ingest.fetch.http import client
    from graph.ingest.science import openalex as source
    from graph.ingest.science import openalex_snapshot

    query = source.Query(country.upper(), years[0], years[1], cities)
    console = Console(stderr=True)
    if snapshot is not None:
        rows = openalex_snapshot.convert(snapshot, out, query)
    else:
        key = os.environ.get("OPENALEX_API_KEY")
        if not key and api.startswith("https://api.openalex.org"):
            raise ConfigError(
                "OPENALEX_API_KEY is not set: get a free key at https://openalex.org/settings/api"
            )
        bars = Progress(TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console)  # fmt: skip
        with bars, client() as session:
            fetcher = source.Fetcher(session, out, base=api, api_key=key, progress=bars)
            rows = source.fetch(fetcher, query)
    click.echo(
        ", ".join(f"{n:,} {t}" for t, n in rows.items()) + f" -> {out} (load: hotspot-kg load science {out})"
    )


@fetch.command("worldbank")
@click.option("--countries", required=True, metavar="CC,CC", help="ISO alpha-2 codes, comma-separated.")
@click.option("--years", default="1980-2024", show_default=True, callback=_years, metavar="FIRST-LAST")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--api", default="https://api.worldbank.org/v2", show_default=True, help="The API's base URL.")
def worldbank(countries: str, years: tuple[int, int], out: Path, api: str) -> None:
    """Country rows of city_context.csv from World Bank WDI: GDP per capita (constant 2015 USD), population,
    R&D % of GDP (CC BY 4.0). City rows already in the file are kept.

    Example:

        hotspot-kg fetch worldbank --countries CN,US --out data/context
    """
    from graph.ingest.fetch.http import client
    from graph.ingest.science import worldbank as source

    console = Console(stderr=True)
    with client() as session, console.status("World Bank WDI"):
        rows = source.fetch(session, out, countries.split(","), years, base=api,
                            on_wait=lambda why, s: console.print(f"{why}: waiting {s:.0f} s", markup=False))  # fmt: skip
    click.echo(
        f"{rows:,} country-year rows -> {out / 'city_context.csv'} (load: hotspot-kg load science {out})"
    )
