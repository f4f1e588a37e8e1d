"""Load benchmark: synthetic patents online and in bulk, and the bare ``neo4j-admin database import``.

For each size N (``--sizes``): generate a synthetic canonical folder (``hotspot-kg generate``), then
1. online: validate + ``load_online`` into an empty database (skipped above HOTSPOT_BENCH_ONLINE_MAX,
   default 200,000 patents, for time);
2. bulk: validate + ``load_bulk`` (write import CSVs, import, start, schema) into a database never created,
   the server stopped (a first load; a load into a running server adds the stop, reported apart);
3. bare: the same import CSV files through ``neo4j-admin database import full`` alone (server stopped);
4. write ceiling (sizes run online): N patents with the online run's links per patent created by one
   Cypher statement on the server (``bench_write_ceiling``: no parameters, no MERGE, no lookups), the
   fastest any online loader could go on this server; ratio = online seconds / ceiling seconds.
Reported: patents/s and relationships/s, and the ratio of the bulk path to the bare import.

With ``--engine spark`` (``python -m benchmarks load --engine spark``), for each size: the in-process bulk
load (up to HOTSPOT_BENCH_LOCAL_MAX patents, default 2,000,000), the Spark bulk load (``load --engine spark
--bulk``: session, read + validate + lake, import CSV parts, import, start, constraints) and the floor, what a
user does by hand with the same CSV files: bare ``neo4j-admin database import``, the server start and the
uniqueness constraints. Every case reports the peak resident memory of each process (this Python, the Spark
JVM and its Python workers, neo4j-admin, the server), sampled from /proc. ``--citations-per-patent 16``
generates a PatentsView-like citation density. Above HOTSPOT_BENCH_LOCAL_MAX, where the in-process load is
not run, the floor is not imported a second time: it is the Spark load's own import, start and constraint
steps, which are that same command on those same files (a second import at 9M patents takes a quarter hour).

``HOTSPOT_BENCH_KEEP=DIR`` works in DIR instead of a temporary folder and keeps what is costly to make at large
sizes: the generated universe (``DIR/N/synthetic``, reused by a later run, of either benchmark, that asks for
the same size, seed and citation density) and, with ``--engine spark``, the loaded graph (in the benchmark's
server instance) with its lake (``DIR/N/lake``, stamped with the database), which
``python -m benchmarks indicators --engine spark`` then uses instead of loading again.

It runs on a server instance of its own (``.neo4j/bench-instance``, ports +20000), never on the demo's data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from graph.ingest import bulk_csv, load_bulk, load_online, pipeline, schema
from graph.ingest.synthetic.generate import generate
from hotspot_kg.core import db, queries
from hotspot_kg.core import settings as settings_module
from hotspot_kg.server import process

SEED = 1
BATCH_SIZE = 10_000


def bench_settings() -> settings_module.Settings:
    """The benchmark's own local server: data under .neo4j/bench-instance, ports 20000 above the usual ones."""
    env = dict(os.environ)
    env.pop("NEO4J_URI", None)
    base = settings_module.local_server(env)
    env["HOTSPOT_NEO4J_HOME"] = str(base.dist / "bench-instance")
    env["HOTSPOT_BOLT_PORT"] = str(base.bolt_port + 20000 if base.bolt_port < 45535 else 27687)
    env["HOTSPOT_HTTP_PORT"] = str(base.http_port + 20000 if base.http_port < 45535 else 27474)
    return settings_module.load(env)


def server_cpu(config: settings_module.Settings) -> float:
    """CPU seconds (user + system) the running server process has used: a figure that other load on the
    machine does not inflate, unlike wall time."""
    pid = process.running_pid(config.local)
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _empty(config: settings_module.Settings) -> None:
    """A running server with an empty database (a fresh store: quicker than deleting a large graph)."""
    fresh(config)
    process.start(config, echo=lambda line: None)


def fresh(config: settings_module.Settings) -> None:
    """A stopped server whose database was never created: the state of a first bulk load."""
    process.stop(config, echo=lambda line: None)
    data = config.local.home / "data"
    for folder in ("databases", "transactions"):
        shutil.rmtree(data / folder / config.database, ignore_errors=True)


def work_root(prefix: str) -> tuple[Path, bool]:
    """The benchmark's work folder (HOTSPOT_BENCH_KEEP, kept; else a temporary one) and whether it is kept."""
    kept = os.environ.get("HOTSPOT_BENCH_KEEP")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept).resolve(), True
    return Path(tempfile.mkdtemp(prefix=prefix)), False


def universe(work: Path, n: int, citations: float | None, console: Console) -> Path:
    """The synthetic canonical folder of ``n`` patents at ``work/synthetic``: generated, unless a kept one
    there was generated with the same size, seed and citation density (its ``bench-universe.json``)."""
    folder = work / "synthetic"
    recipe = {"patents": n, "seed": SEED, "citations_per_patent": citations}
    marker = work / "bench-universe.json"
    if marker.exists() and json.loads(marker.read_text()) == recipe:
        console.print(f"reusing the {n:,}-patent universe at {folder}")
        return folder
    marker.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    began = time.perf_counter()
    generate(folder, patents=n, seed=SEED, citations_per_patent=citations)
    console.print(f"generated {n:,} synthetic patents in {time.perf_counter() - began:.0f} s")
    marker.write_text(json.dumps(recipe))
    return folder


def _row(case: str, n: int, seconds: float, patents: int, rels: int, **extra: Any) -> dict[str, Any]:
    return {
        "benchmark": "load",
        "case": case,
        "patents": n,
        "seconds": round(seconds, 2),
        "patents_per_s": round(patents / seconds),
        "relationships_per_s": round(rels / seconds),
        "relationships": rels,
        **extra,
    }


def online(
    config: settings_module.Settings, folder: Path, work: Path, n: int, console: Console
) -> dict[str, Any]:
    _empty(config)
    cpu, began = time.process_time(), time.perf_counter()
    outcome = pipeline.prepare("canonical", folder, work / "rejects-online.csv", work)
    validated, validate_cpu = time.perf_counter(), time.process_time() - cpu
    server_before = server_cpu(config)
    with db.connect(config) as driver:
        created = load_online.load(driver, outcome.staging, batch_size=BATCH_SIZE, console=console)
    done = time.perf_counter()
    server_seconds = server_cpu(config) - server_before
    outcome.staging.remove()
    rels = sum(created.relationships.values())
    return _row(
        "online",
        n,
        done - began,
        n,
        rels,
        validate_seconds=round(validated - began, 2),
        load_seconds=round(done - validated, 2),
        load_patents_per_s=round(n / (done - validated)),
        python_cpu_seconds=round(time.process_time() - cpu, 2),
        validate_cpu_seconds=round(validate_cpu, 2),
        server_cpu_seconds=round(server_seconds, 2),
        rejected=outcome.rejected,
    )


def ceiling(
    config: settings_module.Settings, n: int, online_row: dict[str, Any], console: Console
) -> dict[str, Any]:
    """The server's own write speed for N patents with as many links each as the online load had."""
    _empty(config)
    links = round(online_row["relationships"] / n)
    q = queries.load("bench_write_ceiling")
    params = q.bind({"n": n, "links": links})
    cpu = server_cpu(config)
    with db.connect(config) as driver, driver.session(database=config.database) as session:
        began = time.perf_counter()
        for statement in q.statements():
            session.run(statement, {k: v for k, v in params.items() if f"${k}" in statement}).consume()
        seconds = time.perf_counter() - began
    console.print(f"{n:,} write ceiling: {n / seconds:,.0f} patents/s with {links} links each")
    return _row(
        "write ceiling (Cypher CREATE on the server)",
        n,
        seconds,
        n,
        n * links,
        server_cpu_seconds=round(server_cpu(config) - cpu, 2),
        baseline_seconds=round(seconds, 2),
        ratio=round(online_row["seconds"] / seconds, 2),
    )


def bulk(
    config: settings_module.Settings, folder: Path, work: Path, n: int, console: Console
) -> list[dict[str, Any]]:
    fresh(config)
    csv_folder = work / "import"
    timings = load_bulk.Timings()
    cpu, began = time.process_time(), time.perf_counter()
    outcome = pipeline.prepare("canonical", folder, work / "rejects-bulk.csv", work)
    validated, validate_cpu = time.perf_counter(), time.process_time() - cpu
    children = _children_cpu()
    created = load_bulk.load(config, outcome.staging, console=console, csv_folder=csv_folder, timings=timings)
    import_cpu = _children_cpu() - children
    total = time.perf_counter() - began
    outcome.staging.remove()
    rels = sum(created.relationships.values())
    files = bulk_csv.ImportFiles(csv_folder)
    files.files = [
        (g.kind, csv_folder / f"{g.name}.header.csv", [csv_folder / f"{g.name}.csv"], 1)
        for g in bulk_csv.GROUPS
        if (csv_folder / f"{g.name}.csv").stat().st_size
    ]
    process.stop(config, echo=lambda line: None)
    children = _children_cpu()
    bare = load_bulk.admin_import(config.local, files, config.database)
    bare_cpu = _children_cpu() - children
    process.start(config, echo=lambda line: None)
    return [
        _row(
            "bulk",
            n,
            total,
            n,
            rels,
            validate_seconds=round(validated - began, 2),
            validate_cpu_seconds=round(validate_cpu, 2),
            python_cpu_seconds=round(time.process_time() - cpu, 2),
            csv_seconds=round(timings.csv, 2),
            import_seconds=round(timings.admin_import, 2),
            stop_seconds=round(timings.stop, 2),
            start_seconds=round(timings.start, 2),
            schema_seconds=round(timings.schema, 2),
            import_cpu_seconds=round(import_cpu, 2),
            baseline_seconds=round(bare, 2),
            ratio=round(total / bare, 2),
            # the steps the bare import also needs before its database is usable are start and schema
            ratio_to_import=round((validated - began + timings.csv + timings.admin_import) / bare, 2),
        ),
        _row("bare neo4j-admin import", n, bare, n, rels, import_cpu_seconds=round(bare_cpu, 2)),
    ]


def _import_files(folder: Path) -> bulk_csv.ImportFiles:
    """The import files the Spark load wrote into ``folder`` (header files and their parts)."""
    files = bulk_csv.ImportFiles(folder)
    for group in bulk_csv.GROUPS:
        parts = sorted(p for p in folder.glob(f"{group.name}-*/part-*.csv") if p.stat().st_size)
        if parts:
            files.files.append((group.kind, folder / f"{group.name}.header.csv", parts, 1))
    files.multiline = False
    return files


def spark(
    config: settings_module.Settings,
    folder: Path,
    work: Path,
    n: int,
    console: Console,
    with_local: bool,
    keep: bool = False,
) -> list[dict[str, Any]]:
    """The Spark bulk load against the in-process bulk load and against the floor (see the module doc);
    with ``keep``, the graph is left in the server instance and the lake in ``work/lake``, stamped."""
    from benchmarks.memory import PeakMemory
    from graph.ingest.load_path import finish_load
    from graph.ingest.spark import load as spark_load

    server = lambda: process.running_pid(config.local)  # noqa: E731
    rows: list[dict[str, Any]] = []
    local_seconds = None
    if with_local:
        fresh(config)
        with PeakMemory(server) as memory:
            began = time.perf_counter()
            prepared = pipeline.prepare("canonical", folder, work / "rejects-local.csv", work)
            created = load_bulk.load(
                config, prepared.staging, console=console, csv_folder=work / "import-local"
            )
            local_seconds = time.perf_counter() - began
            prepared.staging.remove()
        rels = sum(created.relationships.values())
        rows.append(_row("in-process bulk", n, local_seconds, n, rels, **memory.gigabytes()))
        shutil.rmtree(work / "import-local", ignore_errors=True)
    fresh(config)
    timings = spark_load.SparkTimings()
    with PeakMemory(server) as memory:
        began = time.perf_counter()
        outcome, created = spark_load.load(
            config, None, "canonical", folder, bulk=True, rejects_file=work / "rejects-spark.csv",
            lake_root=work / "lake", csv_folder=work / "import-spark", console=console, timings=timings,
        )  # fmt: skip
        seconds = time.perf_counter() - began
    rels = sum(created.relationships.values())
    b = timings.bulk
    floor_memory: dict[str, float] = {}
    if with_local:
        fresh(config)
        with PeakMemory(server) as floor_peak:
            bare = load_bulk.admin_import(config.local, _import_files(work / "import-spark"), config.database)
            began = time.perf_counter()
            process.start(config, echo=lambda line: None)
            start = time.perf_counter() - began
            with db.connect(config) as driver:
                began = time.perf_counter()
                schema.ensure(driver, config.database)
                constraints = time.perf_counter() - began
        floor_memory = floor_peak.gigabytes()
        floor_case = "floor: bare import + start + constraints"
    else:  # the load's own steps: the same import command on the same files (see the module doc)
        bare, start, constraints = b.admin_import, b.start, b.schema
        floor_case = "floor: bare import + start + constraints (the load's own steps)"
    floor = bare + start + constraints
    if keep:
        with db.connect(config) as driver:
            finish_load(driver, config, "canonical", folder, outcome, work / "lake")
    rows.append(
        _row(
            "spark bulk",
            n,
            seconds,
            n,
            rels,
            spark_start_seconds=round(timings.start, 2),
            validate_and_lake_seconds=round(timings.validate, 2),
            csv_seconds=round(b.csv, 2),
            import_seconds=round(b.admin_import, 2),
            start_seconds=round(b.start, 2),
            schema_seconds=round(b.schema, 2),
            ratio_to_floor=round(seconds / floor, 2),
            ratio_to_in_process=round(seconds / local_seconds, 2) if local_seconds else None,
            rows_read=outcome.rows,
            **memory.gigabytes(),
        )
    )
    rows.append(
        _row(floor_case, n, floor, n, rels, import_seconds=round(bare, 2),
             start_seconds=round(start, 2), schema_seconds=round(constraints, 2), **floor_memory)
    )  # fmt: skip
    shutil.rmtree(work / "import-spark", ignore_errors=True)
    if not keep:
        shutil.rmtree(work / "lake", ignore_errors=True)
    return rows


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    sizes = [int(s) for s in str(getattr(args, "sizes", "100000")).split(",") if s]
    engine = getattr(args, "engine", "local")
    citations = getattr(args, "citations_per_patent", None)
    local_max = int(os.environ.get("HOTSPOT_BENCH_LOCAL_MAX", "2000000"))
    online_max = int(os.environ.get("HOTSPOT_BENCH_ONLINE_MAX", "200000"))
    config = bench_settings()
    console = Console(stderr=True)
    rows: list[dict[str, Any]] = []
    root, keep = work_root("hotspot-bench-load-")
    try:
        for n in sizes:
            work = root / str(n)
            folder = universe(work, n, citations, console)
            if engine == "spark":
                rows.extend(spark(config, folder, work, n, console, with_local=n <= local_max, keep=keep))
                if not keep:
                    shutil.rmtree(work, ignore_errors=True)
                continue
            if n <= online_max:
                rows.append(online(config, folder, work, n, console))
                rows.append(ceiling(config, n, rows[-1], console))
            rows.extend(bulk(config, folder, work, n, console))
            shutil.rmtree(work / "import", ignore_errors=True)
    finally:
        process.stop(config, echo=lambda line: None)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return rows
