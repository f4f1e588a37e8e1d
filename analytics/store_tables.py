"""Which result tables ``hotspot-kg analyze`` stores (:mod:`analytics.stored`), and reading them back.

The ``store`` step of ``analyze`` computes, for the switches the run was given, every export table the
explorer shows (all cities at once; ``novelty-patents``, one row per patent, is left to be computed on
demand), the explorer's patents per year, its look-ups (the dataset's size and the city picker), and the local collaboration network of each default
comparison city (Shenzhen, Beijing, Shanghai, San Jose) in every period, with its edges. When ``--geo``
is not given, the tables are stored for each indicator's own default and for applicant addresses (the
explorer's default). :func:`fetch` is what readers call: the stored table when one matches the switches
and the data, else the live computation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pandas as pd
from neo4j import Driver

from analytics import exports, network, stored
from analytics.graphio import query
from analytics.switches import Switches
from graph.stamp import data_stamp as current_stamp

DEFAULT_CITIES = ("Shenzhen", "Beijing", "Shanghai", "San Jose")
TABLES = (
    "dataset",
    "cities",
    "patents-per-year",
    "novelty-cities",
    "rsi",
    "kci",
    "tci",
    "collaboration-types",
    "knowledge-sourcing",
    "stakeholders",
    "ownership",
)
PER_YEAR_COLUMNS = ["city_id", "year", "patents"]
Result = tuple[pd.DataFrame, dict[str, Any]]


def patents_per_year(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """city_id, year, patents: the explorer's Figure 2 (every city; fractional or whole counting)."""
    params = {"geo": switches.geo or "applicant", "counting": switches.counting, "cities": None}
    df = query(driver, "ui_patents_per_year", params, database)
    if df.empty:
        return pd.DataFrame({c: [] for c in PER_YEAR_COLUMNS})
    return df.astype({"year": int, "patents": float})


LOOKUPS = {  # the explorer's look-ups: one named query each, no switches
    "dataset": "ui_dataset",  # patents, first and last year, simulation or not
    "cities": "ui_cities",  # the city picker: every city with its applicants and inventors
}


def compute(driver: Driver, name: str, switches: Switches, database: str | None = None) -> Result:
    """Table ``name`` computed live from the graph, with the columns of the contract."""
    if name == "patents-per-year":
        return patents_per_year(driver, switches, database), {}
    if name in LOOKUPS:
        return query(driver, LOOKUPS[name], None, database), {}
    e = exports.lookup(name)
    table, extra = e.compute(driver, switches, database)
    return table.reindex(columns=list(e.columns)), extra


def fetch(
    driver: Driver, name: str, switches: Switches, database: str | None = None
) -> tuple[pd.DataFrame, dict[str, Any], stored.Stored | None]:
    """The table, its side report and the stored table it came from (None: computed live just now)."""
    found = stored.load(driver, name, switches, database)
    if found is not None:
        return found.table, found.extra, found
    table, extra = compute(driver, name, switches, database)
    return table, extra, None


def plan(switches: Switches) -> list[tuple[str, Switches]]:
    """The (table, switches) pairs to store for a run of ``analyze`` with ``switches``, without repeats."""
    base = switches.with_(cities=None, tech_unit=None)
    variants = [base] if base.geo is not None else [base, base.with_(geo="applicant")]
    pairs: dict[tuple[str, str], tuple[str, Switches]] = {}
    for name in TABLES:
        for s in variants:
            pairs.setdefault((name, stored.key(name, s)), (name, s))
    return list(pairs.values())


def city_ids(driver: Driver, names: tuple[str, ...], database: str | None = None) -> list[str]:
    """The ids of the cities called ``names`` (the one with most applicants when a name repeats)."""
    found = query(driver, "stored_city_ids", {"names": list(names)}, database)
    return [str(c) for c in found["city_id"] if c is not None]


def store_networks(
    driver: Driver, switches: Switches, city_id: str, data_stamp: str, database: str | None = None
) -> int:
    """Store the local network of ``city_id`` in every period: nodes (the export) and edges."""
    s = switches.with_(cities=(city_id,))
    counts = exports.database_counts(driver, database)
    periods = s.resolved_periods(counts["last_year"])
    nets = network.compute(driver, s, periods, database)
    extra = {**exports.network_report(nets, periods), "database": counts}
    edges = [n.edges.assign(period=n.period.name) for n in nets]
    edge_table = pd.concat(edges, ignore_index=True) if edges else pd.DataFrame()
    rows = stored.save(driver, "local-network", s, network.table(nets), extra, data_stamp, database)
    stored.save(driver, "local-network-edges", s, edge_table, extra, data_stamp, database)
    return rows


def compute_together(
    driver: Driver, name: str, switches: Switches, database: str | None = None
) -> dict[str, Result]:
    """Table ``name`` and those that the same computation gives (kci with tci, stakeholders with ownership)."""
    if name not in exports.TOGETHER:
        return {name: compute(driver, name, switches, database)}
    results = exports.TOGETHER[name](driver, switches, database)
    return {n: (t.reindex(columns=list(exports.EXPORTS[n].columns)), x) for n, (t, x) in results.items()}


def store_all(
    driver: Driver,
    switches: Switches,
    database: str | None = None,
    cities: tuple[str, ...] = DEFAULT_CITIES,
    report: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Compute and store every planned table; one row (name, switches, rows, seconds) per table."""
    data_stamp = current_stamp(driver, database)
    counts = {"database": exports.database_counts(driver, database)}  # for the exports' .meta.json
    planned = {(name, stored.key(name, s)) for name, s in plan(switches)}
    done: list[dict[str, Any]] = []
    for name, s in plan(switches):
        if any(d["name"] == name and d["switches"] == stored.key(name, s) for d in done):
            continue  # stored with its sibling
        t0 = time.perf_counter()
        for n, (table, extra) in compute_together(driver, name, s, database).items():
            if (n, stored.key(n, s)) in planned:
                stored.save(driver, n, s, table, {**extra, **counts}, data_stamp, database)
                done.append({"name": n, "switches": stored.key(n, s), "rows": len(table),
                             "seconds": time.perf_counter() - t0})  # fmt: skip
                if report:
                    report(f"{n}: {len(table)} rows ({done[-1]['seconds']:.1f} s)")
    for city in city_ids(driver, cities, database):
        t0 = time.perf_counter()
        rows = store_networks(driver, switches.with_(cities=None), city, data_stamp, database)
        done.append({"name": "local-network", "switches": city, "rows": rows,
                     "seconds": time.perf_counter() - t0})  # fmt: skip
        if report:
            report(f"local-network {city}: {rows} rows ({done[-1]['seconds']:.1f} s)")
    return done
