"""Render times of every page: ``python -m ui.timing [--runs 3]`` against the database of the settings.

Each page is run by Streamlit's AppTest in this process: the first run computes the tables (cold), the
next ones read them from ``st.cache_data`` (warm), as a reader who moves between pages sees them.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent / "app.py"
PAGES = ["overview", "specialisation", "novelty_complexity", "ecosystem", "global_networks", "cypher_console"]


def timings(runs: int, timeout: float) -> Iterator[tuple[str, list[float]]]:
    """(page, seconds of each run), page by page as they are measured."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for page in PAGES:
        if page != PAGES[0]:  # the first run opens the default page, the overview
            at.switch_page(f"views/{page}.py")
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            seconds.append(time.perf_counter() - start)
            if at.exception:
                raise SystemExit(f"{page}: {at.exception[0].value}")
        yield page, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the first one is cold)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds allowed per run")
    args = parser.parse_args()
    print("| page | first run (s) | later runs (s) |\n|---|---|---|")
    for page, seconds in timings(args.runs, args.timeout):
        later = ", ".join(f"{s:.2f}" for s in seconds[1:])
        print(f"| {page} | {seconds[0]:.2f} | {later} |", flush=True)


if __name__ == "__main__":
    main()
