"""Speed and peak memory of ``hotspot-kg generate`` at 100k and 1M patents.

Each size runs in a fresh subprocess, so its peak resident memory (ru_maxrss) is its own. The
baseline, measured in the same run, is the bare cost of writing the same number of CSV rows with
``csv.writer``: the ratio says how much the simulation costs on top of writing its output.
``seconds`` is the generator's CPU time (the machine is shared, so wall time is reported beside it);
``--sizes 20000,100000`` changes the sizes.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, resource, sys, time
from graph.ingest.synthetic import generate
t0, c0 = time.perf_counter(), time.process_time()
s = generate(sys.argv[1], patents=int(sys.argv[2]), seed=1)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out = {"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": sum(s.rows.values())}
print(json.dumps({**out, "rss_mb": rss}))
"""


def measure(patents: int, folder: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(patents)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def baseline_seconds(rows: int, folder: Path) -> float:
    """CPU seconds to write ``rows`` three-column rows of generator-like ids with csv.writer."""
    t0 = time.process_time()
    with (folder / "baseline.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for i in range(rows):
            writer.writerow((f"SIM-P{1_000_000_000 + i}", f"SIM-A{1_000_000_000_000 + i}", i % 3))
    return time.process_time() - t0


def run(args: argparse.Namespace) -> list[dict[str, object]]:
    sizes = [int(s) for s in str(args.sizes).split(",") if s]
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = measure(n, Path(tmp) / f"n{n}")
            base = baseline_seconds(int(r["rows"]), Path(tmp))
            rows.append(
                {
                    "benchmark": "generate",
                    "case": f"{n} patents",
                    "seconds": round(r["cpu"], 2),
                    "baseline_seconds": round(base, 2),
                    "ratio": round(r["cpu"] / base, 2),
                    "wall_seconds": round(r["wall"], 2),
                    "peak_rss_mb": round(r["rss_mb"]),
                    "csv_rows": int(r["rows"]),
                }
            )
            shutil.rmtree(Path(tmp) / f"n{n}")
    return rows
