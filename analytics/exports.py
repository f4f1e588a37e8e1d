"""The exported indicator tables (``shared/spec/exports.md``): fixed columns, settings beside them.

Each export names the switches it uses; a switch given that it does not use is refused. The CSV
holds full-precision numbers; ``FILE.meta.json`` holds the settings used (defaults included), the
project's version, the time, counts of the database and what the indicator reports aside
(unlocated patents, unresolved citations, dropped cities and technologies).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from neo4j import Driver

from analytics import (
    collaboration,
    complexity_graph,
    ecosystem,
    network,
    novelty,
    novelty_graph,
    science,
    sourcing,
    specialisation,
)
from analytics.graphio import query
from analytics.switches import Period, Switches
from hotspot_kg.core.errors import IndicatorError

Result = tuple[pd.DataFrame, dict[str, Any]]
COMMON = {"geo", "counting", "year"}
COMPLEXITY = {"method", "convention", "threshold", "steps"}
UNIT = {"unit", "scope"}  # what one counted invention is (analytics.units)
PLACE = {"geo_unit", "cluster_points", "cluster_radius_km", "cluster_min_weight"}  # cities or clusters
CLUSTER_ONLY = ("cluster_points", "cluster_radius_km", "cluster_min_weight")
PLACED = COMMON | UNIT | PLACE


@dataclass(frozen=True)
class Export:
    name: str
    columns: tuple[str, ...]
    uses: frozenset[str]
    compute: Callable[[Driver, Switches, str | None], Result]


def _novelty_patents(driver: Driver, s: Switches, db: str | None) -> Result:
    run = novelty_graph.compute(driver, s, db)
    return run.result.patents, {"first_scored_year": run.result.first_scored_year}


def _novelty_cities(driver: Driver, s: Switches, db: str | None) -> Result:
    run = novelty_graph.compute(driver, s, db, with_cities=True)
    located = novelty_graph.patent_cities(driver, s, run, db)
    table = novelty.by_city(run.result.patents, located, s.counting)
    if s.cities is not None:
        table = table[table["city_id"].isin(s.cities)]
    missing = novelty.unlocated(run.result.patents, located)
    return table, {"first_scored_year": run.result.first_scored_year, "unlocated": report_rows(missing)}


def _rsi(driver: Driver, s: Switches, db: str | None) -> Result:
    table, periods = specialisation.compute(driver, s, db)
    unlocated = specialisation.unlocated(driver, s, db)
    return table, {"periods": [str(p) for p in periods], "unlocated": report_rows(unlocated)}


def complexity_both(driver: Driver, s: Switches, db: str | None) -> dict[str, Result]:
    """The kci and tci exports from one computation."""
    t = complexity_graph.compute(
        driver,
        s,
        threshold=s.threshold,
        method=s.method,
        steps=s.steps,
        convention=s.convention,
        database=db,
    )
    extra = {"periods": [str(p) for p in t.periods], "dropped": t.dropped}
    return {"kci": (t.kci, extra), "tci": (t.tci, extra)}


def _complexity(kind: str) -> Callable[[Driver, Switches, str | None], Result]:
    return lambda driver, s, db: complexity_both(driver, s, db)[kind]


def _collaboration(driver: Driver, s: Switches, db: str | None) -> Result:
    return collaboration.compute(driver, s, db), {}


def _science_profile(driver: Driver, s: Switches, db: str | None) -> Result:
    table, periods = science.compute_profile(driver, s, db)
    return table, {
        "periods": [str(p) for p in periods],
        "unlocated": report_rows(science.unlocated(driver, db)),
    }


def _science_collaboration(driver: Driver, s: Switches, db: str | None) -> Result:
    return science.compute_collaboration(driver, s, db), {
        "unlocated": report_rows(science.unlocated(driver, db))
    }


def _sourcing(driver: Driver, s: Switches, db: str | None) -> Result:
    table, unresolved, periods = sourcing.compute(driver, s, db)
    return table, {"periods": [str(p) for p in periods], "unresolved": report_rows(unresolved)}


def _network(driver: Driver, s: Switches, db: str | None) -> Result:
    if not s.cities:
        raise IndicatorError("export local-network needs at least one --city CITY_ID")
    periods = s.resolved_periods(database_counts(driver, db)["last_year"])
    nets = network.compute(driver, s, periods, db)
    return network.table(nets), network_report(nets, periods)


def network_report(nets: list[network.LocalNetwork], periods: list[Period]) -> dict[str, Any]:
    """What the local-network export reports aside: the periods, and per network its summary."""
    summary = [
        {
            "city_id": n.city_id,
            "period": n.period.name,
            "modularity": n.modularity,
            "largest_component_share": n.largest_component_share(),
            "edge_mix": {str(k): int(v) for k, v in n.edge_mix().items()},
        }
        for n in nets
    ]
    return {"periods": [str(p) for p in periods], "networks": summary}


def ecosystem_both(driver: Driver, s: Switches, db: str | None) -> dict[str, Result]:
    """The stakeholders and ownership exports from one computation."""
    stakeholders, ownership = ecosystem.compute(driver, s, db)
    return {"stakeholders": (stakeholders, {}), "ownership": (ownership, {})}


def _stakeholders(driver: Driver, s: Switches, db: str | None) -> Result:
    return ecosystem_both(driver, s, db)["stakeholders"]


def _ownership(driver: Driver, s: Switches, db: str | None) -> Result:
    return ecosystem_both(driver, s, db)["ownership"]


# Exports that one computation gives together (analyze's `store` step computes them once).
TOGETHER: dict[str, Callable[[Driver, Switches, str | None], dict[str, Result]]] = {
    "kci": complexity_both, "tci": complexity_both, "stakeholders": ecosystem_both, "ownership": ecosystem_both,
}  # fmt: skip


EXPORTS: dict[str, Export] = {
    e.name: e
    for e in (
        Export("novelty-patents", tuple(novelty.PATENT_COLUMNS), frozenset(UNIT | {"year", "ipc_level", "pool_years"}),
               _novelty_patents),
        Export("novelty-cities", tuple(novelty.CITY_COLUMNS),
               frozenset(PLACED | {"ipc_level", "pool_years", "cities"}), _novelty_cities),
        Export("rsi", tuple(specialisation.RSI_COLUMNS),
               frozenset(PLACED | {"tech_unit", "ipc_level", "periods", "cities"}), _rsi),
        Export("kci", tuple(complexity_graph.KCI_COLUMNS),
               frozenset(PLACED | COMPLEXITY | {"tech_unit", "ipc_level", "periods", "cities"}),
               _complexity("kci")),
        Export("tci", tuple(complexity_graph.TCI_COLUMNS),
               frozenset(PLACED | COMPLEXITY | {"tech_unit", "ipc_level", "periods"}), _complexity("tci")),
        Export("collaboration-types", ("city_id", "year", "local", "domestic", "international", "single"),
               frozenset(PLACED | {"cities"}), _collaboration),
        Export("knowledge-sourcing", tuple(sourcing.COLUMNS),
               frozenset(PLACED | {"periods", "cities", "self_citations"}), _sourcing),
        Export("local-network",
               ("city_id", "period", "applicant_id", "name", "type", "degree", "betweenness", "community"),
               frozenset(PLACE | {"year", "periods", "cities"}), _network),
        Export("stakeholders", tuple(ecosystem.STAKEHOLDER_COLUMNS), frozenset(PLACED | {"cities"}), _stakeholders),
        Export("ownership", tuple(ecosystem.OWNERSHIP_COLUMNS), frozenset(PLACED | {"cities"}), _ownership),
        Export("science-profile", tuple(science.PROFILE_COLUMNS), frozenset({"counting", "periods", "cities"}),
               _science_profile),
        Export("science-collaboration-types", tuple(science.COLLABORATION_COLUMNS),
               frozenset({"counting", "cities", "greater_china"}), _science_collaboration),
    )
}  # fmt: skip

OPTION = {
    "geo": "--geo", "counting": "--counting", "year": "--year", "ipc_level": "--ipc-level",
    "pool_years": "--pool-years", "tech_unit": "--tech-unit", "periods": "--period", "cities": "--city",
    "self_citations": "--self-citations", "method": "--method", "convention": "--convention",
    "threshold": "--threshold", "steps": "--steps", "greater_china": "--greater-china",
    "unit": "--unit", "scope": "--scope", "geo_unit": "--geo-unit",
    "cluster_points": "--cluster-points", "cluster_radius_km": "--cluster-radius-km",
    "cluster_min_weight": "--cluster-min-weight",
}  # fmt: skip


def lookup(name: str) -> Export:
    if name not in EXPORTS:
        raise IndicatorError(f"no export named {name!r}; choose one of: {', '.join(EXPORTS)}")
    return EXPORTS[name]


def switches_for(name: str, given: Mapping[str, Any]) -> Switches:
    """The switches of export ``name`` from the ones the user gave; unused ones are refused."""
    export = lookup(name)
    given = {k: v for k, v in given.items() if v is not None and v != ()}
    unused = sorted(set(given) - export.uses)
    if unused:
        takes = ", ".join(OPTION[u] for u in sorted(export.uses, key=list(OPTION).index))
        raise IndicatorError(
            f"export {name} does not use {', '.join(OPTION[u] for u in unused)}; it takes: {takes}"
        )
    clustering = sorted(k for k in CLUSTER_ONLY if k in given)
    if clustering and given.get("geo_unit") != "cluster":
        raise IndicatorError(
            f"{', '.join(OPTION[k] for k in clustering)} shape the clusters; give them with --geo-unit cluster"
        )
    tech_unit = given.get("tech_unit") or ("ipc" if name in ("kci", "tci") else "field35")
    if "ipc_level" in given and name in ("rsi", "kci", "tci") and tech_unit == "field35":
        raise IndicatorError(f"export {name} uses --ipc-level only with --tech-unit ipc")
    for key in ("periods", "cities"):
        if key in given:
            given[key] = tuple(given[key])
    return Switches(**given)


def resolved_settings(name: str, switches: Switches) -> dict[str, Any]:
    """Every switch the export uses, with the value in force (defaults included)."""
    values = switches.as_dict()
    values["geo"] = switches.geo or ("inventor" if name == "collaboration-types" else "applicant")
    values["tech_unit"] = switches.tech_unit or ("ipc" if name in ("kci", "tci") else "field35")
    if switches.geo_unit != "cluster":
        values.update(dict.fromkeys(CLUSTER_ONLY))  # no clusters: their settings play no part
    return {k: values[k] for k in OPTION if k in lookup(name).uses}


def database_counts(driver: Driver, database: str | None = None) -> dict[str, Any]:
    row = query(driver, "database_counts", None, database).iloc[0]
    return {str(k): (None if pd.isna(v) else int(v)) for k, v in row.items()}


def report_rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A small table as JSON records, for the report of a .meta.json."""
    return list(json.loads(df.to_json(orient="records")))
