"""The subcommands of ``hotspot-kg``, one module each; add a new one to COMMANDS."""

from __future__ import annotations

import click

from hotspot_kg.commands.generate import generate_command

COMMANDS: list[click.Command] = [generate_command]
