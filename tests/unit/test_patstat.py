"""The PATSTAT reader on fixtures with the real tls* column names and quirks."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from graph.ingest.readers import READERS
from graph.ingest.readers.common import Notice, problem
from graph.ingest.readers.patstat import read
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patstat"


def _read(folder: Path) -> tuple[list[Row], list[tuple[str, int, str | None]], list[Notice]]:
    notices: list[Notice] = []
    records = list(read(folder, notices))
    good = [r for r in records if not problem(r)]
    return good, [(r.table, r.line, problem(r)) for r in records if problem(r)], notices


def _values(rows: list[Row], table: str) -> list[dict[str, str | None]]:
    return [r.values for r in rows if r.table == table]


def test_fixture_tables() -> None:
    rows, rejects, notices = _read(FIXTURES)
    assert Counter(r.table for r in rows) == {
        "patents": 3, "cities": 3, "applicants": 3, "patent_applicants": 4, "inventors": 2,
        "patent_inventors": 3, "patent_ipc": 4, "citations": 5,
    }  # fmt: skip
    assert rejects == [
        ("patents", 5, "appln_id 1005: no appln_id or no filing date/year"),
        ("patent_applicants", 9, "appln:1004: person_id 2999 not in tls206_person"),
    ]
    utility = next(v for v in _values(rows, "patents") if v["patent_id"] == "appln:1004")
    assert utility == {
        "patent_id": "appln:1004", "filing_date": None, "year": "2009", "priority_year": None, "office": "CN",
        "kind": "U", "family_id": "30002", "title": None,
    }  # fmt: skip
    applicants = {v["applicant_id"]: v for v in _values(rows, "applicants")}
    huawei = applicants["psn:8001"]
    assert (huawei["name"], huawei["type"], huawei["type_rule"], huawei["city_id"]) == (
        "HUAWEI TECHNOLOGIES CO., LTD.", "firm", "psn_sector:COMPANY", "gn:1795565",
    )  # fmt: skip
    assert applicants["psn:8003"]["type"] == "university"
    assert (
        applicants["psn:8003"]["city_id"] == "gn:1816670"
    )  # Beijing, from "Haidian District, Beijing 100084"
    fraunhofer = applicants["psn:8004"]
    assert (fraunhofer["type"], fraunhofer["type_rule"]) == (
        "research_institute", "psn_sector:GOV NON-PROFIT+name:fraunhofer",
    )  # fmt: skip
    inventors = {v["inventor_id"]: v for v in _values(rows, "inventors")}
    assert (
        inventors["person:2005"]["city_id"] == "gn:2867714"
    )  # no address: NUTS DE212 "München, Kreisfreie Stadt"
    assert inventors["person:2002"]["city_id"] is None
    assert next(v["ipc_code"] for v in _values(rows, "patent_ipc")) == "H04L  29/06"  # as PATSTAT prints it
    assert [(v["citing_id"], v["cited_id"], v["origin"]) for v in _values(rows, "citations")] == [
        ("appln:1002", "appln:1001", "examiner"),  # SEA; cited publication 5001 is appln 1001
        ("appln:1002", "appln:777", "applicant"),  # APP; only cited_appln_id given
        ("appln:1002", "publn:888888", "examiner"),  # EXA; cited publication not in tls211
        ("appln:1004", "appln:1001", "unknown"),  # OPP
        ("appln:1002", "appln:1001", "applicant"),  # the B1 (5003) cites 5001 too, as the applicant
    ]
    assert [n.message for n in notices] == [
        "appln:1001 inventor ZHANG, Wei: no city found in 'CN'; left unlocated",
        "tls212_citation: 1 row(s) skipped: non-patent literature (no cited publication or application)",
        "tls212_citation: 1 row(s) skipped: a publication citing another publication of its own application",
    ]
    assert READERS["patstat"] is read


def test_epo_delivery_parts_in_zips(tmp_path: Path) -> None:
    folder = tmp_path / "patstat"
    folder.mkdir()
    for csv_file in FIXTURES.glob("*.csv"):
        part = csv_file.name[:6] + "_part01"
        with zipfile.ZipFile(folder / f"{part}.zip", "w") as z:
            z.write(csv_file, f"{part}.csv")
    plain, _, _ = _read(FIXTURES)
    zipped, _, _ = _read(folder)
    assert [(r.table, r.values) for r in zipped] == [(r.table, r.values) for r in plain]


def test_malformed_tables_raise(tmp_path: Path) -> None:
    folder = tmp_path / "patstat"
    shutil.copytree(FIXTURES, folder)
    (folder / "tls209_appln_ipc.csv").write_text(
        "appln_id;ipc_class_symbol\n1001;H04L  29/06\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"tls209_appln_ipc\.csv line 1: missing column\(s\) appln_id"):
        list(read(folder))
    (folder / "tls209_appln_ipc.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match=r"tls209_appln_ipc\.csv"):
        list(read(folder))
    (folder / "tls201_appln.csv").unlink()
    with pytest.raises(InputError, match="table tls201_appln"):
        list(read(folder))
