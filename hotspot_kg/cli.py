"""The ``hotspot-kg`` command. Each subcommand lives in ``hotspot_kg/commands/<name>.py``.

Errors that hotspot-kg raises on purpose reach the user as one ``Error: ...`` line and exit 1.
"""

from __future__ import annotations

import sys

import click

from hotspot_kg.commands import COMMANDS
from hotspot_kg.core import __version__
from hotspot_kg.core.errors import HotspotError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hotspot-kg")
def cli() -> None:
    """Patent records into a Neo4j knowledge graph of innovation hotspots, and the indicators of
    WIPO's Shenzhen catch-up study computed in that graph.

    Connection settings come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE;
    without NEO4J_URI the project's own local Neo4j is used.
    """


for command in COMMANDS:
    cli.add_command(command)


def main(argv: list[str] | None = None) -> int:
    try:
        rv = cli.main(args=argv, prog_name="hotspot-kg", standalone_mode=False)
    except HotspotError as e:
        click.echo(f"Error: {e}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as e:
        e.show()
        return e.exit_code
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
