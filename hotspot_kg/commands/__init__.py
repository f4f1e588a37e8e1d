"""The subcommands of ``hotspot-kg``, one module each; add a new one to COMMANDS."""

from __future__ import annotations

import click

from hotspot_kg.commands.admin import cypher, reset
from hotspot_kg.commands.analyze import analyze
from hotspot_kg.commands.demo import demo
from hotspot_kg.commands.export import export
from hotspot_kg.commands.fetch import fetch
from hotspot_kg.commands.generate import generate_command
from hotspot_kg.commands.image import image
from hotspot_kg.commands.load import load
from hotspot_kg.commands.neo4j import neo4j
from hotspot_kg.commands.ui import ui

COMMANDS: list[click.Command] = [
    neo4j,
    image,
    cypher,
    reset,
    demo,
    generate_command,
    fetch,
    load,
    fetch,
    analyze,
    export,
    ui,
]
