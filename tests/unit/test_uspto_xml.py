"""The USPTO grant XML reader on the real nine-week sample (225 grants), and on damaged files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.ingest.readers import READERS
from graph.ingest.readers.common import Notice, problem
from graph.ingest.readers.uspto_xml import read
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError


@pytest.fixture(scope="module")
def sample(shared_data: Path) -> tuple[list[Row], list[Notice]]:
    notices: list[Notice] = []
    records = list(read(shared_data / "uspto-grants", notices))
    return records, notices


def rows(records: list[Row], table: str) -> list[dict[str, str | None]]:
    return [r.values for r in records if r.table == table and not problem(r)]


def test_exact_counts_on_the_sample(sample: tuple[list[Row], list[Notice]]) -> None:
    records, notices = sample
    assert not [r for r in records if problem(r)]
    counts = Counter(r.table for r in records)
    assert counts == {
        "patents": 225,  # 9 weeks x 25 grants; the 5 sequence-listing documents are skipped
        "patent_ipc": 358,  # 316 classification-ipcr (2006-2013) + 42 IPC7 symbols (2005)
        "citations": 5122,  # every patcit; validation merges 16 repeats of a pair within a patent
        "applicants": 181,  # distinct among 207 assignee links
        "patent_applicants": 207,
        "inventors": 550,
        "patent_inventors": 550,  # 479 applicant-inventors (v4.0-v4.2) + 71 inventors (v4.3)
        "cities": 352,
    }
    origins = Counter(r["origin"] for r in rows(records, "citations"))
    assert origins == {"applicant": 3600, "examiner": 1522}
    kinds = Counter(r["kind"] for r in rows(records, "patents"))
    assert kinds == {"B2": 169, "B1": 30, "S1": 24, "H1": 1, "P2": 1}
    assert {n.table for n in notices} == {"cities"}
    assert len(notices) == 104  # places the gazetteer cannot find, left unlocated


def test_huawei_patent(sample: tuple[list[Row], list[Notice]]) -> None:
    records, _ = sample
    patent = next(r for r in rows(records, "patents") if r["patent_id"] == "US7864699")
    assert patent == {
        "patent_id": "US7864699", "filing_date": "2010-07-21", "year": "2010", "priority_year": "2007",
        "office": "US", "kind": "B2", "family_id": None,
        "title": "Method and device for information transfer",
    }  # fmt: skip
    links = [r for r in rows(records, "patent_applicants") if r["patent_id"] == "US7864699"]
    assert len(links) == 1
    applicant = next(r for r in rows(records, "applicants") if r["applicant_id"] == links[0]["applicant_id"])
    assert (applicant["name"], applicant["type"], applicant["type_rule"]) == (
        "Huawei Technologies Co., Ltd.", "firm", "uspto_role:03",
    )  # fmt: skip
    city = next(r for r in rows(records, "cities") if r["city_id"] == applicant["city_id"])
    assert (city["city_id"], city["name"], city["country"], city["province"]) == (
        "gn:1795565", "Shenzhen", "CN", "Guangdong",
    )  # fmt: skip
    ipc = [r["ipc_code"] for r in rows(records, "patent_ipc") if r["patent_id"] == "US7864699"]
    assert ipc == ["H04W 4/00", "H04W 36/00", "H04J 3/22"]
    cited = [r for r in rows(records, "citations") if r["citing_id"] == "US7864699"]
    assert len(cited) == 14


def test_2005_ipc7_and_citations(sample: tuple[list[Row], list[Notice]]) -> None:
    records, _ = sample
    ipc = [r["ipc_code"] for r in rows(records, "patent_ipc") if r["patent_id"] == "US6836899"]
    assert ipc == ["A45F  504"]  # as printed; validation normalises it to A45F 5/04
    first = next(r for r in rows(records, "citations") if r["citing_id"] == "US6836899")
    assert first == {"citing_id": "US6836899", "cited_id": "US675108", "origin": "examiner"}
    assert "US6836979" in {r["patent_id"] for r in rows(records, "patents")}


def test_the_registry_names_the_reader() -> None:
    assert READERS["uspto-xml"] is read


def _first_document(shared_data: Path) -> bytes:
    data = (shared_data / "uspto-grants" / "ipg050104.xml").read_bytes()
    return data[: data.index(b"<?xml", 10)]


def test_a_truncated_document_is_rejected_and_the_others_read(shared_data: Path, tmp_path: Path) -> None:
    doc = _first_document(shared_data)
    path = tmp_path / "ipg050104.xml"
    path.write_bytes(doc + doc[: len(doc) // 2])
    records = list(read(path))
    assert len(rows(records, "patents")) == 1
    rejects = [r for r in records if problem(r)]
    assert len(rejects) == 1
    second = doc.count(b"\n") + 1
    assert rejects[0].line >= second
    assert f"XML document starting at line {second} is malformed" in str(problem(rejects[0]))
    assert rejects[0].file == str(path)


def test_binary_and_badly_encoded_files_raise(shared_data: Path, tmp_path: Path) -> None:
    binary = tmp_path / "ipg1.xml"
    binary.write_bytes(b"PK\x03\x04\x00\x00garbage")
    with pytest.raises(InputError, match=r"ipg1\.xml: not a USPTO XML file"):
        list(read(binary))
    doc = _first_document(shared_data)
    bad = tmp_path / "ipg2.xml"
    bad.write_bytes(doc.replace(b"Device for detachably", b"Device \xff\xfe detachably"))
    with pytest.raises(InputError, match=r"ipg2.xml line 37: bytes that are not UTF-8"):
        list(read(bad))
    with pytest.raises(InputError, match="no such file or folder"):
        list(read(tmp_path / "missing"))


def test_a_grant_without_number_is_rejected_and_a_bom_is_accepted(shared_data: Path, tmp_path: Path) -> None:
    doc = _first_document(shared_data)
    path = tmp_path / "ipg3.xml"
    path.write_bytes(b"\xef\xbb\xbf" + doc + doc.replace(b"<doc-number>06836899</doc-number>", b""))
    records = list(read(path))
    assert len(rows(records, "patents")) == 1
    bad = [(r.table, r.line, problem(r)) for r in records if problem(r)]
    assert bad == [("patents", doc.count(b"\n") + 1, "us-patent-grant without a publication number")]
