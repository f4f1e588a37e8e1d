"""Novelty on the graph: pull each patent's codes once, score with :mod:`analytics.novelty`, write back.

Written back: ``Patent.novel``, ``novelty_type``, ``new_classes``, ``new_pairs`` (counts) and
``novelty_settings`` (JSON) on scored patents; ``(Patent)-[:INTRODUCED]->(IPC)`` for new classes;
``(IPC)-[:FIRST_COMBINED {year, patent, patents}]->(IPC)`` for new pairs, lower code to higher.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import pandas as pd
from neo4j import Driver

from analytics import novelty
from analytics.graphio import autocommit, query, records, write_rows
from analytics.switches import Switches


@dataclass
class NoveltyRun:
    result: novelty.Novelty
    settings: dict[str, object]
    timings: dict[str, float] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)


def settings_of(switches: Switches) -> dict[str, object]:
    return {"ipc_level": switches.ipc_level, "pool_years": switches.pool_years, "year": switches.year}


def patent_codes(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    params = {"ipc_level": switches.ipc_level, "year_basis": switches.year}
    df = query(driver, "novelty_patent_codes", params, database)
    if df.empty:
        return pd.DataFrame({"patent_id": [], "year": [], "codes": []})
    return df


def compute(driver: Driver, switches: Switches, database: str | None = None) -> NoveltyRun:
    """Score every patent (first-time is judged over the whole database)."""
    t0 = time.perf_counter()
    codes = patent_codes(driver, switches, database)
    t1 = time.perf_counter()
    result = novelty.score(codes, switches.pool_years)
    t2 = time.perf_counter()
    return NoveltyRun(result, settings_of(switches), {"read": t1 - t0, "score": t2 - t1})


def write(driver: Driver, run: NoveltyRun, database: str | None = None) -> NoveltyRun:
    """Replace earlier novelty results in the graph by ``run``'s."""
    t0 = time.perf_counter()
    autocommit(driver, "novelty_clear", database=database)
    settings = json.dumps(run.settings, sort_keys=True)
    r = run.result
    run.written["patents"] = write_rows(
        driver, "novelty_write_patents", records(r.patents), {"settings": settings}, database
    )
    run.written["introduced"] = write_rows(
        driver, "novelty_write_introduced", records(r.introduced), None, database
    )
    run.written["first_combined"] = write_rows(
        driver, "novelty_write_first_combined", records(r.first_pairs), None, database
    )
    run.timings["write"] = time.perf_counter() - t0
    return run


def patent_cities(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    df = query(driver, "patent_cities", {"geo": switches.geo or "applicant"}, database)
    return df if not df.empty else pd.DataFrame({"patent_id": [], "city_id": []})


def cities(driver: Driver, switches: Switches, run: NoveltyRun, database: str | None = None) -> pd.DataFrame:
    """Per city and year (scored years only), under ``geo`` and ``counting``."""
    located = patent_cities(driver, switches, database)
    table = novelty.by_city(run.result.patents, located, switches.counting)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
