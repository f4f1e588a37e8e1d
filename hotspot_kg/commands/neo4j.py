"""``hotspot-kg neo4j start | stop | status | password``: the project's own Neo4j server."""

from __future__ import annotations

import os

import click

from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import ConfigError
from hotspot_kg.server import process
from hotspot_kg.server.pins import pins


def print_status(st: process.ServerStatus, settings: settings_module.Settings) -> None:
    p = pins()
    if settings.external:
        click.echo(
            f"Neo4j (external, from NEO4J_URI): {'running' if st.running else 'not answering'} at {st.bolt}"
        )
    else:
        click.echo(
            f"Neo4j (local, {st.home}): {'running, pid ' + str(st.pid) if st.running else 'not running'}"
        )
        click.echo(f"  Bolt:     {st.bolt}")
        click.echo(f"  Browser:  {st.browser}")
        click.echo(f"  Log:      {st.log}")
        click.echo(f"  User:     {settings.user} ({password_source(settings)})")
    click.echo(f"  Neo4j:    {st.neo4j_version or '-'} (pinned {p.neo4j})")
    click.echo(f"  GDS:      {st.gds_version or '-'} (pinned {p.gds})")


def password_source(settings: settings_module.Settings) -> str:
    """Where the password is kept and how to show it; never the password itself (logs keep what is printed)."""
    if os.environ.get("NEO4J_PASSWORD"):
        return "password from NEO4J_PASSWORD"
    return f"password kept in {settings.local.password_file}, mode 600; `hotspot-kg neo4j password` shows it"


@click.group("neo4j")
def neo4j() -> None:
    """The local Neo4j server, built from Maven Central jars (Neo4j, GDS, Browser).

    Not used when NEO4J_URI names another server. Memory: HOTSPOT_NEO4J_HEAP (default 4g),
    HOTSPOT_NEO4J_PAGECACHE (2g); ports: HOTSPOT_BOLT_PORT (7687), HOTSPOT_HTTP_PORT (7474).

    Example:

        hotspot-kg neo4j start && hotspot-kg neo4j status
    """


@neo4j.command()
@click.option("--timeout", default=240.0, show_default=True, help="Seconds to wait for the server to answer.")
def start(timeout: float) -> None:
    """Build what is missing, start the server on 127.0.0.1 and wait until it answers.

    Example:

        hotspot-kg neo4j start
    """
    settings = settings_module.current()
    st = process.start(settings, timeout=timeout, echo=click.echo)
    print_status(st, settings)


@neo4j.command()
def stop() -> None:
    """Shut the local server down cleanly (its data stays).

    Example:

        hotspot-kg neo4j stop
    """
    process.stop(settings_module.current(), echo=click.echo)


@neo4j.command()
def status() -> int:
    """Print whether the server runs, its addresses, and the Neo4j and GDS versions; exit 1 if it does not run.

    Example:

        hotspot-kg neo4j status
    """
    settings = settings_module.current()
    st = process.status(settings)
    print_status(st, settings)
    return 0 if st.running else 1


@neo4j.command()
def password() -> None:
    """Print the password of the local server (from NEO4J_PASSWORD, else from .neo4j/password).

    The only command that prints it: the others say where it is kept, so that terminal and CI logs
    never hold it.

    Example:

        hotspot-kg neo4j password
    """
    settings = settings_module.current()
    if settings.external:
        raise ConfigError(
            f"NEO4J_URI is set ({settings.uri}): its password is the NEO4J_PASSWORD you exported; "
            "this command shows the local server's"
        )
    click.echo(settings.password)
