"""``hotspot-kg fetch SOURCE``: download public patent data into a folder that ``hotspot-kg load`` reads."""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.console import Console

from graph.ingest.fetch import patentsview
from graph.ingest.fetch.download import transfer_progress
from graph.ingest.fetch.http import client


@click.group("fetch")
def fetch() -> None:
    """Download public patent data, resumably, with a manifest of what arrived.

    PATSTAT and CNIPA data are licensed and cannot be fetched: export them yourself (see the README's
    "Real data").

    Example:

        hotspot-kg fetch patentsview --out data/patentsview
    """


@fetch.command("patentsview")
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to download into (created if missing); then `hotspot-kg load patentsview FOLDER`.",
)
@click.option(
    "--tables",
    "tables",
    default="",
    metavar="T1,T2,...|all",
    help="Tables to fetch [default: the seven the loader reads]; `all` adds g_cpc_current and "
    "g_foreign_citation.",
)
@click.option(
    "--source",
    default=None,
    show_default="s3, set in sources.toml",
    metavar="s3|odp|URL",
    help="Where from: PatentsView's S3 bucket, the USPTO Open Data Portal, or a base URL holding the "
    "g_*.tsv.zip files (the places are kept in graph/ingest/fetch/sources.toml).",
)
@click.option(
    "--api-key-env",
    default="USPTO_API_KEY",
    show_default=True,
    metavar="NAME",
    help="Environment variable holding the Open Data Portal API key (sent as x-api-key).",
)
@click.option("--force", is_flag=True, help="Download again even the files the manifest shows complete.")
def patentsview_command(out: Path, tables: str, source: str | None, api_key_env: str, force: bool) -> None:
    """Download the PatentsView granted-patent tables (zipped TSV) into OUT.

    Each file goes to NAME.part and is renamed when whole: an interrupted run resumes where it stopped
    (HTTP Range). 429 and 5xx answers are retried with backoff, honouring Retry-After. Sizes are checked
    and each zip is read through (CRC of every member); a damaged file is removed. OUT/manifest.json
    records each file's URL, bytes, sha256, fetch time and release date (when the source gives one);
    `hotspot-kg load` stores it in the graph as a Dataset node. Files the manifest shows complete are
    skipped.

    Example:

    \b
        hotspot-kg fetch patentsview --out data/patentsview
        hotspot-kg fetch patentsview --out data/pv --tables g_patent,g_application --source odp
        hotspot-kg load patentsview data/patentsview --bulk
    """
    console = Console(stderr=True)
    names = [t.strip() for t in tables.split(",") if t.strip()]
    chosen = patentsview.tables_for(names)
    source = source or patentsview.config()["default_source"]
    session = client()
    key = os.environ.get(api_key_env) or None
    the_plan = patentsview.plan(session, source, chosen, api_key=key, api_key_env=api_key_env)
    with transfer_progress(console) as progress:
        report = patentsview.fetch(out, the_plan, session=session, progress=progress, force=force)
    _summary(report)


def _summary(report: patentsview.Report) -> None:
    for got in report.fetched:
        e = got.entry
        release = f"release {e.release}" if e.release else f"Last-Modified {e.last_modified or '?'}"
        state = "already there" if got.skipped else "fetched"
        click.echo(f"{e.name:<32} {e.bytes:>15,} bytes  sha256 {e.sha256[:12]}  {release}  {state}")
    click.echo(
        f"Manifest: {report.folder / 'manifest.json'}. Next: hotspot-kg load patentsview {report.folder}"
    )
