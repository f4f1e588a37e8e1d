"""One session fixture gives the integration tests a real Neo4j with GDS.

The order: the server at NEO4J_URI if set; otherwise the project's own local server, in a test
instance of its own (own data and ports, so `make test` never touches the demo's data), started
here and stopped at the end if this session started it. The path taken is printed in the report.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from hotspot_kg import db
from hotspot_kg import settings as settings_module
from hotspot_kg.maintenance import reset_database
from hotspot_kg.server import process

PATH_TAKEN: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if PATH_TAKEN:
        terminalreporter.write_line(f"integration tests ran against: {PATH_TAKEN[0]}")


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[settings_module.Settings]:
    env_settings = settings_module.load()
    if env_settings.external:
        PATH_TAKEN.append(f"NEO4J_URI {env_settings.uri}")
        yield env_settings
        return
    settings = settings_module.load(for_tests=True)
    started = process.running_pid(settings.local) is None
    if started:
        process.start(settings, echo=lambda line: print(line))
    PATH_TAKEN.append(f"the local server process ({settings.uri}, {settings.local.home})")
    try:
        yield settings
    finally:
        if started:
            process.stop(settings, echo=lambda line: None)


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
