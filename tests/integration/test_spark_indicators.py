"""Parity of the two engines: every export Spark computes equals the in-graph one, to 1e-9 for numbers and
exactly for labels, types and row order, with the same report aside (periods, unlocated, unresolved,
dropped), under several switch combinations; on a small synthetic universe and on the USPTO sample,
each loaded with a lake (``load_path(..., lake_root=...)`` then ``finish_load``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import testkit
from neo4j import Driver

from analytics import export_file, exports
from analytics.switches import parse_periods
from graph.ingest.load_path import finish_load, load_path
from graph.ingest.synthetic import generate
from hotspot_kg.core.errors import LakeError
from hotspot_kg.core.maintenance import reset_database
from hotspot_kg.core.settings import Settings

testkit.need_pyspark()

N, SEED = 8_000, 7
SHARED = Path("/work/shared/data")
CASES: list[tuple[str, dict[str, Any]]] = [
    ("rsi", {}),
    ("rsi", {"geo": "inventor", "counting": "whole", "year": "priority", "periods": ("a:1990-2005", "b:2000-2020")}),
    ("rsi", {"tech_unit": "ipc", "ipc_level": "main_group", "counting": "whole"}),
    ("kci", {}),
    ("tci", {}),
    ("kci", {"geo": "inventor", "ipc_level": "group", "periods": ("all:1980-2030",)}),
    ("tci", {"counting": "whole", "year": "priority", "method": "reflections"}),
    ("kci", {"tech_unit": "field35", "convention": "ecomplexity"}),
    ("knowledge-sourcing", {}),
    ("knowledge-sourcing", {"self_citations": "exclude", "counting": "whole", "geo": "inventor"}),
    ("knowledge-sourcing", {"year": "priority", "periods": ("x:1995-2010",)}),
    ("collaboration-types", {}),
    ("collaboration-types", {"geo": "applicant", "counting": "whole", "year": "priority"}),
    ("novelty-patents", {}),
    ("novelty-patents", {"ipc_level": "main_group", "pool_years": 3, "year": "priority"}),
    ("novelty-cities", {}),
    ("novelty-cities", {"geo": "inventor", "counting": "whole", "ipc_level": "group", "pool_years": 8}),
    ("stakeholders", {}),
    ("ownership", {}),
    ("stakeholders", {"geo": "inventor", "counting": "whole", "year": "priority"}),
    ("ownership", {"geo": "inventor"}),
]  # fmt: skip


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One Spark session for the module (the exports' own sessions reuse it), with few partitions."""
    from hotspot_kg.spark import session
    from hotspot_kg.spark.config import spark_settings

    with session(spark_settings({"HOTSPOT_SPARK_SHUFFLE_PARTITIONS": "2"})) as started:
        yield started


def _load(driver: Driver, settings: Settings, fmt: str, folder: Path, tmp: Path) -> Path:
    reset_database(driver, database=settings.database)
    root = tmp / "lake"
    outcome, _ = load_path(settings, driver, fmt, folder, rejects_file=tmp / "rejects.csv", lake_root=root)
    assert outcome.rejected == 0, (tmp / "rejects.csv").read_text(encoding="utf-8")[:2000]
    finish_load(driver, settings, fmt, folder, outcome, root)
    return root


@pytest.fixture(scope="module")
def synthetic(
    spark: Any, driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("spark_synthetic")
    generate(tmp / "folder", patents=N, seed=SEED)
    root = _load(driver, neo4j_settings, "canonical", tmp / "folder", tmp)
    yield {"driver": driver, "db": neo4j_settings.database, "lake": root, "tmp": tmp}
    reset_database(driver, database=neo4j_settings.database)


def same(graph: tuple[pd.DataFrame, dict[str, Any]], spark: tuple[pd.DataFrame, dict[str, Any]]) -> None:
    """Equal tables (columns, dtypes, row order and labels exactly; numbers to 1e-9) and equal reports."""
    (g, g_extra), (s, s_extra) = graph, spark
    assert len(g) > 0
    if "novelty_type" in g:  # one row a patent, in the graph's node order: compared by patent id
        g = g.sort_values("patent_id", ignore_index=True)
    g, s = g.reset_index(drop=True), s.reset_index(drop=True)
    pd.testing.assert_frame_equal(g, s, check_exact=False, rtol=1e-9, atol=1e-9)
    assert _same_report(
        json.loads(json.dumps(g_extra, default=str)), json.loads(json.dumps(s_extra, default=str))
    )


def _same_report(g: Any, s: Any) -> bool:
    if isinstance(g, dict):
        assert isinstance(s, dict) and set(g) == set(s), (g, s)
        return all(_same_report(g[k], s[k]) for k in g)
    if isinstance(g, list):
        assert isinstance(s, list) and len(g) == len(s), (g, s)
        return all(_same_report(a, b) for a, b in zip(g, s, strict=True))
    if isinstance(g, float) or isinstance(s, float):
        assert np.isclose(g, s, rtol=1e-9, atol=1e-9), (g, s)
        return True
    assert g == s and type(g) is type(s), (g, s)
    return True


def both(w: dict[str, Any], name: str, given: dict[str, Any]) -> tuple[Any, Any]:
    from analytics.spark.lake import open_lake
    from hotspot_kg.spark import session

    with session() as spark:
        return on_lake(w, open_lake(spark, w["lake"], w["driver"], w["db"]), name, given)


def on_lake(w: dict[str, Any], lake: Any, name: str, given: dict[str, Any]) -> tuple[Any, Any]:
    """Export ``name`` under ``given`` from the graph and from ``lake``, opened in a running session."""
    from analytics.spark import exports as spark_exports

    if "periods" in given:
        given = {**given, "periods": parse_periods(given["periods"])}
    switches = exports.switches_for(name, given)
    graph = exports.lookup(name).compute(w["driver"], switches, w["db"])
    return graph, spark_exports.compute(lake, name, switches)


@pytest.mark.parametrize(("name", "given"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_spark_exports_equal_the_graph_ones_on_a_synthetic_universe(
    synthetic: dict[str, Any], name: str, given: dict[str, Any]
) -> None:
    same(*both(synthetic, name, given))


def test_the_export_file_records_the_engine_and_writes_the_same_csv(synthetic: dict[str, Any]) -> None:
    given = {"counting": "whole"}
    out = synthetic["tmp"] / "out"
    export_file.export(synthetic["driver"], "rsi", given, out / "graph.csv", synthetic["db"])
    export_file.export(synthetic["driver"], "rsi", given, out / "spark.csv", synthetic["db"], engine="spark",
                       lake_root=synthetic["lake"])  # fmt: skip
    g, s = pd.read_csv(out / "graph.csv"), pd.read_csv(out / "spark.csv")
    pd.testing.assert_frame_equal(g, s, check_exact=False, rtol=1e-9, atol=1e-9)
    g_meta = json.loads((out / "graph.meta.json").read_text(encoding="utf-8"))
    s_meta = json.loads((out / "spark.meta.json").read_text(encoding="utf-8"))
    assert (g_meta["engine"], s_meta["engine"]) == ("graph", "spark")
    assert s_meta["settings"] == g_meta["settings"] and s_meta["database"] == g_meta["database"]


def test_a_lake_that_no_longer_matches_the_database_is_refused(synthetic: dict[str, Any]) -> None:
    driver = synthetic["driver"]
    driver.execute_query("CREATE (:Patent {id: 'P-spark-extra', in_db: true})", database_=synthetic["db"])
    try:
        with pytest.raises(LakeError, match="does not match the database"):
            export_file.table_and_meta(
                driver, "rsi", {}, synthetic["db"], engine="spark", lake_root=synthetic["lake"]
            )
    finally:
        driver.execute_query("MATCH (p:Patent {id: 'P-spark-extra'}) DELETE p", database_=synthetic["db"])


@pytest.mark.parametrize(
    "given",
    [
        {},
        {"geo": "inventor", "counting": "whole", "pool_years": 3, "periods": ("a:1985-2004", "b:2005-2030")},
    ],
)
def test_spark_stages_equal_the_graph_ones_on_a_synthetic_universe(
    synthetic: dict[str, Any], given: dict[str, Any]
) -> None:
    from analytics import stages
    from analytics.spark import stages as spark_stages
    from analytics.spark.lake import open_lake
    from analytics.switches import Switches
    from hotspot_kg.spark import session

    switches = Switches(
        **{**given, "periods": parse_periods(given["periods"]) if "periods" in given else None}
    )
    graph = stages.compute(synthetic["driver"], switches, synthetic["db"])
    with session() as spark:
        table = spark_stages.compute(
            open_lake(spark, synthetic["lake"], synthetic["driver"], synthetic["db"]), switches
        )
    same((graph, {}), (table, {}))


# The USPTO sample replaces the synthetic universe in the database: its tests come last.
@pytest.fixture(scope="module")
def uspto(
    spark: Any, driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    folder = SHARED / "uspto-grants"
    testkit.need(folder.is_dir(), f"the USPTO sample of the shared data is not at {folder}")
    tmp = tmp_path_factory.mktemp("spark_uspto")
    root = _load(driver, neo4j_settings, "uspto-xml", folder, tmp)
    yield {"driver": driver, "db": neo4j_settings.database, "lake": root, "tmp": tmp}
    reset_database(driver, database=neo4j_settings.database)


@pytest.mark.parametrize(
    ("name", "given"),
    [("rsi", {}), ("rsi", {"geo": "inventor", "counting": "whole"}), ("kci", {"periods": ("all:1970-2030",)}),
     ("tci", {"periods": ("all:1970-2030",)}), ("knowledge-sourcing", {"periods": ("all:1970-2030",)}),
     ("collaboration-types", {}), ("novelty-patents", {"pool_years": 0}), ("novelty-cities", {"pool_years": 0}),
     ("stakeholders", {})],
)  # fmt: skip
def test_spark_exports_equal_the_graph_ones_on_the_uspto_sample(
    uspto: dict[str, Any], name: str, given: dict[str, Any]
) -> None:
    graph, spark = both(uspto, name, given)
    if name == "knowledge-sourcing":  # no cited patent is in the sample: every citation is unresolved
        assert graph[0].empty and spark[0].empty and _same_report(graph[1], spark[1])
        return
    same(graph, spark)


# Last: it stops the module's local session (one SparkContext a process) for one on the cluster.
def test_spark_exports_equal_the_graph_ones_on_a_standalone_two_worker_cluster(
    uspto: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analytics.spark.lake import open_lake
    from hotspot_kg.spark import session
    from hotspot_kg.spark.cluster import StandaloneCluster

    monkeypatch.setenv("HOTSPOT_SPARK_EXECUTOR_MEMORY", "768m")  # within the workers' 1g
    monkeypatch.setenv("HOTSPOT_SPARK_SHUFFLE_PARTITIONS", "4")
    cases = [("rsi", {"geo": "inventor", "counting": "whole"}), ("kci", {"periods": ("all:1970-2030",)}),
             ("collaboration-types", {}), ("novelty-cities", {"pool_years": 0}), ("stakeholders", {})]  # fmt: skip
    with StandaloneCluster(tmp_path / "cluster", workers=2, cores=1, memory="1g") as cluster:
        with session(master=cluster.master_url, app="spark-indicators-cluster") as spark:
            assert spark.sparkContext.master == cluster.master_url
            lake = open_lake(spark, uspto["lake"], uspto["driver"], uspto["db"])
            for name, given in cases:
                same(*on_lake(uspto, lake, name, given))
        # both workers ran executors of the exports
        assert all(list((tmp_path / "cluster" / f"worker-{k}").glob("app-*/*/stderr")) for k in (0, 1))
