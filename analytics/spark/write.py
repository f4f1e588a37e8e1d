"""Novelty written back from Spark (``analyze novelty --engine spark``), the same properties and links as
:func:`analytics.novelty_graph.write` writes: the per-patent rows (large) go through Neo4j's Connector for
Apache Spark with the project's Cypher files (``UNWIND $rows AS row`` run on the connector's ``event``,
:func:`graph.ingest.spark.append.connector_query`), through one partition as the load's append does;
the patents an earlier run scored are read through the connector (``novelty_held_ids``) and those no
longer scored cleared through the driver (``novelty_unset_patents``,
``novelty_clear_links``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from neo4j import Driver

from analytics.graphio import autocommit, write_rows
from analytics.novelty_graph import settings_of
from analytics.spark import novelty
from analytics.spark.lake import Lake
from analytics.switches import Switches
from graph.ingest.spark.append import connector_query
from hotspot_kg.core import queries
from hotspot_kg.core.settings import Settings
from hotspot_kg.spark.neo4j import FORMAT, connector_options

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

BATCH = 10_000


def _connector(frame: DataFrame, config: Settings, name: str) -> int:
    (frame.coalesce(1).write.format(FORMAT).options(**connector_options(config))
     .option("query", connector_query(name)).option("batch.size", str(BATCH))
     .option("transaction.retries", "5").mode("Overwrite").save())  # fmt: skip
    return int(frame.count())


def _held(spark: SparkSession, config: Settings) -> DataFrame | None:
    """The ids of the patents holding novelty properties, read through the connector (None: no patent
    holds them; the connector infers the columns from the rows, so there are none)."""
    frame = (spark.read.format(FORMAT).options(**connector_options(config))
             .option("query", queries.load("novelty_held_ids").text).option("partitions", "1").load())  # fmt: skip
    return frame.select("patent_id") if "patent_id" in frame.columns else None


def write_novelty(
    lake: Lake, driver: Driver, config: Settings, switches: Switches, table: DataFrame | None = None
) -> dict[str, int]:
    """Replace earlier novelty results by those of the lake under ``switches`` (``table``: the scored
    patents of :func:`analytics.spark.novelty.scored`, when already made; the lake keeps them persisted);
    the rows written."""
    from pyspark.sql import functions as F

    db = config.database
    if table is None:
        table, _ = novelty.scored(lake, switches)
    held = _held(table.sparkSession, config)
    gone = held.join(table.select("patent_id"), "patent_id", "left_anti") if held is not None else None
    stale = sorted(str(r[0]) for r in gone.toLocalIterator()) if gone is not None else []
    written = {"unset": write_rows(driver, "novelty_unset_patents", stale, None, db, 50_000)}
    settings = json.dumps(settings_of(switches), sort_keys=True)
    rows = table.select("patent_id", (F.col("novel") == 1).alias("novel"), "novelty_type", "new_classes",
                        "new_pairs", F.lit(settings).alias("settings"))  # fmt: skip
    written["patents"] = _connector(rows, config, "novelty_write_patent_rows")
    autocommit(driver, "novelty_clear_links", database=db)
    introduced, first_pairs = novelty.firsts(lake, switches)
    written["introduced"] = _connector(introduced, config, "novelty_write_introduced")
    written["first_combined"] = _connector(first_pairs, config, "novelty_write_first_combined")
    return written
