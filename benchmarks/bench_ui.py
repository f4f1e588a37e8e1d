"""Explorer page render times, first visit and cached, and the read speed of the stored-table layouts.

Runs against the database of the settings (``HOTSPOT_BOLT_PORT`` or ``NEO4J_URI``), which must already
hold data analysed by ``hotspot-kg analyze`` (``--sizes`` does not apply: generate, load and analyze the
size you want first; the patent count is reported). Each page is rendered by Streamlit's AppTest in a
fresh Python process (empty caches): the modules a new server process imports on its first run
(``startup_s``, once per server, not per visit), the overview, as the app opens on it, then the page,
once cold (``first_s``) and twice from the cache (``cached_s``). ``BENCH_UI_LIVE=1`` also renders every page with the stored tables
ignored (computed live, as before they were stored): minutes per page on large data.

The storage rows time reading a 30,000-row table (rsi-like: 4 text, 4 float columns) stored as one
node with column-wise lists (the layout of :mod:`analytics.stored`) against one node per row.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "specialisation", "novelty_complexity", "ecosystem", "global_networks", "cypher_console"]
CACHED_RUNS = 2
STORAGE_ROWS = 30_000

_CHILD = """
import json, sys, time
from streamlit.testing.v1 import AppTest
if sys.argv[2] == "live":
    from analytics import stored
    stored.load = lambda *a, **k: None
t0 = time.perf_counter()
import networkx, plotly.graph_objects, pydeck  # what a new server process imports on its first run
from ui import charts, console, data, network_chart, sidebar, tables, widgets
startup = time.perf_counter() - t0
at = AppTest.from_file(sys.argv[3], default_timeout=7200)
t0 = time.perf_counter(); at.run(); opened = time.perf_counter() - t0
page, times = sys.argv[1], []
if page != "overview":
    at.switch_page(f"views/{page}.py")
for _ in range(1 + int(sys.argv[4])):
    t0 = time.perf_counter(); at.run(); times.append(time.perf_counter() - t0)
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
print(json.dumps({"startup": startup, "opened": opened, "times": times}))
"""


def render(page: str, mode: str) -> dict[str, Any]:
    """Render ``page`` in a fresh process: seconds to open the app, then the page's runs."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, page, mode, str(ROOT / "ui" / "app.py"), str(CACHED_RUNS)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def page_rows(mode: str, patents: int, load: float) -> list[dict[str, Any]]:
    rows = []
    for page in PAGES:
        r = render(page, mode)
        first = r["opened"] if page == "overview" else r["times"][0]
        cached = min(r["times"][1:]) if page != "overview" else min(r["times"])
        rows.append({"bench": "page", "mode": mode, "patents": patents, "page": page,
                     "startup_s": round(r["startup"], 3), "first_s": round(first, 3),
                     "cached_s": round(cached, 3), "ratio": round(first / cached, 1), "load_avg": load})  # fmt: skip
        print(rows[-1], flush=True)
    return rows


def storage_rows(driver: Any, database: str | None) -> list[dict[str, Any]]:
    """Write a 30k-row table both ways (temporary labels), read each back three times, delete both."""
    rng = np.random.default_rng(0)
    n = STORAGE_ROWS
    cols: dict[str, list[Any]] = {f"t{i}": [f"GN{x}" for x in rng.integers(0, 10**7, n)] for i in range(4)}
    cols |= {f"f{i}": rng.random(n).tolist() for i in range(4)}
    run = driver.execute_query
    run("CREATE (t:BenchUiColumns) SET t = $cols", {"cols": cols}, database_=database)
    rows = [{k: v[i] for k, v in cols.items()} for i in range(n)]
    for start in range(0, n, 10_000):
        chunk = rows[start : start + 10_000]
        run("UNWIND $rows AS r CREATE (x:BenchUiRow) SET x = r", {"rows": chunk}, database_=database)
    reads = {
        "columns (one node, list properties)": "MATCH (t:BenchUiColumns) RETURN properties(t) AS t",
        "rows (one node per row)": "MATCH (x:BenchUiRow) RETURN properties(x) AS r",
    }
    out = []
    try:
        for layout, cypher in reads.items():
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                run(cypher, database_=database, result_transformer_=lambda r: r.to_df())
                times.append(time.perf_counter() - t0)
            out.append({"bench": "storage", "mode": layout, "rows": n, "read_s": round(min(times), 3)})
            print(out[-1], flush=True)
    finally:
        run("MATCH (t:BenchUiColumns) DELETE t", database_=database)
        run("MATCH (x:BenchUiRow) DELETE x", database_=database)
    return out


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    settings = settings_module.current()
    with db.connect(settings) as driver:
        records = driver.execute_query(
            "MATCH (p:Patent) WHERE p.in_db = true RETURN count(p) AS n", database_=settings.database
        ).records
        patents = int(records[0]["n"])
        if patents == 0:
            raise SystemExit("bench ui: the database holds no patents; generate, load and analyze some first")
        rows = storage_rows(driver, settings.database)
    load = round(os.getloadavg()[0], 1)
    rows += page_rows("stored", patents, load)
    if os.environ.get("BENCH_UI_LIVE") == "1":
        rows += page_rows("live", patents, round(os.getloadavg()[0], 1))
    return rows
