"""The exports that Spark computes (``hotspot-kg export NAME --engine spark``), with the same table and the
same report as :data:`analytics.exports.EXPORTS` gives from the graph.

Spark counts patents in cities: the unit and place switches (``--unit family``, ``--scope
international``, ``--geo-unit cluster``) stay with the in-graph engine, and are refused here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from neo4j import Driver

from analytics import complexity_graph, specialisation
from analytics.exports import Result, lookup, report_rows
from analytics.spark import collaboration, counting, ecosystem, novelty, sourcing
from analytics.spark.lake import Lake, open_lake
from analytics.switches import Switches
from hotspot_kg.core.errors import IndicatorError


def _rsi(lake: Lake, s: Switches) -> Result:
    table, periods = specialisation.from_counts(counting.counts(lake, s, s.tech_unit or "field35"), s)
    return table, {
        "periods": [str(p) for p in periods],
        "unlocated": report_rows(counting.unlocated(lake, s)),
    }


def _complexity(kind: str) -> Callable[[Lake, Switches], Result]:
    def compute(lake: Lake, s: Switches) -> Result:
        t = complexity_graph.from_counts(counting.counts(lake, s, s.tech_unit or "ipc"), s, threshold=s.threshold,
                                         method=s.method, steps=s.steps, convention=s.convention)  # fmt: skip
        extra = {"periods": [str(p) for p in t.periods], "dropped": t.dropped}
        return (t.kci if kind == "kci" else t.tci), extra

    return compute


def _novelty_patents(lake: Lake, s: Switches) -> Result:
    table, start = novelty.patents(lake, s)
    return table, {"first_scored_year": start}


def _novelty_cities(lake: Lake, s: Switches) -> Result:
    table, missing, start = novelty.cities(lake, s)
    return table, {"first_scored_year": start, "unlocated": report_rows(missing)}


def _stakeholders(lake: Lake, s: Switches) -> Result:
    return ecosystem.compute(lake, s)[0], {}


def _ownership(lake: Lake, s: Switches) -> Result:
    return ecosystem.compute(lake, s)[1], {}


def _collaboration(lake: Lake, s: Switches) -> Result:
    return collaboration.compute(lake, s), {}


def _sourcing(lake: Lake, s: Switches) -> Result:
    table, unresolved, periods = sourcing.compute(lake, s)
    return table, {"periods": [str(p) for p in periods], "unresolved": report_rows(unresolved)}


SPARK_EXPORTS: dict[str, Callable[[Lake, Switches], Result]] = {
    "rsi": _rsi, "kci": _complexity("kci"), "tci": _complexity("tci"), "knowledge-sourcing": _sourcing,
    "collaboration-types": _collaboration, "novelty-patents": _novelty_patents, "novelty-cities": _novelty_cities,
    "stakeholders": _stakeholders, "ownership": _ownership,
}  # fmt: skip


def check(name: str, switches: Switches) -> None:
    """Refuse an export or a switch that Spark does not compute, saying what to use instead."""
    lookup(name)
    if name not in SPARK_EXPORTS:
        raise IndicatorError(
            f"export {name} is not computed on Spark yet; use --engine graph (Spark computes: {', '.join(SPARK_EXPORTS)})"
        )
    if switches.by_family or switches.geo_unit != "city":
        raise IndicatorError(
            "--engine spark counts patents in cities; --unit family, --scope international and --geo-unit cluster "
            "run with --engine graph"
        )


def compute(lake: Lake, name: str, switches: Switches) -> Result:
    """Export ``name``'s table and report under ``switches``, from ``lake``."""
    check(name, switches)
    return SPARK_EXPORTS[name](lake, switches)


def compute_from(
    root: Path,
    name: str,
    switches: Switches,
    driver: Driver | None = None,
    database: str | None = None,
    master: str | None = None,
) -> Result:
    """Export ``name`` from the lake at ``root`` in a Spark session on ``master`` (default: the settings'),
    refusing a lake that does not match ``driver``'s database."""
    from hotspot_kg.spark import session

    check(name, switches)
    with session(master=master, app=f"hotspot-kg export {name}") as spark:
        lake = open_lake(spark, root, driver, database)
        try:
            return compute(lake, name, switches)
        finally:
            lake.release()
