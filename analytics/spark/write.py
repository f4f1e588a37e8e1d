"""Novelty written back from Spark (``analyze novelty --engine spark``), the same properties and links as
:func:`analytics.novelty_graph.write` writes: the per-patent rows (large) go through Neo4j's Connector for
Apache Spark with the project's Cypher files (``UNWIND $rows AS row`` run on the connector's ``event``,
:func:`graph.ingest.spark.append.connector_query`), through one partition as the load's append does (the
patents' properties in groups that share one result, as the graph engine writes them);
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


def _connector(frame: DataFrame, config: Settings, name: str, batch: int = BATCH) -> int:
    """Write ``frame``'s rows with the named query, ``batch`` rows a transaction; the rows written."""
    (frame.coalesce(1).write.format(FORMAT).options(**connector_options(config))
     .option("query", connector_query(name)).option("batch.size", str(batch))
     .option("transaction.retries", "5").mode("Overwrite").save())  # fmt: skip
    return int(frame.count())


def _groups(table: DataFrame, settings: str) -> DataFrame:
    """The scored patents in groups of about :data:`BATCH` that share one result (novel, type, counts), a row
    a group with its patents' ids, as the graph engine writes them: a few hundred rows of ids instead of a
    row of five values per patent (the write of 8.4M patents' rows one by one took 427 s at 9M patents)."""
    from pyspark.sql import functions as F

    names = ["novel", "novelty_type", "new_classes", "new_pairs"]
    rows = table.select("patent_id", (F.col("novel") == 1).alias("novel"), *names[1:])
    parts = rows.groupBy(*names).agg(F.ceil(F.count(F.lit(1)) / BATCH).alias("parts"))
    chunk = F.pmod(F.xxhash64("patent_id"), F.col("parts")).alias("chunk")
    chunked = rows.join(F.broadcast(parts), names).select("patent_id", *names, chunk)
    return (
        chunked.groupBy(*names, "chunk")
        .agg(F.collect_list("patent_id").alias("ids"))
        .select(*names, F.lit(settings).alias("settings"), "ids")
    )


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
    db = config.database
    if table is None:
        table, _ = novelty.scored(lake, switches)
    held = _held(table.sparkSession, config)
    gone = held.join(table.select("patent_id"), "patent_id", "left_anti") if held is not None else None
    stale = sorted(str(r[0]) for r in gone.toLocalIterator()) if gone is not None else []
    written = {"unset": write_rows(driver, "novelty_unset_patents", stale, None, db, 50_000)}
    settings = json.dumps(settings_of(switches), sort_keys=True)
    _connector(_groups(table, settings), config, "novelty_write_patent_groups", batch=1)
    written["patents"] = int(table.count())
    autocommit(driver, "novelty_clear_links", database=db)
    introduced, first_pairs = novelty.firsts(lake, switches)
    written["introduced"] = _connector(introduced, config, "novelty_write_introduced")
    written["first_combined"] = _connector(first_pairs, config, "novelty_write_first_combined")
    return written
