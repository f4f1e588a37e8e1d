"""The load on Spark into the real Neo4j: bulk import and online append through the Neo4j connector give
the in-process loader's graph; the append is idempotent and a killed run completes on the next; the same
load runs on a standalone Spark cluster of a master and two workers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import testkit
from neo4j import Driver

from graph.ingest import lake, load_online, pipeline
from graph.ingest.load_path import finish_load
from graph.ingest.spark import load as spark_load
from graph.stamp import data_stamp
from hotspot_kg.core import db, settings
from hotspot_kg.core.maintenance import reset_database

testkit.need_pyspark()

pytestmark = pytest.mark.integration
HERE = Path(__file__).resolve().parent


def _test_load() -> Any:
    """test_load.py: its graph shape, fixture folders and expected counts."""
    return testkit.sibling(__file__, "test_load", "integration_test_load")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the module (the loads use it instead of starting their own)."""
    from hotspot_kg.spark import session

    with session() as s:
        yield s


def in_process_graph(
    driver: Driver, folder: Path, tmp_path: Path, fmt: str = "canonical"
) -> dict[str, set[tuple[object, ...]]]:
    """The graph the in-process online load makes of ``folder`` (the database is emptied after)."""
    t = _test_load()
    reset_database(driver)
    outcome = pipeline.prepare(fmt, folder, tmp_path / "reference-rejects.csv", tmp_path)
    try:
        load_online.load(driver, outcome.staging)
    finally:
        outcome.staging.remove()
    want: dict[str, set[tuple[object, ...]]] = t.graph(driver)
    reset_database(driver)
    return want


def test_the_spark_bulk_load_builds_the_in_process_graph(
    bulk_settings: settings.Settings, spark: Any, tmp_path: Path
) -> None:
    testkit.need(
        not bulk_settings.external, "--bulk runs neo4j-admin on the project's local server; NEO4J_URI is set"
    )
    t = _test_load()
    folder = t.with_origins(tmp_path)
    with db.connect(bulk_settings) as driver:
        want = in_process_graph(driver, folder, tmp_path)
    timings = spark_load.SparkTimings()
    root = tmp_path / "lake"
    outcome, created = spark_load.load(
        bulk_settings, None, "canonical", folder, bulk=True, rejects_file=tmp_path / "rejects.csv",
        lake_root=root, csv_folder=tmp_path / "csv", timings=timings,
    )  # fmt: skip
    assert (outcome.rejected, outcome.merged, outcome.duplicates) == (0, 1, 1)
    assert created.nodes == t.EXPECTED_NODES and created.relationships == t.EXPECTED_RELS
    assert timings.bulk.admin_import > 0 and list((tmp_path / "csv").glob("Patent-0/part-*.csv"))
    with db.connect(bulk_settings) as driver:  # a new driver: the import made a new store
        assert t.graph(driver) == want
        finish_load(driver, bulk_settings, "canonical", folder, outcome, root)
        manifest = lake.require_matching(root, data_stamp(driver, bulk_settings.database))
        assert (
            manifest.engine == "spark" and manifest.rows["patents"] == 4 and manifest.rows["citations"] == 4
        )
        reset_database(driver)


def test_the_spark_append_is_idempotent_and_a_killed_run_completes(
    empty_db: Driver, neo4j_settings: settings.Settings, spark: Any, tmp_path: Path
) -> None:
    t = _test_load()
    folder = t.with_origins(tmp_path)
    want = in_process_graph(empty_db, folder, tmp_path)

    class Killed(Exception):
        pass

    def kill(dataset: str, rows: int) -> None:
        if dataset == "patents":
            raise Killed

    common: dict[str, Any] = {"rejects_file": tmp_path / "rejects.csv", "lake_root": tmp_path / "lake"}
    with pytest.raises(Killed):
        spark_load.load(neo4j_settings, empty_db, "canonical", folder, hook=kill, **common)
    half = t.graph(empty_db)
    assert half["patents"] and not half["filed_by"] and not half["cites"]  # killed before the links
    _, created = spark_load.load(neo4j_settings, empty_db, "canonical", folder, **common)
    assert t.graph(empty_db) == want
    assert created.relationships["FILED_BY"] == t.EXPECTED_RELS["FILED_BY"]
    _, again = spark_load.load(neo4j_settings, empty_db, "canonical", folder, **common)
    assert set(again.nodes.values()) == {0} and set(again.relationships.values()) == {0}
    assert t.graph(empty_db) == want


def test_a_patentsview_folder_loads_on_spark_as_in_process(
    empty_db: Driver, neo4j_settings: settings.Settings, spark: Any, tmp_path: Path
) -> None:
    """A damaged PatentsView universe (zips, parts, rejects, notices) appended through the connector gives
    the in-process loader's graph, the same rejects file and the same notices file."""
    from graph.ingest.synthetic.generate import generate

    t = _test_load()
    unit = str(HERE.parent / "unit" / "test_spark_patentsview.py")
    universe = testkit.sibling(unit, "patentsview_universe")
    generate(tmp_path / "canonical", patents=1_000, seed=8)
    folder = universe.write(tmp_path / "canonical", tmp_path / "pv", seed=8, rate=0.2, parts=True)
    want = in_process_graph(empty_db, folder, tmp_path, "patentsview")
    rejects = tmp_path / "spark-rejects.csv"
    outcome, _ = spark_load.load(neo4j_settings, empty_db, "patentsview", folder, rejects_file=rejects,
                                 lake_root=tmp_path / "lake")  # fmt: skip
    assert t.graph(empty_db) == want
    assert rejects.read_text() == (tmp_path / "reference-rejects.csv").read_text()
    assert outcome.notices > 0 and outcome.notices_file is not None
    reference = pipeline.notices_file(tmp_path / "reference-rejects.csv").read_text().splitlines()
    assert sorted(outcome.notices_file.read_text().splitlines()) == sorted(reference)
    assert not list(tmp_path.glob(".lake-unpacked*"))  # the unpacked zips are gone


def test_a_patstat_folder_loads_on_spark_as_in_process(
    empty_db: Driver, neo4j_settings: settings.Settings, spark: Any, tmp_path: Path
) -> None:
    """A damaged PATSTAT folder in parts and zips, appended through the connector, gives the in-process
    loader's graph, the same rejects file and the same notices file."""
    universe = testkit.sibling(str(HERE.parent / "unit" / "test_spark_patstat.py"), "patstat_universe")
    folder = universe.universe(tmp_path, seed=5, n=120)
    want = in_process_graph(empty_db, folder, tmp_path, "patstat")
    rejects = tmp_path / "spark-rejects.csv"
    outcome, _ = spark_load.load(neo4j_settings, empty_db, "patstat", folder, rejects_file=rejects,
                                 lake_root=tmp_path / "lake")  # fmt: skip
    assert _test_load().graph(empty_db) == want and want["patents"] and want["located"]
    assert rejects.read_text() == (tmp_path / "reference-rejects.csv").read_text()
    assert outcome.rejected > 0 and outcome.notices > 0 and outcome.notices_file is not None
    reference = pipeline.notices_file(tmp_path / "reference-rejects.csv").read_text()
    assert outcome.notices_file.read_text() == reference
    assert not list(tmp_path.glob(".lake-unpacked*"))


def test_the_load_runs_on_a_standalone_two_worker_cluster(
    empty_db: Driver, neo4j_settings: settings.Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hotspot_kg.spark.cluster import StandaloneCluster

    monkeypatch.setenv("HOTSPOT_SPARK_EXECUTOR_MEMORY", "768m")  # within the workers' 1g

    t = _test_load()
    folder = t.with_origins(tmp_path)
    want = in_process_graph(empty_db, folder, tmp_path)
    with StandaloneCluster(tmp_path / "cluster", workers=2, cores=1, memory="1g") as cluster:
        _, created = spark_load.load(
            neo4j_settings, empty_db, "canonical", folder, master=cluster.master_url,
            rejects_file=tmp_path / "rejects.csv", lake_root=tmp_path / "lake",
        )  # fmt: skip
        # both workers ran executors of the load
        assert all(list((tmp_path / "cluster" / f"worker-{k}").glob("app-*/*/stderr")) for k in (0, 1))
    assert created.nodes == t.EXPECTED_NODES and created.relationships == t.EXPECTED_RELS
    assert t.graph(empty_db) == want
