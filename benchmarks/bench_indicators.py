"""Every indicator through hotspot-kg (Neo4j + GDS, with its write-back) against a plain pandas script
over the same canonical CSV files, timed in the same run, and all of them together.

For each size, ``hotspot-kg generate`` writes a synthetic canonical folder, which is bulk-loaded into
the benchmark's own server instance (``.neo4j/bench-instance``, ports +20000; emptied first). With
``HOTSPOT_BENCH_DATA=FOLDER`` the configured server is used as it is instead: it must already hold
exactly that folder's patents (for example loaded with ``hotspot-kg load canonical FOLDER --bulk``).
``HOTSPOT_BENCH_CASES=novelty,kci main_group`` runs only the named cases ("all" then sums those).
Each row: seconds (ours), baseline_seconds (pandas), their ratio, and the CPU seconds the server
process used during our run (a figure other load on the machine does not inflate).

With ``--engine spark`` (``python -m benchmarks indicators --engine spark``), for each size the universe is
bulk-loaded with its lake, and ``analyze``'s steps that Spark computes (novelty, specialisation,
complexity, collaboration, sourcing, ecosystem, stages) run twice on the same graph, in the same run: in
the graph (the baseline) and on Spark from the lake (``analyze --engine spark``, on HOTSPOT_SPARK_MASTER),
both with their write-back. A row a step (seconds of each engine, their ratio), and a row of all steps with
the Spark session's start and the peak memory of every process (Python, the Spark JVM, the server).
The universe is loaded in process up to HOTSPOT_BENCH_LOCAL_MAX patents (default 2,000,000), on Spark above.
``HOTSPOT_BENCH_ENGINES=spark,graph`` runs only the named engines, in that order (the ratios need both);
``HOTSPOT_BENCH_STEPS=sourcing,ecosystem`` only the named steps; ``HOTSPOT_BENCH_CLUSTER=2`` runs Spark on
a standalone cluster of that many one-core workers started on this machine (to show that the same job runs
there) instead of HOTSPOT_SPARK_MASTER. A step that fails in the graph (at 9M
patents, the server runs out of transaction memory) is reported (``graph_failed``) and the next one runs.
With ``HOTSPOT_BENCH_KEEP=DIR`` (as for ``python -m benchmarks load``), a universe kept in DIR is reused, and so
is a graph kept in the benchmark's instance with its lake, if the lake still matches the database (for
example after ``HOTSPOT_BENCH_KEEP=DIR python -m benchmarks load --engine spark --sizes 9000000
--citations-per-patent 16``): the 9M case then skips its hour-long load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from neo4j import Driver
from neo4j.exceptions import Neo4jError
from rich.console import Console

from analytics import (
    collaboration,
    complexity_graph,
    ecosystem,
    network,
    novelty_graph,
    sourcing,
    specialisation,
    stages,
)
from analytics.graphio import autocommit
from analytics.switches import Switches
from analytics.switches import stages as stage_periods
from benchmarks import bench_load
from benchmarks import indicator_baselines as base
from benchmarks.bench_load import bench_settings, server_cpu
from graph.ingest import load_bulk, pipeline
from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import HotspotError
from hotspot_kg.server import process

SEED = 1
Case = tuple[Callable[[Driver, Switches], object], Callable[[Path], object]]


def cases(folder: Path) -> dict[str, Case]:
    """Ours and the baseline of every indicator, under the default switches and the study's stages."""
    periods = stage_periods(base.last_year(folder))
    city = base.busiest_city(folder)
    last = periods[-1]
    s_main = {"tech_unit": "ipc", "ipc_level": "main_group"}

    def ours_novelty(d: Driver, s: Switches) -> object:
        run = novelty_graph.write(d, novelty_graph.compute(d, s, with_cities=True))
        return novelty_graph.cities(d, s, run)

    def ours_rsi(d: Driver, s: Switches) -> object:
        table, used = specialisation.compute(d, s.with_(tech_unit="field35"))
        return specialisation.write(d, table, s, used)

    def ours_sourcing(d: Driver, s: Switches) -> object:
        table, _, used = sourcing.compute(d, s)
        return sourcing.write(d, table, s, used)

    def ours_network(d: Driver, s: Switches) -> object:
        return network.write_co_applied(d), network.local_network(d, city, last, s)

    return {
        "novelty": (ours_novelty, base.novelty_tables),
        "rsi field35": (ours_rsi, lambda f: base.rsi(f, periods)),
        "kci main_group": (
            lambda d, s: complexity_graph.compute(d, s.with_(**s_main)),
            lambda f: base.kci(f, periods, "main_group"),
        ),
        "collaboration types": (collaboration.compute, base.collaboration_types),
        "knowledge sourcing": (ours_sourcing, lambda f: base.knowledge_sourcing(f, periods)),
        "local network (GDS)": (ours_network, lambda f: base.network(f, city, last)),
        "ecosystem": (ecosystem.compute, base.ecosystem_tables),
        "stages": (stages.compute, lambda f: base.stage_table(f, periods)),
    }


def _row(case: str, size: int, ours: float, baseline: float, cpu: float, **extra: Any) -> dict[str, Any]:
    return {"benchmark": "indicators", "case": case, "patents": size, "seconds": round(ours, 2),
            "baseline_seconds": round(baseline, 2), "ratio": round(ours / baseline, 2),
            "server_cpu_seconds": round(cpu, 1), **extra}  # fmt: skip


def measure(
    driver: Driver, config: settings_module.Settings, folder: Path, size: int, console: Console
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    s = Switches()
    chosen = [c.strip() for c in os.environ.get("HOTSPOT_BENCH_CASES", "").split(",") if c.strip()]
    every = cases(folder)
    unknown = sorted(set(chosen) - set(every))
    if unknown:
        raise SystemExit(f"HOTSPOT_BENCH_CASES names no case {', '.join(unknown)}; the cases are: "
                         f"{', '.join(every)}")  # fmt: skip
    for case, (ours, baseline) in every.items():
        if chosen and case not in chosen:
            continue
        cpu0, t0 = server_cpu(config), time.perf_counter()
        ours(driver, s)
        t1, cpu1 = time.perf_counter(), server_cpu(config)
        baseline(folder)
        t2 = time.perf_counter()
        rows.append(
            _row(case, size, t1 - t0, t2 - t1, cpu1 - cpu0, load_average=round(os.getloadavg()[0], 1))
        )
        console.print(f"{size:,} {case}: ours {t1 - t0:.1f} s, pandas {t2 - t1:.1f} s")
    total = {k: sum(r[k] for r in rows) for k in ("seconds", "baseline_seconds", "server_cpu_seconds")}
    rows.append(_row("all", size, total["seconds"], total["baseline_seconds"], total["server_cpu_seconds"],
                     load_average=round(os.getloadavg()[0], 1)))  # fmt: skip
    return rows


def _bulk_load(config: settings_module.Settings, folder: Path, work: Path, console: Console) -> float:
    bench_load.fresh(config)
    began = time.perf_counter()
    outcome = pipeline.prepare("canonical", folder, work / "rejects.csv", work)
    try:
        load_bulk.load(config, outcome.staging, console=console)
    finally:
        outcome.staging.remove()
    return time.perf_counter() - began


def _check_holds(driver: Driver, folder: Path) -> int:
    n = len(base.patents(folder))
    held = driver.execute_query("MATCH (p:Patent) WHERE p.year IS NOT NULL RETURN count(p) AS n").records[0][
        "n"
    ]
    if held != n:
        raise HotspotError(
            f"HOTSPOT_BENCH_DATA={folder} has {n} dated patents but the server holds {held}; "
            f"load it first: hotspot-kg load canonical {folder} --bulk (into an empty database)"
        )
    return n


def _engine_steps(
    driver: Driver, config: settings_module.Settings, engine: str, names: list[str], lake_root: Path,
    failures: dict[str, str], master: str | None = None,
) -> Iterator[tuple[str, str, float]]:  # fmt: skip
    """``analyze``'s steps on one engine, as :func:`analytics.analyze.run_all` yields them. On the graph each
    step runs alone and one that fails (the server out of transaction memory, say) is recorded in
    ``failures`` and the next one runs: the benchmark asks whether each finishes. Spark's steps share one
    session (and what they derive from the lake), so a failure there ends the run."""
    from analytics.analyze import run_all

    s = Switches()
    if engine == "spark":
        yield from run_all(
            driver,
            names,
            s,
            config.database,
            engine="spark",
            lake_root=lake_root,
            master=master,
            config=config,
        )
        return
    for name in names:
        try:
            yield from run_all(driver, [name], s, config.database)
        except (HotspotError, Neo4jError) as error:
            failures[name] = str(error).strip().splitlines()[0][:300]


def _engine_rows(
    driver: Driver, config: settings_module.Settings, lake_root: Path, size: int, console: Console
) -> list[dict[str, Any]]:
    """The Spark steps of analyze, in the graph and on Spark, on the graph and lake of one universe."""
    from analytics.spark.analyze import SPARK_STEPS
    from benchmarks.memory import PeakMemory

    chosen = [n.strip() for n in os.environ.get("HOTSPOT_BENCH_STEPS", "").split(",") if n.strip()]
    if set(chosen) - set(SPARK_STEPS):
        raise SystemExit(f"HOTSPOT_BENCH_STEPS={','.join(chosen)}: name steps among {', '.join(SPARK_STEPS)}")
    names = [n for n in SPARK_STEPS if not chosen or n in chosen]
    server = lambda: process.running_pid(config.local)  # noqa: E731
    seconds: dict[str, dict[str, float]] = {}
    failed: dict[str, dict[str, str]] = {}
    totals: dict[str, tuple[float, dict[str, float]]] = {}
    engines = [
        e.strip() for e in os.environ.get("HOTSPOT_BENCH_ENGINES", "graph,spark").split(",") if e.strip()
    ]
    if not engines or set(engines) - {"graph", "spark"}:
        raise SystemExit(f"HOTSPOT_BENCH_ENGINES={','.join(engines)}: name graph, spark or both")
    workers = int(os.environ.get("HOTSPOT_BENCH_CLUSTER", "0") or 0)
    for engine in engines:
        autocommit(driver, "novelty_clear")  # each engine pays its whole novelty write-back
        steps: dict[str, float] = {}
        failures = failed.setdefault(engine, {})
        with ExitStack() as stack, PeakMemory(server) as memory:
            master = None
            if engine == "spark" and workers:
                from hotspot_kg.spark.cluster import StandaloneCluster

                cluster = StandaloneCluster(lake_root.parent / "cluster", workers=workers, cores=1)
                master = stack.enter_context(cluster).master_url
                console.print(f"{size:,}: Spark on a standalone cluster of {workers} workers at {master}")
            began = time.perf_counter()
            for name, summary, took in _engine_steps(
                driver, config, engine, names, lake_root, failures, master
            ):
                steps[name] = took
                console.print(f"{size:,} {name} on {engine}: {took:.1f} s ({summary})", markup=False)
            total = time.perf_counter() - began
        for name, why in failures.items():
            console.print(f"{size:,} {name} on {engine}: FAILED: {why}", markup=False)
        seconds[engine] = steps
        totals[engine] = (total, memory.gigabytes())

    def of(engine: str, name: str) -> float | None:
        took = seconds.get(engine, {}).get(name)
        return round(took, 2) if took is not None else None

    def ratio(spark_s: float | None, graph_s: float | None) -> float | None:
        return round(spark_s / graph_s, 2) if spark_s is not None and graph_s else None

    rows = [
        {"benchmark": "indicators", "engine": "spark", "case": name, "patents": size,
         "seconds": of("spark", name), "baseline_seconds": of("graph", name),
         "ratio": ratio(of("spark", name), of("graph", name)),
         **{f"{e}_failed": f[name] for e, f in failed.items() if name in f}}
        for name in names
    ]  # fmt: skip
    spark_total, spark_memory = totals.get("spark", (None, {}))
    graph_total, graph_memory = totals.get("graph", (None, {}))
    rows.append(
        {"benchmark": "indicators", "engine": "spark", "case": "all", "patents": size,
         "seconds": round(spark_total, 2) if spark_total is not None else None,
         "baseline_seconds": round(graph_total, 2) if graph_total is not None else None,
         "ratio": ratio(spark_total, graph_total),
         "spark_start_seconds": round(spark_total - sum(seconds["spark"].values()), 2)
         if spark_total is not None else None,
         **{f"spark_{k}": v for k, v in spark_memory.items()}, **{f"graph_{k}": v for k, v in graph_memory.items()},
         **{f"{e}_failed": ",".join(f) for e, f in failed.items() if f},
         "spark_cluster_workers": workers or None,
         "load_average": round(os.getloadavg()[0], 1)}
    )  # fmt: skip
    return rows


def _spark_size(config: settings_module.Settings, folder: Path, work: Path, size: int, console: Console
                ) -> list[dict[str, Any]]:  # fmt: skip
    """``--engine spark`` at one size: the bulk load with its lake, then :func:`_engine_rows`."""
    from graph.ingest.load_path import finish_load, load_path

    local_max = int(os.environ.get("HOTSPOT_BENCH_LOCAL_MAX", "2000000"))
    bench_load.fresh(config)
    began = time.perf_counter()
    outcome, _ = load_path(config, None, "canonical", folder, bulk=True, rejects_file=work / "rejects.csv",
                           console=console, lake_root=work / "lake",
                           engine="local" if size <= local_max else "spark")  # fmt: skip
    loaded = time.perf_counter() - began
    with db.connect(config) as driver:
        finish_load(driver, config, "canonical", folder, outcome, work / "lake")
        part = _engine_rows(driver, config, work / "lake", size, console)
    part[-1]["load_seconds"] = round(loaded, 1)
    return part


def _kept_graph(config: settings_module.Settings, lake_root: Path, console: Console) -> bool:
    """Whether the benchmark's instance holds the graph a kept lake was loaded with (the server started)."""
    from graph.ingest import lake
    from graph.stamp import data_stamp

    if not (lake_root / lake.MANIFEST).exists():
        return False
    process.start(config, echo=lambda line: None)
    with db.connect(config) as driver:
        try:
            lake.require_matching(lake_root, data_stamp(driver, config.database))
        except HotspotError as error:
            console.print(f"not reusing the kept graph: {error}", markup=False)
            return False
    console.print(f"reusing the graph kept in {config.local.home} with its lake at {lake_root}")
    return True


def _graph_size(config: settings_module.Settings, folder: Path, work: Path, size: int, console: Console
                ) -> list[dict[str, Any]]:  # fmt: skip
    """The in-graph indicators against pandas at one size: the bulk load, then :func:`measure`."""
    loaded = _bulk_load(config, folder, work, console)
    with db.connect(config) as driver:
        part = measure(driver, config, folder, size, console)
    part[-1]["load_seconds"] = round(loaded, 1)
    return part


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    console = Console(stderr=True)
    given = os.environ.get("HOTSPOT_BENCH_DATA")
    if given and getattr(args, "engine", "local") != "spark":
        config = settings_module.current()
        with db.connect(config) as driver:
            n = _check_holds(driver, Path(given))
            autocommit(driver, "novelty_clear")  # so that novelty pays its whole first write-back
            return measure(driver, config, Path(given), n, console)
    config = bench_settings()
    per_size = _spark_size if getattr(args, "engine", "local") == "spark" else _graph_size
    rows: list[dict[str, Any]] = []
    root, keep = bench_load.work_root("hotspot-bench-indicators-")
    try:
        for size in [int(x) for x in str(args.sizes).split(",") if x]:
            work = root / str(size)
            if per_size is _spark_size and keep and _kept_graph(config, work / "lake", console):
                with db.connect(config) as driver:  # the kept graph and lake: no universe, no load
                    rows += _engine_rows(driver, config, work / "lake", size, console)
                continue
            citations = getattr(args, "citations_per_patent", None)
            rows += per_size(config, bench_load.universe(work, size, citations, console), work, size, console)
            if not keep:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        process.stop(config, echo=lambda line: None)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return rows
