"""The Spark runtime's settings and errors, and how a load chooses its engine (no Spark started here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graph.ingest.load_path import choose_engine, engine_and_lake
from hotspot_kg.core import settings
from hotspot_kg.core.errors import ConfigError, SparkError
from hotspot_kg.spark import config, require_pyspark

SMALL = Path(__file__).resolve().parents[1] / "data" / "canonical_small"


def test_a_missing_spark_extra_is_one_line_that_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark raises ImportError
    with pytest.raises(SparkError) as raised:
        require_pyspark()
    message = str(raised.value)
    assert "\n" not in message and "pip install 'hotspot-kg[spark]'" in message


def test_spark_settings_have_defaults_for_this_machine_and_say_what_is_wrong() -> None:
    s = config.spark_settings({})
    assert (s.master, s.driver_memory, s.executor_memory, s.shuffle_partitions) == (
        "local[2]",
        "4g",
        "2g",
        16,
    )
    assert s.local and s.local_dir.name == "tmp" and s.storage == "disk"
    assert config.spark_settings({"HOTSPOT_SPARK_STORAGE": " Memory "}).storage == "memory"
    with pytest.raises(ConfigError, match="HOTSPOT_SPARK_STORAGE='ram' is not a storage; use disk"):
        config.spark_settings({"HOTSPOT_SPARK_STORAGE": "ram"})
    s = config.spark_settings(
        {"HOTSPOT_SPARK_MASTER": "spark://head:7077", "HOTSPOT_SPARK_CONF": "a.b=1; c.d = x=y ;",
         "HOTSPOT_SPARK_JARS": "/x.jar, /y.jar", "HOTSPOT_SPARK_SHUFFLE_PARTITIONS": "64"},
        master="local[1]",
    )  # fmt: skip
    assert (
        s.master == "local[1]"
        and s.conf == {"a.b": "1", "c.d": "x=y"}
        and s.extra_jars == ("/x.jar", "/y.jar")
    )
    assert s.shuffle_partitions == 64
    with pytest.raises(ConfigError, match="not a memory size"):
        config.spark_settings({"HOTSPOT_SPARK_DRIVER_MEMORY": "lots"})
    with pytest.raises(ConfigError, match="not a positive integer"):
        config.spark_settings({"HOTSPOT_SPARK_SHUFFLE_PARTITIONS": "0"})
    with pytest.raises(ConfigError, match="is not key=value"):
        config.spark_settings({"HOTSPOT_SPARK_CONF": "novalue"})


def test_auto_keeps_small_inputs_in_process_and_sends_large_ones_to_spark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    assert choose_engine("auto", "canonical", SMALL, said.append) == "local" and not said
    monkeypatch.setenv("HOTSPOT_SPARK_ABOVE", "100")  # the small folder is a few kB
    assert choose_engine("auto", "canonical", SMALL, said.append) == "spark"
    assert "loading on Spark" in said[-1]
    assert choose_engine("auto", "uspto-xml", SMALL, said.append) == "local"  # Spark reads no USPTO XML
    assert choose_engine("auto", "patentsview", SMALL, said.append) == "spark"
    assert choose_engine("auto", "patstat", SMALL, said.append) == "spark"
    assert choose_engine("local", "canonical", SMALL) == "local"
    with pytest.raises(ConfigError, match="unknown engine"):
        choose_engine("gpu", "canonical", SMALL)
    monkeypatch.setenv("HOTSPOT_SPARK_ABOVE", "lots")
    with pytest.raises(ConfigError, match="HOTSPOT_SPARK_ABOVE"):
        choose_engine("auto", "canonical", SMALL)


def test_the_spark_load_always_keeps_a_lake_and_a_master_needs_spark(tmp_path: Path) -> None:
    config_ = settings.load({"NEO4J_URI": "bolt://db.example:7687", "NEO4J_PASSWORD": "x"})
    engine, root = engine_and_lake(config_, "spark", "canonical", SMALL, None, None)
    assert engine == "spark" and root is not None and root.name == "db.example-7687-neo4j"
    assert engine_and_lake(config_, "spark", "canonical", SMALL, tmp_path, "local[1]") == ("spark", tmp_path)
    assert engine_and_lake(config_, "local", "canonical", SMALL, None, None) == ("local", None)
    with pytest.raises(ConfigError, match="add --engine spark"):
        engine_and_lake(config_, "local", "canonical", SMALL, None, "spark://head:7077")


def test_reused_tables_go_to_disk_unless_the_session_says_memory() -> None:
    from pyspark import StorageLevel

    from hotspot_kg.spark.session import conf, storage_level

    class Session:  # what storage_level reads of a SparkSession: its runtime conf
        def __init__(self, values: dict[str, str]) -> None:
            self.conf = values

    values = conf(config.spark_settings({"HOTSPOT_SPARK_STORAGE": "memory"}), "t")
    assert values[config.STORAGE_KEY] == "memory"
    assert storage_level(Session(values)) == StorageLevel.MEMORY_AND_DISK  # type: ignore[arg-type]
    assert storage_level(Session({})) == StorageLevel.DISK_ONLY  # type: ignore[arg-type]
