"""The image's entrypoint (neo4j-build/image/docker-entrypoint.sh), sourced in bash without a container."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ENTRYPOINT = Path(__file__).resolve().parents[2] / "neo4j-build" / "image" / "docker-entrypoint.sh"
TEMPLATE = ENTRYPOINT.parent / "neo4j.conf"


def run_entrypoint_function(
    script: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Source the entrypoint in a clean bash with NEO4J_HOME=home and run ``script``."""
    bash = shutil.which("bash")
    assert bash, "bash is needed to test the entrypoint"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    jvm_options = home / "jvm.options"
    jvm_options.write_text("# flags\n-XX:+UseG1GC\n\n-Dfile.encoding=UTF-8\n", encoding="utf-8")
    base_env = {
        "PATH": "/usr/bin:/bin",
        "NEO4J_HOME": str(home),
        "HOTSPOT_CONF_TEMPLATE": str(TEMPLATE),
        "HOTSPOT_JVM_OPTIONS": str(jvm_options),
    }
    return subprocess.run(
        [bash, "-c", f'source "{ENTRYPOINT}"; {script}'],
        env={**base_env, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def conf_lines(home: Path) -> list[str]:
    return (home / "conf" / "neo4j.conf").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("name", "setting"),
    [
        ("NEO4J_server_memory_heap_max__size", "server.memory.heap.max_size"),
        ("NEO4J_dbms_security_procedures_unrestricted", "dbms.security.procedures.unrestricted"),
        ("NEO4J_dbms_usage__report_enabled", "dbms.usage_report.enabled"),
        ("NEO4J_server_bolt_listen__address", "server.bolt.listen_address"),
    ],
)
def test_variable_names_map_to_settings_like_the_official_image(
    tmp_path: Path, name: str, setting: str
) -> None:
    done = run_entrypoint_function(f"env_to_setting {name}", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == setting


def test_write_conf_applies_variables_over_the_template(tmp_path: Path) -> None:
    env = {
        "NEO4J_server_memory_pagecache_size": "1g",  # replaces the template's 512m
        "NEO4J_server_memory_heap_max__size": "768m",  # new
        "NEO4J_AUTH": "neo4j/secret123",  # not a setting
        "NEO4J_PLUGINS": '["graph-data-science"]',  # not a setting
        "NEO4J_db_logs_query_enabled": "",  # empty: ignored
    }
    done = run_entrypoint_function("write_conf", tmp_path, env)
    assert done.returncode == 0, done.stderr
    lines = conf_lines(tmp_path)
    assert [line for line in lines if line.startswith("server.memory.pagecache.size=")] == [
        "server.memory.pagecache.size=1g"
    ]
    assert "server.memory.heap.max_size=768m" in lines
    assert "server.default_listen_address=0.0.0.0" in lines
    assert "dbms.security.procedures.unrestricted=gds.*" in lines
    assert not any(line.startswith(("auth", "plugins", "db.logs")) for line in lines)


def test_write_conf_is_rebuilt_from_the_template_at_each_start(tmp_path: Path) -> None:
    first = run_entrypoint_function("write_conf", tmp_path, {"NEO4J_server_memory_pagecache_size": "2g"})
    assert first.returncode == 0, first.stderr
    second = run_entrypoint_function("write_conf", tmp_path)
    assert second.returncode == 0, second.stderr
    assert "server.memory.pagecache.size=512m" in conf_lines(tmp_path)
    assert "server.memory.pagecache.size=2g" not in conf_lines(tmp_path)


@pytest.mark.parametrize(
    ("size", "jvm"),
    [
        ("512m", "512m"),
        ("2G", "2g"),
        ("1GiB", "1g"),
        ("1024MB", "1024m"),
        ("2048k", "2048k"),
        ("1073741824", "1073741824"),
    ],
)
def test_neo4j_sizes_become_jvm_sizes(tmp_path: Path, size: str, jvm: str) -> None:
    done = run_entrypoint_function(f"jvm_size '{size}'", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == jvm


def test_a_size_it_cannot_read_is_an_error_that_says_how_to_write_it(tmp_path: Path) -> None:
    done = run_entrypoint_function("jvm_size 'lots'", tmp_path)
    assert done.returncode == 1
    assert "memory size 'lots' is not understood" in done.stderr


def test_jvm_options_hold_the_flags_then_the_heap_then_extra_lines(tmp_path: Path) -> None:
    env = {
        "NEO4J_server_memory_heap_initial__size": "256m",
        "NEO4J_server_memory_heap_max__size": "1g",
        "NEO4J_server_jvm_additional": "-XX:+ExitOnOutOfMemoryError",
    }
    done = run_entrypoint_function('write_conf; jvm_options; printf "%s\\n" "${JVM_OPTS[@]}"', tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "-XX:+UseG1GC",
        "-Dfile.encoding=UTF-8",
        "-Xms256m",
        "-Xmx1g",
        "-XX:+ExitOnOutOfMemoryError",
    ]


@pytest.mark.parametrize(
    ("auth", "message"),
    [
        ("admin/secret123", "NEO4J_AUTH user must be neo4j"),
        ("neo4j/neo4j", "must not be 'neo4j'"),
        ("neo4j/short", "at least 8 characters"),
        ("secret123", "NEO4J_AUTH must be none or neo4j/PASSWORD"),
    ],
)
def test_bad_neo4j_auth_stops_the_start_with_a_reason(tmp_path: Path, auth: str, message: str) -> None:
    done = run_entrypoint_function("write_conf; AS_NEO4J=(); setup_auth", tmp_path, {"NEO4J_AUTH": auth})
    assert done.returncode == 1
    assert message in done.stderr


def test_neo4j_auth_none_disables_authentication(tmp_path: Path) -> None:
    done = run_entrypoint_function("write_conf; AS_NEO4J=(); setup_auth", tmp_path, {"NEO4J_AUTH": "none"})
    assert done.returncode == 0, done.stderr
    assert "dbms.security.auth_enabled=false" in conf_lines(tmp_path)


def test_an_unreadable_heap_size_stops_the_start(tmp_path: Path) -> None:
    env = {"NEO4J_server_memory_heap_max__size": "plenty"}
    done = run_entrypoint_function("write_conf; jvm_options; echo reached", tmp_path, env)
    assert done.returncode == 1
    assert "reached" not in done.stdout
    assert "memory size 'plenty' is not understood" in done.stderr


def test_conf_stays_readable_by_the_neo4j_user_after_a_setting_is_changed(tmp_path: Path) -> None:
    done = run_entrypoint_function("write_conf; set_setting dbms.security.auth_enabled true", tmp_path)
    assert done.returncode == 0, done.stderr
    mode = (tmp_path / "conf" / "neo4j.conf").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044, oct(mode)  # group and others may read
    assert conf_lines(tmp_path).count("dbms.security.auth_enabled=true") == 1
