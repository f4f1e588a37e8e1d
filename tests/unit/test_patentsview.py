"""The PatentsView reader on fixtures with the real g_* column names and quirks, plain and zipped."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from graph.ingest.readers import READERS
from graph.ingest.readers.common import Notice, problem
from graph.ingest.readers.patentsview import read
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patentsview"


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
        "patents": 3, "cities": 3, "applicants": 3, "patent_applicants": 4, "inventors": 4,
        "patent_inventors": 4, "patent_ipc": 4, "citations": 4,
    }  # fmt: skip
    assert rejects == [
        ("patents", 6, "US10000003: no valid filing_date in g_application"),
        ("applicants", 7, "g_assignee_disambiguated: 5 fields where the header has 8"),
        ("patent_ipc", 6, "US10000001: IPC row without section"),
    ]
    widget = next(v for v in _values(rows, "patents") if v["patent_id"] == "US10000001")
    assert widget["title"] == 'Widget with "quoted" name\tand a tab'  # quoted field with a quote and a tab
    assert (widget["filing_date"], widget["year"]) == ("2016-02-29", "2016")
    huawei = next(v for v in _values(rows, "applicants") if v["applicant_id"] == "pv:a-huawei")
    assert (huawei["type"], huawei["type_rule"], huawei["city_id"]) == ("firm", "uspto_role:3", "gn:1795565")
    kinds = {v["applicant_id"]: (v["type"], v["type_rule"]) for v in _values(rows, "applicants")}
    assert kinds["pv:a-stanford"] == ("university", "uspto_role:2+name:university")
    assert kinds["pv:a-smith"] == ("individual", "uspto_role:4")
    assert _values(rows, "patent_applicants")[2] == {
        "patent_id": "US10000001", "applicant_id": "pv:a-stanford", "seq": "2",
    }  # fmt: skip
    assert [v["ipc_code"] for v in _values(rows, "patent_ipc")] == [
        "H04W 4/00", "H04W 36/00", "H04J 3/22", "G06F 3/0484",
    ]  # fmt: skip
    assert [(v["cited_id"], v["origin"]) for v in _values(rows, "citations")] == [
        ("US6836899", "examiner"), ("US7000000", "applicant"), ("US7864699", "applicant"),
        ("USRE38123", "unknown"),
    ]  # fmt: skip
    tiny = next(v for v in _values(rows, "cities") if v["city_id"] == "pv:loc-tiny")
    assert (tiny["name"], tiny["lat"], tiny["province"]) == ("Tinyville Crossing", "40.1", "OH")
    doe = next(v for v in _values(rows, "inventors") if v["inventor_id"] == "pv:i-doe")
    assert doe["city_id"] is None
    messages = [n.message for n in notices]
    assert "US10000002 is withdrawn; skipped" in messages
    assert "1 row(s) about patents not in g_patent skipped" in messages
    assert any("Atlantis, XX" in m for m in messages)


def _zipped(tmp_path: Path) -> Path:
    folder = tmp_path / "pv"
    folder.mkdir()
    for tsv in FIXTURES.glob("*.tsv"):
        with zipfile.ZipFile(folder / f"{tsv.name}.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.write(tsv, tsv.name)
    return folder


def test_zipped_tables_read_the_same(tmp_path: Path) -> None:
    plain, _, _ = _read(FIXTURES)
    zipped, _, _ = _read(_zipped(tmp_path))
    assert [(r.table, r.values) for r in zipped] == [(r.table, r.values) for r in plain]
    assert READERS["patentsview"] is read


def test_truncated_zip_raises(tmp_path: Path) -> None:
    folder = _zipped(tmp_path)
    archive = folder / "g_ipc_at_issue.tsv.zip"
    archive.write_bytes(archive.read_bytes()[:60])
    with pytest.raises(InputError, match=r"g_ipc_at_issue\.tsv\.zip: not a readable zip archive"):
        list(read(folder))


def test_wrong_columns_bad_encoding_and_missing_tables_raise(tmp_path: Path) -> None:
    folder = tmp_path / "pv"
    shutil.copytree(FIXTURES, folder)
    (folder / "g_patent.tsv").write_text("id\ttitle\n1\tx\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"g_patent\.tsv line 1: missing column\(s\) patent_id, patent_title"
    ):
        list(read(folder))
    shutil.copy(FIXTURES / "g_patent.tsv", folder / "g_patent.tsv")
    data = (FIXTURES / "g_inventor_disambiguated.tsv").read_bytes().replace(b"Zhang", b"Zh\xe4ng")
    (folder / "g_inventor_disambiguated.tsv").write_bytes(data)
    with pytest.raises(InputError, match=r"g_inventor_disambiguated\.tsv line 2: bytes that are not UTF-8"):
        list(read(folder))
    (folder / "g_application.tsv").unlink()
    with pytest.raises(InputError, match="table g_application"):
        list(read(folder))
