"""Run the benchmarks: ``python -m benchmarks [NAME ...] [--sizes 100000,1000000]``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

import pandas as pd

RESULTS = Path(__file__).resolve().parent / "results"


def discover() -> list[str]:
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(Path(__file__).resolve().parent)])
        if m.name.startswith("bench_")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(discover())})"
    )
    parser.add_argument("--sizes", default="100000,1000000", help="patent counts, comma-separated")
    parser.add_argument(
        "--engine",
        choices=["local", "spark"],
        default="local",
        help="the load and indicator engine to measure",
    )
    parser.add_argument(
        "--citations-per-patent", type=float, default=None, help="generator citation density (e.g. 16)"
    )
    args = parser.parse_args(argv)
    names = args.names or discover()
    unknown = sorted(set(names) - set(discover()))
    if unknown:
        print(
            f"Error: no benchmark named {', '.join(unknown)}; known: {', '.join(discover())}", file=sys.stderr
        )
        return 1
    RESULTS.mkdir(exist_ok=True)
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        began = time.perf_counter()
        rows = module.run(args)
        frame = pd.DataFrame(rows)
        frame.to_csv(RESULTS / f"{name}.csv", index=False)
        print(f"\n== {name} ({time.perf_counter() - began:.0f} s) ==")
        print(frame.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
