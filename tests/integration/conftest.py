"""One session fixture gives the integration tests a real Neo4j with GDS.

The order: the server at NEO4J_URI if set; otherwise a Testcontainers-managed container on the Docker
or Podman engine that answers (the official image on Docker; on Podman, which the project sets up itself,
the local image localhost/hotspot-kg-neo4j, rebuilt if its inputs changed); otherwise the project's own
local server, in a test instance of its own (own data and ports, so `make test` never touches the demo's
data), started here and stopped at the end if this session started it.

HOTSPOT_TEST_NEO4J=container makes a failing container path an error instead of a fallback (CI sets it);
HOTSPOT_TEST_NEO4J=local skips containers. The path taken is printed in the report.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from neo4j import Driver

from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import ConfigError, HotspotError
from hotspot_kg.core.maintenance import reset_database
from hotspot_kg.server import process

PATH_TAKEN: list[str] = []
MODES = ("auto", "container", "local")


def _mode() -> str:
    mode = os.environ.get("HOTSPOT_TEST_NEO4J", "auto").strip() or "auto"
    if mode not in MODES:
        raise ConfigError(f"HOTSPOT_TEST_NEO4J={mode!r}: use one of {', '.join(MODES)}")
    return mode


def pytest_report_header(config: pytest.Config) -> str:
    if os.environ.get("NEO4J_URI"):
        return f"neo4j: the server at NEO4J_URI={os.environ['NEO4J_URI']}"
    order = {
        "auto": "a Testcontainers container (Docker, else Podman set up by the project), else the local server",
        "container": "a Testcontainers container (Docker, else Podman set up by the project); no fallback",
        "local": "the local server process",
    }
    mode = _mode()
    return f"neo4j (HOTSPOT_TEST_NEO4J={mode}): {order[mode]}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in PATH_TAKEN:
        terminalreporter.write_line(f"integration tests ran against: {line}")


def _container_settings(stack: ExitStack) -> settings_module.Settings:
    """Start Neo4j in a container for the session (closed by ``stack``) and return its settings."""
    from hotspot_kg.container.engine import find_engine
    from hotspot_kg.container.testcontainer import neo4j_container

    engine = find_engine()
    stack.callback(engine.close)
    uri, user, password = stack.enter_context(neo4j_container(engine, echo=print))
    PATH_TAKEN.append(f"a Testcontainers-managed container ({uri}) on {engine.describe()}")
    local = settings_module.local_server(for_tests=True)
    return settings_module.Settings(uri, user, password, "neo4j", True, local)


def _local_settings(stack: ExitStack) -> settings_module.Settings:
    settings = settings_module.load(for_tests=True)
    if process.running_pid(settings.local) is None:
        process.start(settings, echo=lambda line: print(line))
        stack.callback(process.stop, settings, echo=lambda line: None)
    return settings


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[settings_module.Settings]:
    env_settings = settings_module.load()
    if env_settings.external:
        PATH_TAKEN.append(f"NEO4J_URI {env_settings.uri}")
        yield env_settings
        return
    mode = _mode()
    with ExitStack() as stack:
        settings = None
        if mode in ("auto", "container"):
            try:
                settings = _container_settings(stack)
            except HotspotError as e:
                if mode == "container":
                    raise
                PATH_TAKEN.append(f"(no container: {e})")
        if settings is None:
            settings = _local_settings(stack)
            PATH_TAKEN.append(f"the local server process ({settings.uri}, {settings.local.home})")
        yield settings


@pytest.fixture(scope="session")
def local_settings(neo4j_settings: settings_module.Settings) -> Iterator[settings_module.Settings]:
    """The project's own server process, for the tests of that process: the session's server when the
    session runs on it, else a test instance started for these tests (and stopped at the end)."""
    if not neo4j_settings.external:
        yield neo4j_settings
        return
    if os.environ.get("NEO4J_URI"):
        pytest.fail("this check needs the local server; unset NEO4J_URI")
    with ExitStack() as stack:
        yield _local_settings(stack)


@pytest.fixture(scope="session")
def local_driver(local_settings: settings_module.Settings) -> Iterator[Driver]:
    with db.connect(local_settings) as drv:
        yield drv


@pytest.fixture(scope="session")
def driver(neo4j_settings: settings_module.Settings) -> Iterator[Driver]:
    with db.connect(neo4j_settings) as drv:
        yield drv


@pytest.fixture(scope="session")
def database(neo4j_settings: settings_module.Settings) -> str:
    return neo4j_settings.database


@pytest.fixture
def empty_db(driver: Driver, database: str) -> Iterator[Driver]:
    """An empty database for the test, emptied again afterwards (tests clean up what they write)."""
    reset_database(driver, database=database)
    yield driver
    reset_database(driver, database=database)


@pytest.fixture(scope="module")
def bulk_settings() -> Iterator[settings_module.Settings]:
    """The project's local server in an instance of its own (.neo4j/test-bulk-instance, test ports + 20000),
    whatever server the other integration tests use (a container, say): --bulk runs neo4j-admin on the
    local server's store. With NEO4J_URI set (an external server), the settings of that server, to test
    the refusal.

    An instance of its own also because a bulk import replaces the store, and with it the transaction
    ids: a long-lived driver that read before holds bookmarks the new store has not reached.
    """
    if os.environ.get("NEO4J_URI"):
        yield settings_module.load()
        return
    tests = settings_module.load({k: v for k, v in os.environ.items() if k != "NEO4J_URI"}, for_tests=True)
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env["HOTSPOT_NEO4J_HOME"] = str(tests.local.dist / "test-bulk-instance")
    env["HOTSPOT_BOLT_PORT"] = str(tests.local.bolt_port + 20000)
    env["HOTSPOT_HTTP_PORT"] = str(tests.local.http_port + 20000)
    config = settings_module.load(env)
    process.start(config, echo=lambda line: None)
    try:
        yield config
    finally:
        process.stop(config, echo=lambda line: None)
