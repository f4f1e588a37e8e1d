"""``hotspot-kg analyze --engine spark``: the steps that Spark computes from the lake, written back as the
graph engine writes them (:mod:`analytics.analyze`), so the graph does not tell which engine ran.

Spark computes novelty, specialisation, complexity, collaboration, sourcing, ecosystem and stages; the
other steps (clusters, network with GDS, science, store) run on the graph, after the Spark steps, on the
graph with the written results. Write-back:

- SPECIALISED_IN and SOURCES_FROM are per city (small): written by the graph engine's own driver-based
  functions, :func:`analytics.specialisation.write` and :func:`analytics.sourcing.write`, same settings;
- novelty's rows are per patent (large): the patents' properties, INTRODUCED and FIRST_COMBINED are
  computed in Spark and written through Neo4j's Connector for Apache Spark (:mod:`analytics.spark.write`)
  with the project's Cypher files; without the connection settings, the graph engine's write.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from neo4j import Driver

from analytics import complexity_graph, novelty_graph, specialisation
from analytics import sourcing as graph_sourcing
from analytics.exports import database_counts
from analytics.spark import collaboration, counting, ecosystem, novelty, sourcing, stages
from analytics.spark.lake import Lake, open_lake
from analytics.switches import Switches
from graph.ingest import lake as lake_files
from graph.stamp import data_stamp
from hotspot_kg.core.errors import IndicatorError, LakeError
from hotspot_kg.core.settings import Settings

SparkStep = Callable[[Lake, Driver, Switches, str | None, Settings | None], str]
ENGINES = ("graph", "spark", "auto")
ABOVE = "HOTSPOT_SPARK_ANALYZE_ABOVE"
DEFAULT_ABOVE = 2_000_000


def _novelty(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    """Scored on Spark; written through the Spark connector (:mod:`analytics.spark.write`) when the
    connection ``config`` is given, else by the graph engine's run (:func:`analytics.novelty_graph.write`)."""
    began = time.perf_counter()
    table, _ = novelty.scored(lake, s)  # persisted by the lake for the write and the later steps
    scored = table.count()
    novel = table.where("novel = 1").count()
    done = f"{scored} patents scored on Spark in {time.perf_counter() - began:.0f} s, {novel} novel"
    began = time.perf_counter()
    if config is not None:
        from analytics.spark.write import write_novelty

        written = write_novelty(lake, driver, config, s, table)
        return f"{done}; wrote {written} through the Spark connector in {time.perf_counter() - began:.0f} s"
    run = novelty_graph.write(driver, novelty_graph.compute(driver, s, db), db)
    return f"{done}; wrote {run.written} from the graph engine's run in {time.perf_counter() - began:.0f} s"


def _specialisation(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    """RSI on the 35 fields from Spark's counts; SPECIALISED_IN written through the driver (per city)."""
    field = s.with_(tech_unit="field35", cities=None)
    table, periods = specialisation.from_counts(counting.counts(lake, field, "field35"), field)
    written = specialisation.write(driver, table, s, periods, db)
    return f"{len(table)} city-field cells in {len(periods)} periods; {written} SPECIALISED_IN links"


def _complexity(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    t = complexity_graph.from_counts(counting.counts(lake, s, s.tech_unit or "ipc"), s, threshold=s.threshold,
                                     method=s.method, steps=s.steps, convention=s.convention)  # fmt: skip
    dropped = sum(len(d["cities"]) for d in t.dropped.values())
    return f"KCI for {len(t.kci)} city-periods, TCI for {len(t.tci)} technology-periods; {dropped} cities dropped"


def _collaboration(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    return f"{len(collaboration.compute(lake, s))} city-years"


def _sourcing(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    """Flows from Spark; SOURCES_FROM written through the driver (per pair of cities)."""
    table, unresolved, periods = sourcing.compute(lake, s.with_(cities=None))
    unres = float(unresolved["unresolved"].sum()) if len(unresolved) else 0.0
    written = graph_sourcing.write(driver, table, s, periods, db)
    return f"{written} SOURCES_FROM links; {unres:g} unresolved citations"


def _ecosystem(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    stake, own = ecosystem.compute(lake, s)
    return f"{len(stake)} stakeholder rows, {len(own)} ownership rows"


def _stages(lake: Lake, driver: Driver, s: Switches, db: str | None, config: Settings | None) -> str:
    table = stages.compute(lake, s)
    return f"{table['city_id'].nunique() if len(table) else 0} cities placed in {table['period'].nunique()} stages"


SPARK_STEPS: dict[str, SparkStep] = {
    "novelty": _novelty, "specialisation": _specialisation, "complexity": _complexity,
    "collaboration": _collaboration, "sourcing": _sourcing, "ecosystem": _ecosystem, "stages": _stages,
}  # fmt: skip


def check(names: list[str], switches: Switches) -> None:
    """Refuse the unit and place switches that Spark does not take, when a Spark step is chosen."""
    on_spark = [n for n in names if n in SPARK_STEPS]
    if on_spark and (switches.by_family or switches.geo_unit != "city"):
        raise IndicatorError(
            f"--engine spark counts patents in cities; {', '.join(on_spark)} with --unit family, "
            "--scope international or --geo-unit cluster run with --engine graph"
        )


def threshold() -> int:
    """The graph size (patents) above which ``--engine auto`` picks Spark: HOTSPOT_SPARK_ANALYZE_ABOVE."""
    value = os.environ.get(ABOVE, str(DEFAULT_ABOVE))
    try:
        return int(value.replace("_", "").replace(",", ""))
    except ValueError as e:
        raise IndicatorError(f"{ABOVE} must be a number of patents; got {value!r}") from e


def choose(driver: Driver, root: Path, database: str | None = None) -> str:
    """``auto``: spark when the lake at ``root`` matches the database and the graph holds more patents than
    :func:`threshold`, else graph."""
    patents = database_counts(driver, database)["patents"] or 0
    if patents <= threshold():
        return "graph"
    try:
        lake_files.require_matching(root, data_stamp(driver, database))
    except LakeError:
        return "graph"
    return "spark"


@contextmanager
def opened(
    root: Path, driver: Driver, database: str | None = None, master: str | None = None
) -> Iterator[Lake]:
    """The lake at ``root`` in a Spark session on ``master``, refused unless it matches the database."""
    from hotspot_kg.spark import session

    with session(master=master, app="hotspot-kg analyze") as spark:
        lake = open_lake(spark, root, driver, database)
        try:
            yield lake
        finally:
            lake.release()


def run_step(
    name: str,
    lake: Lake,
    driver: Driver,
    switches: Switches,
    database: str | None = None,
    config: Settings | None = None,
) -> tuple[str, float]:
    """Run one Spark step; its summary and seconds taken (``config``: the connection, for the Spark
    connector's writes)."""
    t0 = time.perf_counter()
    summary = SPARK_STEPS[name](lake, driver, switches, database, config)
    return summary, time.perf_counter() - t0
