"""Every source reader's rows pass the project's validation (no database): the USPTO sample without a reject."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.ingest.pipeline import prepare

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_uspto_sample_validates_without_a_reject(shared_data: Path, tmp_path: Path) -> None:
    outcome = prepare("uspto-xml", shared_data / "uspto-grants", tmp_path / "rejects.csv", tmp_path)
    try:
        assert outcome.rejected == 0
        assert outcome.by_table == {
            "cities": 352, "applicants": 181, "inventors": 550, "ownership": 0, "patents": 225,
            "patent_applicants": 207, "patent_inventors": 550, "patent_ipc": 358, "citations": 5106,
        }  # fmt: skip
        # 5,122 patent citations: 15 repeat a pair with the same origin, and US 7863256 cites WO 1733
        # both as applicant and as examiner: one citation with both origins
        assert (outcome.duplicates, outcome.merged) == (15, 1)
        origins = {
            (c["citing_id"], c["cited_id"]): c["origins"] for c in outcome.staging.records("citations")
        }
        assert origins[("US7863256", "WO1733")] == "applicant;examiner"
    finally:
        outcome.staging.remove()


@pytest.mark.parametrize(("fmt", "rejected"), [("patentsview", 3), ("patstat", 2)])
def test_fixture_rejects_reach_the_rejects_file(fmt: str, rejected: int, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    outcome = prepare(fmt, FIXTURES / fmt, rejects, tmp_path)
    try:
        with rejects.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == outcome.rejected == rejected
        assert all(
            r["file"].startswith(str(FIXTURES / fmt)) and int(r["line"]) > 1 and r["reason"] for r in rows
        )
    finally:
        outcome.staging.remove()
