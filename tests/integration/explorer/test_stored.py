"""Stored result tables (analytics.stored): exact round trip, invalidation when the data changes, and the
explorer's pages reading them on their first render instead of computing."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from neo4j import Driver

from analytics import export_file, exports, store_tables, stored
from analytics.switches import Switches, parse_period
from graph.stamp import data_stamp
from ui import tables

from . import dataset
from .test_pages import open_app, texts

pytestmark = pytest.mark.integration
PAGES = ["overview", "specialisation", "novelty_complexity", "ecosystem", "global_networks"]


@pytest.fixture(scope="module")
def analysed(loaded: Driver, database: str) -> Driver:
    """The hand-made dataset with the tables of the default switches stored, as `hotspot-kg analyze` does."""
    done = store_tables.store_all(loaded, Switches(), database)
    assert {d["name"] for d in done} == {*store_tables.TABLES, "local-network"}
    return loaded


def test_every_stored_table_equals_the_live_computation(analysed: Driver, database: str) -> None:
    plan = store_tables.plan(Switches())
    assert ("collaboration-types", Switches(geo="applicant")) in [(n, s) for n, s in plan]  # the UI's geo
    for name, switches in plan:
        found = stored.load(analysed, name, switches, database)
        assert found is not None, name
        live, extra = store_tables.compute(analysed, name, switches, database)
        assert len(live) > 0 or name == "ownership", name
        pd.testing.assert_frame_equal(found.table, live.reset_index(drop=True), check_exact=True, obj=name)
        assert found.extra.pop("database") == exports.database_counts(analysed, database)  # for .meta.json
        assert found.extra == json.loads(json.dumps(extra, default=str)), name


def test_the_stored_local_network_equals_the_live_one(analysed: Driver, database: str) -> None:
    for period in Switches().resolved_periods(2010):
        got = tables.stored_network(analysed, dataset.SHENZHEN, period, Switches(), database)
        live = tables.local_network(analysed, dataset.SHENZHEN, period, Switches(), database)
        assert got is not None, period
        pd.testing.assert_frame_equal(got.nodes, live.nodes, check_exact=True)
        order = ["source", "target"]
        pd.testing.assert_frame_equal(
            got.edges.sort_values(order).reset_index(drop=True),
            live.edges.sort_values(order).reset_index(drop=True),
            check_exact=True,
            check_dtype=False,  # an empty live edge list has no dtype
        )
        assert got.modularity == live.modularity or (
            math.isnan(got.modularity) and math.isnan(live.modularity)
        )
    stage3 = tables.stored_network(
        analysed, dataset.SHENZHEN, parse_period("stage3:2006-2010"), Switches(), database
    )
    assert stage3 is not None and len(stage3.nodes) == 3 and len(stage3.edges) == 2  # Huawei, ZTE, SZU


def test_nulls_nan_booleans_and_empty_tables_survive_the_server(analysed: Driver, database: str) -> None:
    table = pd.DataFrame(
        {
            "text": ["a", None, "é 深圳"],
            "ratio": [0.1 + 0.2, float("nan"), -1e-300],
            "count": np.array([1, 2, 2**53 + 1], dtype="int64"),
            "flag": [True, False, True],
            "mixed": [1, "x", None],
        }
    )
    s = Switches(cities=("probe",))
    stored.save(analysed, "rsi", s, table, {"note": 1}, data_stamp(analysed, database), database)
    back = stored.load(analysed, "rsi", s, database)
    assert back is not None
    pd.testing.assert_frame_equal(back.table, table, check_exact=True)
    empty = table.iloc[0:0]
    stored.save(analysed, "rsi", s, empty, {}, data_stamp(analysed, database), database)
    back = stored.load(analysed, "rsi", s, database)
    assert back is not None and back.table.empty and list(back.table.columns) == list(table.columns)
    assert back.table.dtypes["ratio"] == np.float64


def test_a_stored_table_is_ignored_once_the_data_changes(analysed: Driver, database: str) -> None:
    assert stored.load(analysed, "rsi", Switches(), database) is not None
    analysed.execute_query(
        "CREATE (:Patent {id: 'P-stored-probe', in_db: true, year: 2009})", database_=database
    )
    try:
        assert stored.load(analysed, "rsi", Switches(), database) is None
        table, _, found = store_tables.fetch(analysed, "rsi", Switches(), database)
        assert found is None and len(table) > 0  # computed live instead
    finally:
        analysed.execute_query("MATCH (p:Patent {id: 'P-stored-probe'}) DELETE p", database_=database)
    assert stored.load(analysed, "rsi", Switches(), database) is not None  # the same data again


def test_other_switches_are_not_served_from_the_store(analysed: Driver, database: str) -> None:
    assert stored.load(analysed, "rsi", Switches(counting="whole"), database) is None
    assert (
        stored.load(analysed, "rsi", Switches(ipc_level="group"), database) is not None
    )  # fields: no IPC level
    assert stored.key("rsi", Switches()) != stored.key("rsi", Switches(cities=(dataset.SHENZHEN,)))


def test_export_reads_the_stored_table(analysed: Driver, database: str, tmp_path: Path) -> None:
    rows, meta_path = export_file.export(analysed, "rsi", {}, tmp_path / "rsi.csv", database)
    meta = json.loads(meta_path.read_text())
    assert "stored_table" in meta and rows == meta["rows"] > 0
    assert meta["database"] == exports.database_counts(analysed, database)
    live = exports.EXPORTS["rsi"].compute(analysed, Switches(), database)[0]
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "rsi.csv"), pd.read_csv(_csv(live, tmp_path)))
    export_file.export(analysed, "rsi", {"counting": "whole"}, tmp_path / "whole.csv", database)
    assert "stored_table" not in json.loads((tmp_path / "whole.meta.json").read_text())


def _csv(table: pd.DataFrame, folder: Path) -> Path:
    path = folder / "live.csv"
    table.reindex(columns=list(exports.EXPORTS["rsi"].columns)).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("page", PAGES)
def test_first_render_reads_stored_tables_only(
    page: str, analysed: Driver, app_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With fresh caches, a page renders from the stored tables: every live computation is made to fail."""
    calls: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(str(args[1]) if len(args) > 1 else "network")
        raise AssertionError("computed live")

    monkeypatch.setattr(store_tables, "compute", refuse)
    monkeypatch.setattr(tables, "local_network", refuse)
    at = open_app(None if page == "overview" else page)
    assert calls == [] and not at.error, (calls, texts(at.error))
    assert len(at.get("plotly_chart")) >= 1


def test_changed_settings_compute_live(
    analysed: Driver, app_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed: list[str] = []
    real = store_tables.compute

    def counting(driver: Driver, name: str, switches: Switches, database: str | None = None) -> object:
        computed.append(name)
        return real(driver, name, switches, database)

    monkeypatch.setattr(store_tables, "compute", counting)
    at = open_app(counting="whole")
    assert computed == ["patents-per-year", "novelty-cities"] and not at.error


def test_listing_and_clearing_the_stored_tables(analysed: Driver, database: str) -> None:  # runs last
    listed = stored.listing(analysed, database)
    assert {"rsi", "kci", "local-network", "local-network-edges", "cities"} <= set(listed["name"])
    assert (listed["stamp"] == data_stamp(analysed, database)).all()
    assert stored.clear(analysed, database) == len(listed)
    assert stored.load(analysed, "rsi", Switches(), database) is None
