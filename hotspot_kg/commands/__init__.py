"""The subcommands of ``hotspot-kg``, one module each; add a new one to COMMANDS."""

from __future__ import annotations

import click

from hotspot_kg.commands.image import image

COMMANDS: list[click.Command] = []
COMMANDS.append(image)
