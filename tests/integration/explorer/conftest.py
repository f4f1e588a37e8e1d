"""Fixtures of the explorer's tests: the hand-made dataset loaded by the project's own loader, and the
environment that points the app (run in this process by AppTest) at the test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from neo4j import Driver

from graph.ingest import load_online, pipeline
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.maintenance import reset_database

from . import dataset


def load_folder(driver: Driver, database: str, folder: Path, tmp: Path) -> None:
    outcome = pipeline.prepare("canonical", folder, tmp / "rejects.csv")
    try:
        load_online.load(driver, outcome.staging, database=database)
    finally:
        outcome.staging.remove()
    assert outcome is not None


@pytest.fixture(scope="module")
def loaded(driver: Driver, database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    """An empty database with the hand-made dataset, emptied again after the module."""
    tmp = tmp_path_factory.mktemp("ui-data")
    reset_database(driver, database=database)
    load_folder(driver, database, dataset.write(tmp / "canonical"), tmp)
    yield driver
    reset_database(driver, database=database)


@pytest.fixture
def app_env(
    neo4j_settings: settings_module.Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[settings_module.Settings]:
    """NEO4J_* of the test server for the app, fresh caches before and after."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)
    _fresh()
    yield neo4j_settings
    _fresh()


def _fresh() -> None:
    settings_module.current.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
