"""Compute the indicators and write back what the graph model keeps (``hotspot-kg analyze``).

Each step returns a one-line summary. Written back: novelty (Patent properties, INTRODUCED,
FIRST_COMBINED), specialisation (SPECIALISED_IN), knowledge sourcing (SOURCES_FROM) and the
co-application network (CO_APPLIED); the others are computed and summarised. The last step, ``store``,
stores the result tables of the explorer and ``hotspot-kg export`` in the graph (:mod:`analytics.stored`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from neo4j import Driver

from analytics import (
    cluster_graph,
    collaboration,
    complexity_graph,
    ecosystem,
    network,
    novelty_graph,
    science,
    sourcing,
    specialisation,
    stages,
    store_tables,
)
from analytics.switches import Period, Switches, parse_periods
from hotspot_kg.core.errors import IndicatorError, ServerOutOfMemory
from hotspot_kg.core.settings import Settings

Step = Callable[[Driver, Switches, str | None], str]
NOT_WRITTEN = "not written back: the graph keeps the results of patents in cities"


def _as_loaded(s: Switches) -> bool:
    """Whether the units are those of the graph (patents in cities), which the write-backs are made of."""
    return not s.by_family and s.geo_unit == "city"


def _clusters(driver: Driver, s: Switches, db: str | None) -> str:
    result = cluster_graph.compute(driver, s, db)
    written = cluster_graph.write(driver, result, db)
    top = ", ".join(result.clusters["name"].head(3))
    clustered = int(result.members["clustered"].sum())
    return (
        f"{written['clusters']} clusters ({top or 'none'}); {clustered} of {len(result.members)} cities in one "
        f"(radius {s.cluster_radius_km:g} km, minimum weight {s.cluster_min_weight:g}, points {s.cluster_points})"
    )


def _novelty(driver: Driver, s: Switches, db: str | None) -> str:
    run = novelty_graph.compute(driver, s, db)
    novel = int(run.result.patents["novel"].sum()) if len(run.result.patents) else 0
    if s.by_family:
        return f"{len(run.result.patents)} {s.unit}s scored, {novel} novel; {NOT_WRITTEN}"
    run = novelty_graph.write(driver, run, db)
    t = run.timings
    return (
        f"{len(run.result.patents)} patents scored, {novel} novel; wrote {run.written} "
        f"(read and score {t['read_and_score']:.1f} s, write {t['write']:.1f} s)"
    )


def _specialisation(driver: Driver, s: Switches, db: str | None) -> str:
    table, periods = specialisation.compute(driver, s.with_(tech_unit="field35", cities=None), db)
    if not _as_loaded(s):
        return f"{len(table)} {s.geo_unit}-field cells in {len(periods)} periods; {NOT_WRITTEN}"
    written = specialisation.write(driver, table, s, periods, db)
    return f"{len(table)} city-field cells in {len(periods)} periods; {written} SPECIALISED_IN links"


def _complexity(driver: Driver, s: Switches, db: str | None) -> str:
    t = complexity_graph.compute(driver, s, threshold=s.threshold, method=s.method, steps=s.steps,
                                 convention=s.convention, database=db)  # fmt: skip
    dropped = sum(len(d["cities"]) for d in t.dropped.values())
    return f"KCI for {len(t.kci)} city-periods, TCI for {len(t.tci)} technology-periods; {dropped} cities dropped"


def _collaboration(driver: Driver, s: Switches, db: str | None) -> str:
    table = collaboration.compute(driver, s, db)
    return f"{len(table)} city-years"


def _sourcing(driver: Driver, s: Switches, db: str | None) -> str:
    table, unresolved, periods = sourcing.compute(driver, s.with_(cities=None), db)
    unres = float(unresolved["unresolved"].sum()) if len(unresolved) else 0.0
    if not _as_loaded(s):
        return f"{len(table)} source rows; {unres:g} unresolved citations; {NOT_WRITTEN}"
    written = sourcing.write(driver, table, s, periods, db)
    return f"{written} SOURCES_FROM links; {unres:g} unresolved citations"


def _network(driver: Driver, s: Switches, db: str | None) -> str:
    return f"{network.write_co_applied(driver, db)} CO_APPLIED links"


def _ecosystem(driver: Driver, s: Switches, db: str | None) -> str:
    stake, own = ecosystem.compute(driver, s, db)
    return f"{len(stake)} stakeholder rows, {len(own)} ownership rows"


def _stages(driver: Driver, s: Switches, db: str | None) -> str:
    table = stages.compute(driver, s, db)
    return f"{table['city_id'].nunique() if len(table) else 0} cities placed in {table['period'].nunique()} stages"


def _science(driver: Driver, s: Switches, db: str | None) -> str:
    profile, periods = science.compute_profile(driver, s.with_(cities=None), db)
    collab = science.compute_collaboration(driver, s.with_(cities=None), db)
    if profile.empty and collab.empty:
        return "no works with located institutions (load some with `hotspot-kg load science DIR`)"
    return (
        f"science profile: {len(profile)} city-field cells in {len(periods)} periods; "
        f"collaboration types: {len(collab)} city-years"
    )


def _store(driver: Driver, s: Switches, db: str | None) -> str:
    done = store_tables.store_all(driver, s, db)
    rows = sum(int(d["rows"]) for d in done)
    return f"{len(done)} result tables stored ({rows} rows): the explorer and `hotspot-kg export` read them"


STEPS: dict[str, Step] = {
    "clusters": _clusters,
    "novelty": _novelty,
    "specialisation": _specialisation,
    "complexity": _complexity,
    "collaboration": _collaboration,
    "sourcing": _sourcing,
    "network": _network,
    "ecosystem": _ecosystem,
    "stages": _stages,
    "science": _science,
    "store": _store,
}


def run_step(name: str, driver: Driver, switches: Switches, database: str | None = None) -> tuple[str, float]:
    """Run one step; its summary and seconds taken. A step that Spark also computes and that the server has
    not the memory for says so (the graph's pulls hold a whole table in one transaction)."""
    t0 = time.perf_counter()
    try:
        summary = STEPS[name](driver, switches, database)
    except ServerOutOfMemory as e:
        from analytics.spark.analyze import SPARK_STEPS

        if name not in SPARK_STEPS:
            raise
        raise ServerOutOfMemory(
            f"{name}: {e}; or compute it on Spark from the lake of the graph's load, which needs no more memory "
            f"for a larger graph: `hotspot-kg analyze {name} --engine spark` (see the README, Large data on "
            "Apache Spark)"
        ) from e
    return summary, time.perf_counter() - t0


def run_all(
    driver: Driver,
    names: list[str],
    switches: Switches,
    database: str | None = None,
    *,
    engine: str = "graph",
    lake_root: Path | None = None,
    master: str | None = None,
    config: Settings | None = None,
) -> Iterator[tuple[str, str, float]]:
    """Run the steps ``names`` in order, yielding (name, summary, seconds) after each. ``engine = "spark"``
    computes the steps of :data:`analytics.spark.analyze.SPARK_STEPS` from the lake at ``lake_root`` (which
    must match the database: it is opened before any step runs), the others on the graph; ``config``, the
    connection, lets Spark write the per-patent novelty through Neo4j's Spark connector."""
    if engine == "graph":
        for name in names:
            yield (name, *run_step(name, driver, switches, database))
        return
    if engine != "spark":
        raise IndicatorError(f"engine must be graph or spark here; got {engine!r}")
    if lake_root is None:
        raise IndicatorError("--engine spark reads a lake: give its folder (--lake DIR)")
    from analytics.spark import analyze as spark_analyze

    spark_analyze.check(names, switches)
    with ExitStack() as stack:
        lake = None
        if any(n in spark_analyze.SPARK_STEPS for n in names):
            lake = stack.enter_context(spark_analyze.opened(lake_root, driver, database, master))
        for name in names:
            if lake is not None and name in spark_analyze.SPARK_STEPS:
                yield (name, *spark_analyze.run_step(name, lake, driver, switches, database, config))
            else:
                yield (name, *run_step(name, driver, switches, database))


# the switches that `hotspot-kg analyze` takes (its options --geo, --counting, --year, --ipc-level,
# --pool-years and --period), shared with the Python API's kg.analyze
OPTIONS = (
    "geo", "counting", "year", "ipc_level", "pool_years", "periods",
    "unit", "scope", "geo_unit", "cluster_points", "cluster_radius_km", "cluster_min_weight",
)  # fmt: skip


def steps(names: tuple[str, ...] | list[str]) -> list[str]:
    """The steps to run: ``names`` in order (all steps when none), each checked."""
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        raise IndicatorError(
            f"no analysis step {', '.join(map(repr, unknown))}; choose from: {', '.join(STEPS)}"
        )
    return list(names) or list(STEPS)


def switches(
    geo: str | None = None,
    counting: str = "fractional",
    year: str = "filing",
    ipc_level: str = "subclass",
    pool_years: int = 5,
    periods: str | Period | tuple[str | Period, ...] | list[str | Period] | None = None,
    **units: Any,
) -> Switches:
    """The switches of an analysis (checked by :class:`Switches`); periods as NAME:FIRST-LAST text;
    ``units``: the unit, scope and place switches (``unit``, ``scope``, ``geo_unit``, ``cluster_*``), None
    meaning the default."""
    return Switches(
        geo=geo, counting=counting, year=year, ipc_level=ipc_level, pool_years=pool_years,
        periods=parse_periods(periods) or None, **{k: v for k, v in units.items() if v is not None},
    )  # fmt: skip
