"""``hotspot-kg ui``: the Streamlit explorer (``ui/app.py``), headless, on a port of your choice."""

from __future__ import annotations

import os
import sys

import click

from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import ConfigError

APP = settings_module.PROJECT_ROOT / "ui" / "app.py"


def streamlit_command(port: int, address: str) -> list[str]:
    """The command line that serves the explorer (the same Python, so the same installed packages)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless=true",
        f"--server.port={port}",
        f"--server.address={address}",
        "--browser.gatherUsageStats=false",
    ]


@click.command("ui")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535), help="HTTP port.")
@click.option(
    "--address", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0 for all)."
)
def ui(port: int, address: str) -> None:
    """Serve the explorer (Streamlit, headless): the study's figures for any city, and a read-only Cypher console.

    It talks to the server of NEO4J_URI, or to the project's own server (start it first with
    `hotspot-kg neo4j start`). Stop it with Ctrl-C.

    Example:

        hotspot-kg ui --port 8502
    """
    if not APP.exists():
        raise ConfigError(
            f"the explorer is missing: {APP} does not exist; reinstall hotspot-kg from its sources"
        )
    settings = settings_module.current()
    click.echo(f"Explorer at http://{address}:{port}/ (Neo4j {settings.uri}); Ctrl-C stops it.")
    sys.stdout.flush()
    cmd = streamlit_command(port, address)
    os.execv(cmd[0], cmd)  # this process becomes the server: Ctrl-C and SIGTERM reach Streamlit itself
