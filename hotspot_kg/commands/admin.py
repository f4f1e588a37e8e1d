"""``hotspot-kg cypher`` (read-only queries as CSV) and ``hotspot-kg reset``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.maintenance import reset_database
from hotspot_kg.core.readonly import run_read_only


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value``; the value is read as JSON when it parses (numbers, lists, true/null), else as a string."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise click.BadParameter(f"{text!r} is not name=value", param_hint="--param")
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return name.strip(), value


@click.command("cypher")
@click.argument("query")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable)."
)
@click.option("--timeout", default=60.0, show_default=True, help="Seconds before the server stops the query.")
def cypher(query: str, params: tuple[str, ...], timeout: float) -> None:
    """Run one read-only QUERY and print its rows as CSV. Write queries are refused.

    Example:

        hotspot-kg cypher "MATCH (c:City {id: $id}) RETURN c.name AS name" --param id=gn:1795565
    """
    bound = dict(parse_param(p) for p in params)
    settings = settings_module.current()
    with db.connect(settings) as driver:
        frame = run_read_only(driver, query, bound, database=settings.database, timeout=timeout)
    frame.to_csv(sys.stdout, index=False)


@click.command("reset")
@click.option("--yes", is_flag=True, help="Confirm that every node and relationship is to be deleted.")
def reset(yes: bool) -> None:
    """Empty the database (all nodes and relationships, and GDS graphs in memory). Refuses without --yes.

    Example:

        hotspot-kg reset --yes
    """
    settings = settings_module.current()
    if not yes:
        raise click.UsageError(
            f"this deletes everything in {settings.uri} (database {settings.database}); add --yes"
        )
    with db.connect(settings) as driver:
        deleted = reset_database(driver, database=settings.database)
    click.echo(f"Deleted {deleted} nodes from {settings.uri} (database {settings.database})")
