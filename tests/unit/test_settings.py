from __future__ import annotations

from pathlib import Path

import pytest

from hotspot_kg.core import settings
from hotspot_kg.core.errors import ConfigError


def test_external_server_needs_a_password() -> None:
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD is not"):
        settings.load({"NEO4J_URI": "bolt://db.example:7687"})


def test_external_server_is_used_as_given(tmp_path: Path) -> None:
    s = settings.load(
        {
            "NEO4J_URI": "neo4j+s://x.databases.neo4j.io",
            "NEO4J_USER": "u",
            "NEO4J_PASSWORD": "p",
            "NEO4J_DATABASE": "patents",
            "HOTSPOT_NEO4J_HOME": str(tmp_path),
        }
    )
    assert (s.uri, s.user, s.password, s.database, s.external) == (
        "neo4j+s://x.databases.neo4j.io",
        "u",
        "p",
        "patents",
        True,
    )


def test_local_password_is_generated_once_and_kept(tmp_path: Path) -> None:
    env = {"HOTSPOT_NEO4J_HOME": str(tmp_path)}
    first = settings.load(env)
    second = settings.load(env)
    assert first.password == second.password
    assert len(first.password) >= 8
    assert (tmp_path / "password").stat().st_mode & 0o777 == 0o600
    assert first.uri == "bolt://127.0.0.1:7687" and not first.external


def test_password_from_environment_wins(tmp_path: Path) -> None:
    s = settings.load({"HOTSPOT_NEO4J_HOME": str(tmp_path), "NEO4J_PASSWORD": "from-env-123"})
    assert s.password == "from-env-123"
    assert not (tmp_path / "password").exists()


def test_test_instance_has_its_own_home_and_ports(tmp_path: Path) -> None:
    env = {"HOTSPOT_NEO4J_HOME": str(tmp_path), "HOTSPOT_BOLT_PORT": "7702", "HOTSPOT_HTTP_PORT": "7402"}
    s = settings.load(env, for_tests=True)
    assert s.local.home == tmp_path / "test-instance"
    assert (s.local.bolt_port, s.local.http_port) == (17702, 17402)
    assert s.local.dist == settings.PROJECT_ROOT / ".neo4j"  # the built distribution is shared


@pytest.mark.parametrize("value", ["abc", "0", "70000"])
def test_bad_port_is_refused(value: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="HOTSPOT_BOLT_PORT"):
        settings.load({"HOTSPOT_BOLT_PORT": value, "HOTSPOT_NEO4J_HOME": str(tmp_path)})
