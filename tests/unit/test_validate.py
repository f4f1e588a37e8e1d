"""Validation of canonical rows: every bad row is rejected with file, line, table and reason."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph.ingest import pipeline
from graph.ingest.staging import Staging
from hotspot_kg.core.errors import InputError

SMALL = Path(__file__).resolve().parents[1] / "data" / "canonical_small"

# (file, damaged lines appended) -> the reason each appended line must be rejected with (None: accepted).
DAMAGE: dict[str, list[tuple[str, str | None]]] = {
    "cities.csv": [
        ("paris,Paris,France,48.85,2.35,", "country 'France' is not an ISO 3166-1 alpha-2 code"),
        ("nowhere,Nowhere,CN,95,10,", "lat 95 is outside -90..90"),
        ("halfway,Halfway,CN,10,,", "lat and lon must be given together"),
    ],
    "applicants.csv": [
        ("A6,Ghost Corp,firm,atlantis", "city_id 'atlantis' is not defined in cities"),
        ("A7,Weird Things,alien,", "type 'alien' is not one of firm, university"),
        (",No Id Ltd,firm,", "applicant_id is missing"),
        ("A8,Paris Corp,firm,paris", "city_id 'paris' is not defined in cities (or its row was rejected)"),
    ],
    "patents.csv": [
        ("P5,2014-13-01,,,,,,Bad date", "filing_date '2014-13-01' is not a date YYYY-MM-DD"),
        (",2014-01-01,,,,,,No id", "patent_id is missing"),
        (
            "P1,2010-03-15,,2009,CN,A,F1,Another title",
            "duplicate of line 2 (patent_id=P1) with different content",
        ),
        ('P2,2011-06-01,2011,2011,CN,A,F2,"Antenna, with a comma"', None),  # exact duplicate: skipped
        ("P6,2015-02-02,2016,,,,,Year mismatch", "year 2016 does not match filing_date 2015-02-02"),
        ("P7,2015-02-02", "has 2 fields where the header has 8"),
        ("P8,,,,,,,No date", "filing_date and year are both missing"),
        ("P9,,twenty,,,,,Bad year", "year 'twenty' is not an integer"),
    ],
    "patent_applicants.csv": [
        ("P1,A99,1", "applicant_id 'A99' is not defined in applicants"),
        ("P99,A1,1", "patent_id 'P99' is not defined in patents"),
        ("P5,A1,1", "patent_id 'P5' is not defined in patents (or its row was rejected)"),
        ("P3,A1,x", "seq 'x' is not an integer"),
    ],
    "patent_ipc.csv": [
        ("P3,ZZZ 99/99,2", "unknown IPC code 'ZZZ 99/99'"),
        (
            "P1,H04L0029060000,3",
            "duplicate of line 2 (patent_id=P1, ipc_code=H04L 29/06) with different content",
        ),
        ("P1,H04L29/06,1", None),  # the same code in another notation, same seq: an exact duplicate
    ],
    "citations.csv": [
        ("P99,P1,examiner", "citing_id 'P99' is not defined in patents"),
        ("P1,P2,cited by a cat", "origin 'cited by a cat' is not one of applicant, examiner, unknown"),
        ("P1,P1,examiner", "a patent cannot cite itself"),
    ],
}


def damaged(tmp_path: Path) -> Path:
    folder = tmp_path / "damaged"
    shutil.copytree(SMALL, folder)
    for name, lines in DAMAGE.items():
        with open(folder / name, "a", encoding="utf-8") as f:
            f.writelines(line + "\n" for line, _ in lines)
    return folder


def expected_rejects(folder: Path) -> list[tuple[str, int, str, str]]:
    out = []
    for name, lines in DAMAGE.items():
        first = len((SMALL / name).read_text(encoding="utf-8").splitlines()) + 1
        for offset, (_, reason) in enumerate(lines):
            if reason is not None:
                out.append((str(folder / name), first + offset, name[:-4], reason))
    return out


def read_rejects(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_damaged_row_is_named_with_file_line_table_and_reason(tmp_path: Path) -> None:
    folder = damaged(tmp_path)
    rejects_file = tmp_path / "out" / "rejects.csv"
    outcome = pipeline.prepare("canonical", folder, rejects_file, tmp_path / "staging")
    try:
        rows = read_rejects(rejects_file)
        assert list(rows[0]) == ["file", "line", "table", "reason"]
        got = sorted((r["file"], int(r["line"]), r["table"], r["reason"]) for r in rows)
        want = sorted(expected_rejects(folder))
        assert len(got) == len(want) == 23
        for (gf, gl, gt, greason), (wf, wl, wt, wreason) in zip(got, want, strict=True):
            assert (gf, gl, gt) == (wf, wl, wt)
            assert wreason in greason, (gf, gl)
        assert outcome.rejected == 23
        assert outcome.duplicates == 2
        assert outcome.rows == 39 + sum(len(v) for v in DAMAGE.values())
        # the good rows are all still there, and nothing of the bad ones
        assert outcome.by_table == {
            "cities": 4,
            "applicants": 5,
            "inventors": 4,
            "ownership": 1,
            "patents": 4,
            "patent_applicants": 6,
            "patent_inventors": 5,
            "patent_ipc": 6,
            "citations": 4,
        }
        assert outcome.reject_rate == pytest.approx(23 / 64)
        with pytest.raises(pipeline.TooManyRejects, match=r"23 of 64 rows \(35\.94%\) were rejected"):
            pipeline.check_reject_rate(outcome, 0.01)
        pipeline.check_reject_rate(outcome, 0.5)
    finally:
        outcome.staging.remove()


def test_clean_folder_records_are_typed_and_derived(tmp_path: Path) -> None:
    outcome = pipeline.prepare("canonical", SMALL, tmp_path / "rejects.csv")
    staging = outcome.staging
    try:
        assert outcome.rejected == 0
        assert read_rejects(tmp_path / "rejects.csv") == []
        patents = {p["id"]: p for p in staging.records("patents")}
        assert patents["P1"]["filing_date"] == dt.date(2010, 3, 15)
        assert patents["P1"]["year"] == 2010
        assert patents["P1"]["priority_year"] == 2009
        assert patents["P3"]["year"] == 2012 and patents["P3"]["filing_date"] is None
        assert [s["id"] for s in staging.records("patent_stubs")] == ["US1234567"]
        ipc = {(r["patent_id"], r["code"], r["seq"], r["main"]) for r in staging.records("patent_ipc")}
        assert ipc == {
            ("P1", "H04L 29/06", 1, True),
            ("P1", "H04W 84/18", 2, False),
            ("P2", "H01Q 1/24", 1, True),
            ("P3", "H01M 10/052", 1, True),
            ("P4", "A61K 31/4164", 1, True),
            ("P4", "C07D 233/64", 2, False),
        }
        nodes = {n["code"]: n for n in staging.records("ipc")}
        assert len(nodes) == 25
        assert nodes["H04L 29/06"] | {"title": None} == {
            "code": "H04L 29/06",
            "level": "group",
            "section": "H",
            "class": "H04",
            "subclass": "H04L",
            "main_group": "H04L 29/00",
            "group": "H04L 29/06",
            "field": 4,
            "title": None,
        }
        assert nodes["H04"]["subclass"] is None and nodes["H04"]["level"] == "class"
        parents = {(r["code"], r["parent"]) for r in staging.records("ipc_parents")}
        assert len(parents) == 22
        assert (
            ("H04L 29/06", "H04L 29/00") in parents and ("H04L", "H04") in parents and ("H04", "H") in parents
        )
        assert {c["code"] for c in staging.records("countries")} == {"CN", "US", "JP"}
        assert len(list(staging.records("tech_fields"))) == 35
        citations = {(c["citing_id"], c["cited_id"], c["origins"]) for c in staging.records("citations")}
        assert ("P4", "P3", "unknown") in citations
        cities = {c["id"]: c for c in staging.records("cities")}
        assert (
            cities["shenzhen"]["lat"],
            cities["shenzhen"]["lon"],
            cities["shenzhen"]["location_source"],
        ) == (22.5431, 114.0579, "input")
        assert (cities["tokyo"]["lat"], cities["tokyo"]["location_source"]) == (35.6895, "gazetteer")
        applicants = {a["id"]: (a["type"], a["type_rule"], a["label"]) for a in staging.records("applicants")}
        assert applicants["A4"] == ("research_institute", "given", "ResearchInstitute")
    finally:
        staging.remove()


def test_malformed_file_changes_nothing(tmp_path: Path) -> None:
    folder = damaged(tmp_path)
    with open(folder / "citations.csv", "ab") as f:
        f.write(b"P1,\xff\xfe,examiner\n")
    rejects_file = tmp_path / "out" / "rejects.csv"
    staging_parent = tmp_path / "staging"
    with pytest.raises(InputError, match=r"citations\.csv:\d+: not UTF-8"):
        pipeline.prepare("canonical", folder, rejects_file, staging_parent)
    assert not rejects_file.exists()
    assert list(rejects_file.parent.iterdir()) == []
    assert list(staging_parent.iterdir()) == []


def test_interleaved_reader_rows_are_put_in_load_order(tmp_path: Path) -> None:
    from graph.ingest.records import Row
    from graph.ingest.validate import validate

    rows = [
        Row("patent_applicants", {"patent_id": "P1", "applicant_id": "A1", "seq": "1"}, "x.xml", 3),
        Row("patents", {"patent_id": "P1", "year": "2001"}, "x.xml", 1),
        Row("applicants", {"applicant_id": "A1", "name": "Acme Corp", "type": "firm"}, "x.xml", 2),
    ]
    staging = Staging(tmp_path)
    outcome = validate(rows, tmp_path / "rejects.csv", staging)
    assert outcome.rejected == 0
    assert [r["applicant_id"] for r in staging.records("patent_applicants")] == ["A1"]
    staging.remove()
