"""The science and context page (Figures 1, 2, 5, 6, 8, 13) in AppTest: what to load when the data is
missing, and every figure once works and context rows are loaded."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from neo4j import Driver

from graph.ingest.science.load import graph_cities, load, prepare

from . import dataset
from .test_pages import open_app, texts

pytestmark = pytest.mark.integration
SZ, BJ, SJ = dataset.SHENZHEN, dataset.BEIJING, dataset.SAN_JOSE

SCIENCE = {
    "institutions.csv": [["institution_id", "name", "type", "city_id"], ["I1", "Shenzhen University", "education", SZ],
                         ["I2", "Tsinghua University", "education", BJ], ["I3", "SJSU", "education", SJ]],
    "works.csv": [["work_id", "year", "field"]] + [[f"W{n}", str(2000 + n), ("17", "27")[n % 2]] for n in range(8)],
    "work_institutions.csv": [["work_id", "institution_id"]]
    + [[f"W{n}", i] for n in range(8) for i in (("I1",), ("I1", "I2"), ("I1", "I3"), ("I2",))[n % 4]],
    "city_context.csv": [["area_id", "year", "currency_basis", "gdp_per_capita", "rd_intensity", "rd_share_basic",
                          "rd_share_applied", "rd_share_experimental", "source"],
                         [SZ, "2008", "constant 2015 USD", "15000", "3.4", "0.01", "0.05", "0.94", "yearbook"],
                         [SZ, "2010", "constant 2015 USD", "16000", "3.5", "0.01", "0.05", "0.94", "yearbook"],
                         ["CN", "2010", "constant 2015 USD", "5400", "1.7", "0.05", "0.13", "0.82", "WDI"]],
}  # fmt: skip


def test_the_page_says_what_to_load_without_science_data(loaded: Driver, app_env: object) -> None:
    at = open_app("science_context")
    hints = " ".join(texts(at.info))
    assert "hotspot-kg load science DIR" in hints and "city_context.csv" in hints
    assert "fetch worldbank" in hints


def test_every_figure_with_science_and_context(
    loaded: Driver, database: str, app_env: object, tmp_path: Path
) -> None:
    for name, rows in SCIENCE.items():
        with open(tmp_path / name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    outcome = prepare(tmp_path, tmp_path / "rejects.csv", known_cities=graph_cities(loaded, database))
    try:
        load(loaded, outcome.staging, database=database)
    finally:
        outcome.staging.remove()
    assert outcome.rejected == 0
    at = open_app("science_context")
    assert at.title[0].value.startswith("Shenzhen (CN): science and economic context")
    # Figures 1 and 2, 5, 6 by type (6 by performer has no data: said), 8, 13
    assert len(at.get("plotly_chart")) == 6, texts(at.info)
    assert any("R&D spending by performer" in t for t in texts(at.info))
    assert any("works in stage3" in c.value for c in at.caption)
