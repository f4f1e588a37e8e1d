"""Podman set-up pieces that need no engine: the Debian mirror, the API ping, the Testcontainers variables."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from hotspot_kg.container.engine import Engine, probe
from hotspot_kg.container.podman import CONTAINERS_CONF, env_for_testcontainers, ping, podman_env
from hotspot_kg.container.rootfs import DEFAULT_MIRROR, debian_mirror


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_mirror_comes_from_a_deb822_sources_file(tmp_path: Path) -> None:
    write(
        tmp_path / "sources.list.d" / "debian.sources",
        "Types: deb\n# http://snapshot.debian.org/archive/debian/20250520T000000Z\n"
        "URIs: http://mirror.example.org/debian/\nSuites: bookworm bookworm-updates\nComponents: main\n\n"
        "Types: deb\nURIs: http://security.example.org/debian-security\nSuites: bookworm-security\n",
    )
    assert debian_mirror(tmp_path, env={}) == "http://mirror.example.org/debian"


def test_mirror_comes_from_a_one_line_sources_list_and_skips_other_suites(tmp_path: Path) -> None:
    write(
        tmp_path / "sources.list",
        "# comment\ndeb http://security.example.org/debian-security bookworm-security main\n"
        "deb [arch=amd64 signed-by=/k.gpg] https://ftp.example.de/debian bookworm main contrib\n",
    )
    assert debian_mirror(tmp_path, env={}) == "https://ftp.example.de/debian"


def test_disabled_deb822_entries_and_deb_src_are_ignored(tmp_path: Path) -> None:
    write(
        tmp_path / "sources.list.d" / "a.sources",
        "Types: deb\nURIs: http://off.example.org/debian\nSuites: bookworm\nEnabled: no\n\n"
        "Types: deb-src\nURIs: http://src.example.org/debian\nSuites: bookworm\n",
    )
    assert debian_mirror(tmp_path, env={}) == DEFAULT_MIRROR


def test_the_environment_overrides_the_mirror(tmp_path: Path) -> None:
    write(tmp_path / "sources.list", "deb http://mirror.example.org/debian bookworm main\n")
    assert (
        debian_mirror(tmp_path, env={"HOTSPOT_DEBIAN_MIRROR": "http://local/debian/"})
        == "http://local/debian"
    )


def test_podman_env_points_at_the_project_settings() -> None:
    env = podman_env({"PATH": "/bin"})
    assert env == {"PATH": "/bin", "CONTAINERS_CONF": str(CONTAINERS_CONF)}
    text = CONTAINERS_CONF.read_text(encoding="utf-8")
    assert 'runtime = "runc"' in text
    assert 'cgroup_manager = "cgroupfs"' in text
    assert "default_ulimits = []" in text


def test_the_four_testcontainers_variables() -> None:
    assert env_for_testcontainers("unix:///x/podman.sock") == {
        "DOCKER_HOST": "unix:///x/podman.sock",
        "TESTCONTAINERS_RYUK_DISABLED": "true",
        "TESTCONTAINERS_CONNECTION_MODE": "docker_host",
        "TC_HOST": "127.0.0.1",
    }


def _serve_once(server: socket.socket, reply: bytes) -> None:
    conn, _ = server.accept()
    with conn:
        conn.recv(1024)
        conn.sendall(reply)


def test_ping_needs_an_http_200_on_the_socket(tmp_path: Path) -> None:
    path = tmp_path / "api.sock"
    assert not ping(path)  # nothing there
    for reply, expected in ((b"HTTP/1.1 200 OK\r\n\r\nOK", True), (b"HTTP/1.1 500 Error\r\n\r\n", False)):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            path.unlink(missing_ok=True)
            server.bind(str(path))
            server.listen(1)
            thread = threading.Thread(target=_serve_once, args=(server, reply))
            thread.start()
            assert ping(path) is expected
            thread.join(5)


def test_activate_points_testcontainers_at_podman_and_close_restores_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from testcontainers.core.config import ConnectionMode
    from testcontainers.core.config import testcontainers_config as tc

    monkeypatch.setenv("DOCKER_HOST", "unix:///before.sock")
    monkeypatch.delenv("TC_HOST", raising=False)
    for attr in ("ryuk_disabled", "tc_host_override", "connection_mode_override"):
        monkeypatch.setattr(tc, attr, getattr(tc, attr))  # restored after the test
    engine = Engine("podman", "unix:///x/podman.sock", "4.3.1")
    engine.activate()
    assert os.environ["DOCKER_HOST"] == "unix:///x/podman.sock"
    assert os.environ["TC_HOST"] == "127.0.0.1"
    assert tc.ryuk_disabled is True
    assert tc.tc_host_override == "127.0.0.1"
    assert tc.connection_mode_override == ConnectionMode.docker_host
    engine.close()
    assert os.environ["DOCKER_HOST"] == "unix:///before.sock"
    assert "TC_HOST" not in os.environ


def test_nothing_answering_is_not_an_engine(tmp_path: Path) -> None:
    assert probe(f"unix://{tmp_path / 'none.sock'}", timeout=2) is None
