"""The local server's set-up, without starting Java: pins, configuration, and the errors a user meets."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import yaml

from hotspot_kg.core import settings
from hotspot_kg.core.errors import ServerError
from hotspot_kg.server import build, conf, pins, process

ROOT = Path(__file__).resolve().parents[2]


def test_pins_are_exact_versions() -> None:
    p = pins()
    for version in (p.neo4j, p.gds, p.browser):
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    assert p.neo4j.startswith("5.26.") and p.gds.startswith("2.13.")


def test_docker_compose_matches_the_pins() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["neo4j"]
    default_image = re.search(r":-([^}]+)}", service["image"]).group(1)  # type: ignore[union-attr]
    assert default_image == f"neo4j:{pins().neo4j}-community"
    assert service["environment"]["NEO4J_PLUGINS"] == '["graph-data-science"]'
    assert service["environment"]["NEO4J_dbms_security_procedures_unrestricted"] == "gds.*"
    assert "healthcheck" in service
    assert any(port.endswith(":7687") for port in service["ports"])
    assert any(port.endswith(":7474") for port in service["ports"])


def test_server_binds_loopback_only(tmp_path: Path) -> None:
    local = settings.local_server({"HOTSPOT_NEO4J_HOME": str(tmp_path)})
    values = conf.settings(local)
    assert values["server.default_listen_address"] == "127.0.0.1"
    assert values["server.bolt.listen_address"] == "127.0.0.1:7687"
    assert values["server.http.listen_address"] == "127.0.0.1:7474"
    assert values["dbms.security.auth_enabled"] == "true"
    assert values["dbms.security.procedures.unrestricted"] == "gds.*"


def test_memory_is_settable(tmp_path: Path) -> None:
    local = settings.local_server(
        {"HOTSPOT_NEO4J_HOME": str(tmp_path), "HOTSPOT_NEO4J_HEAP": "6g", "HOTSPOT_NEO4J_PAGECACHE": "3g"}
    )
    command = conf.command(local)
    assert "-Xmx6g" in command and "-Xms512m" in command
    assert conf.settings(local)["server.memory.pagecache.size"] == "3g"
    assert conf.min_heap("256m") == "256m"


def test_a_taken_port_gives_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        s = settings.load(
            {
                "HOTSPOT_NEO4J_HOME": str(tmp_path),
                "HOTSPOT_BOLT_PORT": str(port),
                "HOTSPOT_HTTP_PORT": str(port + 1 if port < 65535 else port - 1),
            }
        )
        with pytest.raises(ServerError) as caught:
            process.start(s, echo=lambda _: None)
    message = str(caught.value)
    assert (
        message
        == f"port {port} (Bolt) is already taken by another process; stop it, or set HOTSPOT_BOLT_PORT to a free port"
    )


def test_missing_maven_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = settings.local_server({"HOTSPOT_NEO4J_DIST": str(tmp_path)})
    monkeypatch.setattr(build.shutil, "which", lambda name: None if name == "mvn" else "/usr/bin/" + name)
    with pytest.raises(ServerError, match=r"Maven \(mvn\) is not installed"):
        build.ensure_built(local, echo=False)


def test_missing_java_is_explained(tmp_path: Path) -> None:
    local = settings.local_server(
        {"HOTSPOT_NEO4J_DIST": str(tmp_path), "HOTSPOT_JAVA_HOME": str(tmp_path / "nojava")}
    )
    with pytest.raises(ServerError, match=r"Java .* is not installed"):
        build.ensure_built(local, echo=False)


def test_external_server_is_never_started(tmp_path: Path) -> None:
    s = settings.load(
        {"NEO4J_URI": "bolt://10.0.0.1:7687", "NEO4J_PASSWORD": "x", "HOTSPOT_NEO4J_HOME": str(tmp_path)}
    )
    with pytest.raises(ServerError, match="NEO4J_URI is set"):
        process.start(s, echo=lambda _: None)


def test_a_stale_pid_file_is_not_a_running_server(tmp_path: Path) -> None:
    local = settings.local_server({"HOTSPOT_NEO4J_HOME": str(tmp_path)})
    (tmp_path / "run").mkdir()
    process.pid_file(local).write_text("1\n")  # pid 1 is not a Neo4j of this home
    assert process.running_pid(local) is None
