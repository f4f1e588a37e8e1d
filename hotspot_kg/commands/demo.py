"""``hotspot-kg demo``: what `make demo` runs, a new user's first session."""

from __future__ import annotations

import click

from hotspot_kg import settings as settings_module
from hotspot_kg.commands.neo4j import print_status
from hotspot_kg.server import process


@click.command("demo")
def demo() -> None:
    """Build and start Neo4j (unless NEO4J_URI names a server) and show where to open it.

    Example:

        hotspot-kg demo
    """
    settings = settings_module.current()
    st = process.status(settings) if settings.external else process.start(settings, echo=click.echo)
    print_status(st, settings)
    if not settings.external:
        click.echo(f"\nOpen Neo4j Browser at {st.browser} (user neo4j, password above).")
