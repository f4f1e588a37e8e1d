"""The Neo4j password stays out of every command's output, except `hotspot-kg neo4j password`.

Terminal and CI logs keep what a command prints. With a known password in the local server's password
file, each command that talks about the server runs (for real where no server is needed; `start` and the
demo's long steps replaced by fakes) and its stdout and stderr are searched for the password.
"""

from __future__ import annotations

import importlib
import socket
from pathlib import Path

import pytest

from hotspot_kg import cli as cli_module
from hotspot_kg.core import settings as settings_module
from hotspot_kg.server import process

PASSWORD = "Known-Secret-pw-4711"
demo_module = importlib.import_module("hotspot_kg.commands.demo")  # the package's `demo` is the command
ui_module = importlib.import_module("hotspot_kg.commands.ui")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def known_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USER", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOTSPOT_NEO4J_DIST", str(tmp_path))
    monkeypatch.setenv("HOTSPOT_NEO4J_HOME", str(tmp_path))
    monkeypatch.setenv("HOTSPOT_BOLT_PORT", str(_free_port()))  # nothing answers there
    monkeypatch.setenv("HOTSPOT_HTTP_PORT", str(_free_port()))
    (tmp_path / "password").write_text(PASSWORD + "\n", encoding="utf-8")
    (tmp_path / "password").chmod(0o644)
    settings_module.current.cache_clear()
    yield tmp_path
    settings_module.current.cache_clear()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli_module.main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _running(settings: settings_module.Settings) -> process.ServerStatus:
    server = settings.local
    return process.ServerStatus(
        True, 4242, settings.uri, server.browser_url, server.home, server.log_file, "5.26.24", "2.13.9"
    )


COMMANDS = [
    ("neo4j", "status"),
    ("neo4j", "start"),
    ("neo4j", "stop"),
    ("demo", "--no-ui"),
    ("ui",),
    ("cypher", "RETURN 1 AS one"),
    ("reset",),
    ("reset", "--yes"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_command_prints_the_password(
    args: tuple[str, ...],
    known_password: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(process, "start", lambda settings, **_: _running(settings))
    monkeypatch.setattr(demo_module, "_generate_and_load", lambda *a: print("generated and loaded"))
    monkeypatch.setattr(demo_module, "_analyze", lambda settings: print("analysed"))
    from graph.ingest import load_bulk

    monkeypatch.setattr(load_bulk, "never_created", lambda *a: True)
    monkeypatch.setattr(ui_module.os, "execv", lambda *a: print("serving", *a))
    _, output = run(capsys, *args)
    assert output.strip(), "the command printed nothing: the check would prove nothing"
    assert PASSWORD not in output


def test_status_says_where_the_password_is_kept(
    known_password: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process, "status", _running)
    code, output = run(capsys, "neo4j", "status")
    assert code == 0
    assert f"password kept in {known_password / 'password'}, mode 600" in output
    assert "`hotspot-kg neo4j password` shows it" in output
    assert PASSWORD not in output
    assert (known_password / "password").stat().st_mode & 0o777 == 0o600  # made private again on reading


def test_every_help_leaves_the_password_out(known_password: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names: list[list[str]] = [[]]
    for name, command in cli_module.cli.commands.items():
        names.append([name])
        names += [[name, sub] for sub in getattr(command, "commands", {})]
    for name in names:
        _, output = run(capsys, *name, "--help")
        assert output.strip() and PASSWORD not in output, name


def test_the_password_command_prints_it_when_asked(
    known_password: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run(capsys, "neo4j", "password")
    assert code == 0
    assert output.strip() == PASSWORD


def test_the_password_command_refuses_an_external_server(
    known_password: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example.org:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "the-users-own")
    code, output = run(capsys, "neo4j", "password")
    assert code == 1
    assert "Error: NEO4J_URI is set" in output and "the-users-own" not in output
