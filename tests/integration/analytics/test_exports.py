"""Every export on a small graph: exact columns, meta.json with the settings, values as computed."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from neo4j import Driver

from analytics.export_file import export
from analytics.exports import EXPORTS

pytestmark = pytest.mark.integration


def build(graph) -> None:  # type: ignore[no-untyped-def]
    graph.cities([("SZ", "CN"), ("GZ", "CN"), ("NY", "US")])
    graph.ipc([("H04L 29/06", 3), ("G06F 17/30", 6), ("A61K 31/00", 16), ("H04W 4/00", 4)])
    graph.inventors([("i1", "SZ"), ("i2", "GZ"), ("i3", "NY")])
    graph.applicants(
        [("a1", "firm", "SZ"), ("a2", "university", "SZ"), ("a3", "firm", "GZ"), ("a4", "firm", "NY")]
    )
    graph.ownership([("a1", "POE")])
    codes = ["H04L 29/06", "G06F 17/30", "A61K 31/00", "H04W 4/00"]
    rows = []
    for n in range(24):
        year = 2000 + n % 12
        apps = [["a1", "a2"], ["a3"], ["a4"], ["a1"], ["a2", "a3"]][n % 5]
        invs = [["i1", "i2"], ["i3"], ["i1"]][n % 3]
        rows.append({"id": f"e{n}", "year": year, "ipc": [codes[n % 4], codes[(n * 7) % 4]],
                     "applicants": apps, "inventors": invs})  # fmt: skip
    graph.patents(rows)
    graph.citations([(f"e{n}", f"e{n - 3}") for n in range(3, 24)] + [("e5", "ZZ1")])


def test_every_export(driver: Driver, graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    for name, e in EXPORTS.items():
        given = {"cities": ("SZ",)} if name == "local-network" else {}
        out = tmp_path / f"{name}.csv"
        rows, meta_path = export(driver, name, given, out)
        table = pd.read_csv(out)
        assert list(table.columns) == list(e.columns), name
        assert len(table) == rows
        meta = json.loads(meta_path.read_text())
        assert meta_path.name == f"{name}.meta.json"
        assert (
            meta["indicator"] == name
            and meta["database"]["patents"] == 24
            and meta["database"]["cities"] == 3
        )
        assert set(meta["settings"]) == set(e.uses) and meta["version"]
        assert rows > 0, name


def test_rsi_export_values_and_settings(driver: Driver, graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build(graph)
    out = tmp_path / "rsi.csv"
    export(driver, "rsi", {"counting": "whole", "periods": ()}, out)
    table = pd.read_csv(out)
    meta = json.loads(out.with_suffix(".meta.json").read_text())
    assert meta["settings"]["counting"] == "whole" and meta["settings"]["tech_unit"] == "field35"
    assert meta["periods"] == ["stage1:1980-1991", "stage2:1992-2005", "stage3:2006-2011"]
    assert set(table["period"]) == {"stage2", "stage3"}  # no patent before 2000: no stage1 rows
    # RSI weighted by the technologies' shares averages to 1 in every city and period
    for _, part in table.groupby("period"):
        share = part.groupby("tech")["x"].transform("sum") / part["x"].sum()
        averages = (share * part["rsi"]).groupby(part["city_id"]).sum()
        assert averages.tolist() == pytest.approx([1.0] * len(averages))
