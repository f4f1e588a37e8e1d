"""Novelty on the graph: pull each patent's codes once, score with :mod:`analytics.novelty`, write back.

Written back: ``Patent.novel``, ``novelty_type``, ``new_classes``, ``new_pairs`` (counts) and
``novelty_settings`` (JSON) on scored patents; ``(Patent)-[:INTRODUCED]->(IPC)`` for new classes;
``(IPC)-[:FIRST_COMBINED {year, patent, patents}]->(IPC)`` for new pairs, lower code to higher.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import novelty, units
from analytics.graphio import autocommit, plain, query, records, write_rows
from analytics.links import city_pairs
from analytics.switches import Switches


@dataclass
class NoveltyRun:
    result: novelty.Novelty
    settings: dict[str, object]
    timings: dict[str, float] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    unset: int = 0  # patents whose earlier novelty was removed (no longer scored)
    located: pd.DataFrame | None = None  # patent_id, city_id under geo, when pulled with the codes


def settings_of(switches: Switches) -> dict[str, object]:
    return {"ipc_level": switches.ipc_level, "pool_years": switches.pool_years, "year": switches.year}


def read(
    driver: Driver, switches: Switches, database: str | None = None, with_cities: bool = False
) -> tuple[novelty.Novelty, pd.DataFrame | None]:
    """Pull every dated patent's codes at ``ipc_level`` once (:mod:`analytics.links`), and score
    them; with ``with_cities``, the patents' cities under ``geo`` come in the same pull."""
    geo = (switches.geo or "applicant") if with_cities else None
    pulled = units.pull(driver, switches, tech_unit="ipc", geo=geo, database=database)
    cid, codes = pd.factorize(pulled.techs["tech"], sort=True)
    result = novelty.score_arrays(
        pulled.patents["patent_id"].to_numpy(), pulled.patents["year"].to_numpy(),
        pulled.techs["patent"].to_numpy(), cid, pd.Index(codes), switches.pool_years,
    )  # fmt: skip
    return result, (city_pairs(pulled) if with_cities else None)


def compute(
    driver: Driver, switches: Switches, database: str | None = None, with_cities: bool = False
) -> NoveltyRun:
    """Score every patent (first-time is judged over the whole database); ``with_cities`` keeps the
    patents' cities for :func:`cities`, pulled with the codes."""
    t0 = time.perf_counter()
    result, located = read(driver, switches, database, with_cities)
    timings = {"read_and_score": time.perf_counter() - t0}
    return NoveltyRun(result, settings_of(switches), timings, located=located)


def changes(written: pd.DataFrame, scored: pd.DataFrame, settings: str) -> tuple[pd.DataFrame, list[str]]:
    """What a write must do, given what the graph holds (``novelty_written``) and the scored table:
    the rows to (re)write (patent_id, novel, novelty_type, new_classes, new_pairs) and the ids of
    patents that hold novelty no longer scored."""
    new = pd.DataFrame({
        "patent_id": scored["patent_id"].astype(str), "novel": scored["novel"].astype(bool),
        "novelty_type": scored["novelty_type"].astype(str), "new_classes": scored["new_classes"].astype(np.int64),
        "new_pairs": scored["new_pairs"].astype(np.int64),
    })  # fmt: skip
    stale = sorted(set(written["patent_id"].astype(str)) - set(new["patent_id"]))
    old = written.drop_duplicates("patent_id").set_index(written["patent_id"].astype(str).rename(None))
    old = old.reindex(new["patent_id"])
    same = (old["settings"].to_numpy() == settings) & old["novelty_type"].notna().to_numpy()
    for column in ("novel", "novelty_type", "new_classes", "new_pairs"):
        same &= old[column].to_numpy() == new[column].to_numpy()
    return new[~same].reset_index(drop=True), stale


def write(driver: Driver, run: NoveltyRun, database: str | None = None) -> NoveltyRun:
    """Replace earlier novelty results in the graph by ``run``'s, writing only the patents whose
    novelty changed (properties are overwritten in place, which costs far less than removing and
    adding them); INTRODUCED and FIRST_COMBINED links are dropped and created again."""
    t0 = time.perf_counter()
    settings = json.dumps(run.settings, sort_keys=True)
    r = run.result
    todo, stale = changes(query(driver, "novelty_written", None, database), r.patents, settings)
    run.unset = write_rows(driver, "novelty_unset_patents", stale, None, database, 50_000)
    run.written["patents"] = 0
    groups = todo.groupby(["novel", "novelty_type", "new_classes", "new_pairs"])["patent_id"]
    for (novel, kind, new_classes, new_pairs), ids in groups:
        extra = {"novel": bool(novel), "novelty_type": kind, "new_classes": plain(new_classes),
                 "new_pairs": plain(new_pairs), "settings": settings}  # fmt: skip
        done = autocommit(driver, "novelty_write_patents", {**extra, "rows": ids.tolist()}, database)
        run.written["patents"] += int(done[0]["written"] or 0)
    autocommit(driver, "novelty_clear_links", database=database)
    run.written["introduced"] = write_rows(
        driver, "novelty_write_introduced", records(r.introduced), None, database, 50_000
    )
    run.written["first_combined"] = write_rows(
        driver, "novelty_write_first_combined", records(r.first_pairs), None, database, 50_000
    )
    run.timings["write"] = time.perf_counter() - t0
    return run


def patent_cities(
    driver: Driver, switches: Switches, run: NoveltyRun, database: str | None = None
) -> pd.DataFrame:
    """patent_id, city_id under ``geo``: those pulled with ``run``'s codes, else pulled now."""
    if run.located is not None:
        return run.located
    return units.patent_cities(driver, switches, switches.geo or "applicant", database)


def cities(driver: Driver, switches: Switches, run: NoveltyRun, database: str | None = None) -> pd.DataFrame:
    """Per city and year (scored years only), under ``geo`` and ``counting``."""
    located = patent_cities(driver, switches, run, database)
    table = novelty.by_city(run.result.patents, located, switches.counting)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
