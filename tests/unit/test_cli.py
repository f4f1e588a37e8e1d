"""Every command has help with an example and is shown in the README; errors are one line."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hotspot_kg.cli import cli, main
from hotspot_kg.commands.admin import parse_param

ROOT = Path(__file__).resolve().parents[2]


def all_commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}".strip(), sub)
        found.append((prefix, command))

    for name, command in cli.commands.items():
        walk(name, command)
    return found


@pytest.mark.parametrize(("name", "command"), all_commands(), ids=[n for n, _ in all_commands()])
def test_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    assert command.help and "Example:" in command.help, f"hotspot-kg {name} needs help with an Example:"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_in_the_readme(name: str) -> None:
    assert f"hotspot-kg {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset"]) != 0
    assert "add --yes" in capsys.readouterr().err


def test_param_values_are_json_when_they_parse() -> None:
    assert parse_param("n=3") == ("n", 3)
    assert parse_param("ids=[1, 2]") == ("ids", [1, 2])
    assert parse_param("city=gn:1795565") == ("city", "gn:1795565")
    with pytest.raises(click.BadParameter):
        parse_param("novalue")


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "hotspot-kg" in result.output
