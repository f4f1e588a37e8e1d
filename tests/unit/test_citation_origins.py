"""A citation listed with several origins is one citation with all of them, on every reader.

The rows of one (citing, cited) pair are merged by validation into one record whose ``origins`` lists
them (``unknown`` only when no row knows better); nothing is rejected for it. The USPTO XML case is on
the real sample (``test_readers_validate.py``: US 7863256 cites WO 1733 as applicant and as examiner).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from graph.ingest import bulk_csv
from graph.ingest.pipeline import prepare
from graph.ingest.validate import Outcome

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "data" / "canonical_small"
FIXTURES = ROOT / "fixtures"


def _origins(outcome: Outcome) -> dict[tuple[str, str], str]:
    return {(c["citing_id"], c["cited_id"]): c["origins"] for c in outcome.staging.records("citations")}


def _prepared(fmt: str, folder: Path, tmp_path: Path) -> Outcome:
    outcome = prepare(fmt, folder, tmp_path / "rejects.csv", tmp_path)
    with open(tmp_path / "rejects.csv", encoding="utf-8") as f:
        assert not [r for r in csv.DictReader(f) if r["table"] == "citations"]
    return outcome


def test_canonical_rows_of_one_pair_merge(tmp_path: Path) -> None:
    folder = tmp_path / "canonical"
    shutil.copytree(SMALL, folder)
    with open(folder / "citations.csv", "a", encoding="utf-8") as f:
        # P2 cites P1 by the examiner already: now by the applicant too, and once more by the examiner;
        # P4 cites P3 with no origin already: now by the examiner (unknown gives way to a known origin)
        f.write("P2,P1,applicant\nP2,P1,examiner\nP4,P3,Examiner\n")
    outcome = _prepared("canonical", folder, tmp_path)
    try:
        origins = _origins(outcome)
        assert origins == {
            ("P2", "P1"): "applicant;examiner", ("P3", "US1234567"): "applicant",
            ("P4", "P3"): "examiner", ("P4", "US1234567"): "examiner",
        }  # fmt: skip
        assert (outcome.rejected, outcome.merged, outcome.duplicates) == (0, 2, 1)
        files = bulk_csv.write(outcome.staging, tmp_path / "import")
        header = (tmp_path / "import" / "CITES.header.csv").read_text(encoding="utf-8")
        assert header.strip().endswith("origins:string[]")
        data = (tmp_path / "import" / "CITES.csv").read_text(encoding="utf-8").splitlines()
        assert '"P2","P1","CITES","applicant;examiner"' in data and files.rows("relationships") > 0
    finally:
        outcome.staging.remove()


def test_a_bad_origin_is_still_a_reject(tmp_path: Path) -> None:
    folder = tmp_path / "canonical"
    shutil.copytree(SMALL, folder)
    with open(folder / "citations.csv", "a", encoding="utf-8") as f:
        f.write("P2,P1,cited by a cat\n")
    outcome = prepare("canonical", folder, tmp_path / "rejects.csv", tmp_path)
    try:
        assert outcome.rejected == 1 and _origins(outcome)[("P2", "P1")] == "examiner"
    finally:
        outcome.staging.remove()


def test_patentsview_rows_of_one_pair_merge(tmp_path: Path) -> None:
    folder = tmp_path / "patentsview"
    shutil.copytree(FIXTURES / "patentsview", folder)
    with open(folder / "g_us_patent_citation.tsv", "a", encoding="utf-8") as f:
        f.write("7864699\t2\t6836899\t2005-01-01\tSmith\tB1\tcited by applicant\n")
    outcome = _prepared("patentsview", folder, tmp_path)
    try:
        assert _origins(outcome)[("US7864699", "US6836899")] == "applicant;examiner"
        assert outcome.merged == 1 and outcome.by_table["citations"] == 4
    finally:
        outcome.staging.remove()


def test_patstat_keeps_every_origin_of_a_pair(tmp_path: Path) -> None:
    # the fixture: the A1 (5002) cites 5001 from the search report, the B1 (5003) cites it as the
    # applicant; both are publications of application 1002, and 5001 is one of application 1001
    outcome = _prepared("patstat", FIXTURES / "patstat", tmp_path)
    try:
        origins = _origins(outcome)
        assert origins[("appln:1002", "appln:1001")] == "applicant;examiner"
        assert origins[("appln:1004", "appln:1001")] == "unknown"
        assert outcome.merged == 1
    finally:
        outcome.staging.remove()


@pytest.mark.parametrize("fmt", ["canonical", "patentsview", "patstat"])
def test_a_second_read_gives_the_same_origins(fmt: str, tmp_path: Path) -> None:
    folder = SMALL if fmt == "canonical" else FIXTURES / fmt
    first = _prepared(fmt, folder, tmp_path / "a")
    second = _prepared(fmt, folder, tmp_path / "b")
    try:
        assert _origins(first) == _origins(second)
    finally:
        first.staging.remove()
        second.staging.remove()
