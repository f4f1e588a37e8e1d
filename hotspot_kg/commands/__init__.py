"""The subcommands of ``hotspot-kg``, one module each; add a new one to COMMANDS."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
