"""Online append of the lake's tables to an existing database through Neo4j's Connector for Apache Spark.

Each table is written with the online loader's own query (``graph/cypher/load_*.cypher``: MERGE on the
keys), run by the connector over batches of rows (``UNWIND $events AS event`` in place of the file's
``UNWIND $rows AS row``), so both paths give the same graph and a second run adds nothing. The shared
nodes go first, then the patents, then their links (``load_online.STEPS`` then ``load_online.UPDATES``);
every batch is its own transaction, so a run killed midway leaves whole batches, and the next run
completes it. Writes go through one partition: concurrent MERGEs of relationships on the same nodes
deadlock (the connector's documentation says so too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from neo4j import Driver
from rich.console import Console

from graph.ingest import load_online, schema
from graph.ingest.load_online import Counts
from hotspot_kg.core import queries
from hotspot_kg.core.errors import SparkError
from hotspot_kg.core.settings import Settings
from hotspot_kg.spark.neo4j import FORMAT, connector_options

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

ROWS = "UNWIND $rows AS row"
# (dataset, query) in the order they are written
STEPS: tuple[tuple[str, str], ...] = (*load_online.STEPS, *load_online.UPDATES)
# Called after each step with (dataset, rows written); the tests use it to kill a load midway.
StepHook = Callable[[str, int], None]


def connector_query(name: str) -> str:
    """The named load query as the connector runs it: on ``event`` of its batch instead of ``$rows``."""
    text = queries.load(name).text
    if text.count(ROWS) != 1:
        raise SparkError(
            f"graph/cypher/{name}.cypher must start its rows with `{ROWS}` once to be written by Spark"
        )
    return text.replace(ROWS, "WITH event AS row")


def append(
    driver: Driver,
    config: Settings,
    tables: dict[str, DataFrame],
    *,
    batch_size: int = load_online.DEFAULT_BATCH_SIZE,
    console: Console | None = None,
    hook: StepHook | None = None,
) -> Counts:
    """MERGE every table into the database of ``config``; return what was created, by label and type."""
    console = console or Console(stderr=True)
    schema.ensure(driver, config.database)
    before = load_online.counts(driver, config.database)
    options = connector_options(config)
    for dataset, query in STEPS:
        frame = tables[dataset]
        with console.status(f"writing {dataset} through the Neo4j Spark connector"):
            (frame.coalesce(1).write.format(FORMAT).options(**options)
             .option("query", connector_query(query)).option("batch.size", str(batch_size))
             .option("transaction.retries", "5").mode("Overwrite").save())  # fmt: skip
        if hook is not None:
            hook(dataset, frame.count())
    return load_online.counts(driver, config.database).minus(before)
