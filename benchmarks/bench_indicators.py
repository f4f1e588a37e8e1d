"""Indicators in the database (hotspot-kg) against a plain pandas script over the same CSV files.

For each size: synthetic canonical CSVs (patents, applicants, cities, patent_applicants, patent_ipc)
are written to a temporary folder and loaded into the database (which must hold no patents: the
benchmark refuses to touch real data, and empties what it loaded at the end). Then each indicator
is timed through hotspot-kg and through pandas reading the CSVs, in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import complexity_graph, novelty, novelty_graph, specialisation
from analytics.complexity import complexity
from analytics.rsi import rsi_long
from analytics.switches import Period, Switches
from hotspot_kg import db
from hotspot_kg import settings as settings_module
from hotspot_kg.errors import HotspotError

PERIOD = (Period("all", 1980, 2030),)


def synthetic(n: int, folder: Path, seed: int = 1) -> None:
    """Canonical CSVs: n patents, n/20 applicants in 300 cities, 1-4 codes among ~7,200 main groups."""
    rng = np.random.default_rng(seed)
    n_app = max(n // 20, 10)
    subclasses = [f"{s}{c:02d}{x}" for s in "ABCDEFGH" for c in range(1, 16) for x in "ABCDE"]
    codes = np.array([f"{s} {g}/00" for s in subclasses for g in range(1, 13)])
    pd.DataFrame({"city_id": [f"c{i}" for i in range(300)], "name": "x", "country": "CN"}).to_csv(
        folder / "cities.csv", index=False
    )
    pd.DataFrame({
        "applicant_id": [f"a{i}" for i in range(n_app)], "name": "x", "type": "firm",
        "city_id": [f"c{int(x)}" for x in rng.zipf(1.6, n_app) % 300],
    }).to_csv(folder / "applicants.csv", index=False)  # fmt: skip
    ids = np.array([f"p{i}" for i in range(n)])
    pd.DataFrame({"patent_id": ids, "year": 1980 + (np.sqrt(rng.random(n)) * 40).astype(int)}).to_csv(
        folder / "patents.csv", index=False
    )
    k = rng.integers(1, 3, n)
    pd.DataFrame({"patent_id": np.repeat(ids, k), "applicant_id": [f"a{int(x)}" for x in rng.zipf(1.5, k.sum()) % n_app]}
                 ).drop_duplicates().to_csv(folder / "patent_applicants.csv", index=False)  # fmt: skip
    m = rng.integers(1, 5, n)
    picks = (rng.zipf(1.3, m.sum()) * 7919) % len(codes)
    pd.DataFrame({"patent_id": np.repeat(ids, m), "ipc_code": codes[picks]}).drop_duplicates().to_csv(
        folder / "patent_ipc.csv", index=False
    )


def load(driver: Driver, folder: Path, batch: int = 20_000) -> None:
    """Load the CSVs with UNWIND batches, in the graph model's shape."""

    def send(query: str, frame: pd.DataFrame) -> None:
        rows = frame.to_dict("records")
        for start in range(0, len(rows), batch):
            driver.execute_query(query, {"rows": rows[start : start + batch]})

    driver.execute_query("CREATE CONSTRAINT bench_patent IF NOT EXISTS FOR (p:Patent) REQUIRE p.id IS UNIQUE")
    driver.execute_query("CREATE CONSTRAINT bench_ipc IF NOT EXISTS FOR (i:IPC) REQUIRE i.code IS UNIQUE")
    driver.execute_query("CREATE CONSTRAINT bench_app IF NOT EXISTS FOR (a:Applicant) REQUIRE a.id IS UNIQUE")
    driver.execute_query("CREATE CONSTRAINT bench_city IF NOT EXISTS FOR (c:City) REQUIRE c.id IS UNIQUE")
    ipc = pd.read_csv(folder / "patent_ipc.csv")
    codes = pd.DataFrame({"code": ipc["ipc_code"].unique()})
    codes["subclass"] = codes["code"].str[:4]
    codes["field"] = codes["subclass"].map(lambda s: zlib.crc32(s.encode()) % 35 + 1)
    send("UNWIND $rows AS r CREATE (:IPC {code: r.code, level: 'main_group', subclass: r.subclass, "
         "main_group: r.code, field: r.field})", codes)  # fmt: skip
    send("UNWIND $rows AS r CREATE (:City {id: r.city_id, name: r.name, country: r.country})",
         pd.read_csv(folder / "cities.csv"))  # fmt: skip
    send("UNWIND $rows AS r MATCH (c:City {id: r.city_id}) "
         "CREATE (:Applicant {id: r.applicant_id, name: r.name, type: r.type})-[:LOCATED_IN]->(c)",
         pd.read_csv(folder / "applicants.csv"))  # fmt: skip
    send("UNWIND $rows AS r CREATE (:Patent {id: r.patent_id, year: r.year, in_db: true})",
         pd.read_csv(folder / "patents.csv"))  # fmt: skip
    send("UNWIND $rows AS r MATCH (p:Patent {id: r.patent_id}) MATCH (a:Applicant {id: r.applicant_id}) "
         "CREATE (p)-[:FILED_BY]->(a)", pd.read_csv(folder / "patent_applicants.csv"))  # fmt: skip
    send("UNWIND $rows AS r MATCH (p:Patent {id: r.patent_id}) MATCH (i:IPC {code: r.ipc_code}) "
         "CREATE (p)-[:CLASSIFIED_AS]->(i)", ipc)  # fmt: skip


def empty(driver: Driver) -> None:
    with driver.session() as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()


# The pandas baseline: the same definitions, written directly on the CSV files.


def pandas_cells(folder: Path, tech: str) -> pd.DataFrame:
    patents = pd.read_csv(folder / "patents.csv")
    apps = pd.read_csv(folder / "patent_applicants.csv").merge(
        pd.read_csv(folder / "applicants.csv"), on="applicant_id"
    )
    cities = apps[["patent_id", "city_id"]].drop_duplicates()
    ipc = pd.read_csv(folder / "patent_ipc.csv")
    ipc["tech"] = (
        ipc["ipc_code"].str[:4].map(lambda s: zlib.crc32(s.encode()) % 35 + 1)
        if tech == "field35"
        else ipc["ipc_code"]
    )
    techs = ipc[["patent_id", "tech"]].drop_duplicates()
    cells = cities.merge(techs, on="patent_id").merge(patents, on="patent_id")
    k = cells.groupby("patent_id")["city_id"].transform("nunique")
    m = cells.groupby("patent_id")["tech"].transform("nunique")
    return cells.assign(x=1.0 / (k * m)).groupby(["city_id", "tech"])["x"].sum().reset_index()


def pandas_novelty(folder: Path) -> pd.DataFrame:
    ipc = pd.read_csv(folder / "patent_ipc.csv").assign(code=lambda d: d["ipc_code"].str[:4])
    rows = (
        ipc[["patent_id", "code"]]
        .drop_duplicates()
        .merge(pd.read_csv(folder / "patents.csv"), on="patent_id")
    )
    lists = (
        rows.groupby(["patent_id", "year"])["code"].agg(list).reset_index().rename(columns={"code": "codes"})
    )
    return novelty.score(lists, 5).patents


def ours_novelty(driver: Driver, s: Switches) -> object:
    return novelty_graph.compute(driver, s)


def ours_rsi(driver: Driver, s: Switches) -> object:
    return specialisation.compute(driver, s)


def ours_kci(driver: Driver, s: Switches) -> object:
    return complexity_graph.compute(driver, s.with_(tech_unit="ipc", ipc_level="main_group"))


def base_rsi(folder: Path) -> object:
    return rsi_long(pandas_cells(folder, "field35"))


def base_kci(folder: Path) -> object:
    return complexity(pandas_cells(folder, "ipc"))


CASES: dict[str, tuple[Callable[[Driver, Switches], object], Callable[[Path], object]]] = {
    "novelty": (ours_novelty, pandas_novelty),
    "rsi field35": (ours_rsi, base_rsi),
    "kci main_group": (ours_kci, base_kci),
}


def measure(driver: Driver, folder: Path, size: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    s = Switches(periods=PERIOD)
    for case, (ours, baseline) in CASES.items():
        t0 = time.perf_counter()
        ours(driver, s)
        t1 = time.perf_counter()
        baseline(folder)
        t2 = time.perf_counter()
        a, b = t1 - t0, t2 - t1
        rows.append({"benchmark": "indicators", "case": case, "patents": size, "seconds": round(a, 2),
                     "baseline_seconds": round(b, 2), "ratio": round(a / b, 2)})  # fmt: skip
    a, b = sum(r["seconds"] for r in rows), sum(r["baseline_seconds"] for r in rows)
    rows.append({"benchmark": "indicators", "case": "all", "patents": size, "seconds": round(a, 2),
                 "baseline_seconds": round(b, 2), "ratio": round(a / b, 2)})  # fmt: skip
    return rows


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    settings = settings_module.current()
    rows: list[dict[str, Any]] = []
    with db.connect(settings) as driver:
        if driver.execute_query("MATCH (p:Patent) RETURN count(p) AS n").records[0]["n"]:
            raise HotspotError(
                "the benchmark needs an empty database; run it against a scratch server (NEO4J_URI)"
            )
        for size in [int(x) for x in str(args.sizes).split(",")]:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                synthetic(size, folder)
                t0 = time.perf_counter()
                load(driver, folder)
                loaded = time.perf_counter() - t0
                part = measure(driver, folder, size)
                part[-1]["load_seconds"] = round(loaded, 1)
                rows += part
                empty(driver)
    return rows
