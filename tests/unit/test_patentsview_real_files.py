"""The PatentsView reader on the byte-level habits of the real files, built in the test from the fixtures.

Real files are zipped TSV with a header row; non-numeric fields are quoted, with doubled quotes inside,
and a quoted field may span lines; patent ids carry D, RE, PP, H and T prefixes and leading zeros;
releases differ in their columns; some locations have placeholder coordinates or a country that
disagrees with them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from graph.ingest.readers.common import Notice, problem
from graph.ingest.readers.patentsview import read
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patentsview"


def _folder(tmp_path: Path, zipped: bool = True, **extra: str) -> Path:
    """The fixture tables with ``extra`` text appended to the named tables, zipped as PatentsView ships them."""
    folder = tmp_path / "pv"
    folder.mkdir()
    for tsv in FIXTURES.glob("*.tsv"):
        text = tsv.read_text(encoding="utf-8") + extra.get(tsv.stem, "")
        if zipped:
            with zipfile.ZipFile(folder / f"{tsv.name}.zip", "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(tsv.name, text)
        else:
            (folder / tsv.name).write_text(text, encoding="utf-8")
    return folder


def _read(folder: Path) -> tuple[list[Row], list[tuple[str, int, str]], list[Notice]]:
    notices: list[Notice] = []
    records = list(read(folder, notices))
    good = [r for r in records if not problem(r)]
    bad = [(Path(r.file).name, r.line, str(problem(r))) for r in records if problem(r)]
    return good, bad, notices


PREFIXED = {
    "g_patent": 'PP012345\tplant\t2005-01-04\t"Rose plant named ""Red"""\tP2\t1\t0\tipg050104.xml\n'
    "H0002140\tstatutory invention registration\t2005-12-06\tBoat hull\tH1\t1\t0\tipg051206.xml\n",
    "g_application": "10000010\tPP012345\t10\t2003-02-03\t10\t0\n10000011\tH0002140\t10\t2002-05-06\t10\t0\n",
    "g_us_patent_citation": "PP012345\t0\tPP000999\t2001-01-01\tRose\tP2\tcited by examiner\n"
    "H0002140\t0\tT0000955\t1976-01-01\tBoat\tI4\tcited by applicant\n"
    "H0002140\t1\tD0512345\t2005-12-06\tChair\tS1\tcited by applicant\n",
}


def test_prefixed_ids_and_quotes_survive(tmp_path: Path) -> None:
    rows, bad, _ = _read(_folder(tmp_path, **PREFIXED))
    patents = {r.values["patent_id"]: r.values for r in rows if r.table == "patents"}
    assert {"USD512345", "USPP12345", "USH2140"} <= set(patents)
    assert patents["USPP12345"]["title"] == 'Rose plant named "Red"'
    assert patents["USH2140"]["filing_date"] == "2002-05-06"
    cited = {(r.values["citing_id"], r.values["cited_id"]) for r in rows if r.table == "citations"}
    assert {("USPP12345", "USPP999"), ("USH2140", "UST955"), ("USH2140", "USD512345")} <= cited
    assert ("US10000001", "USRE38123") in cited
    assert not [b for b in bad if "PP" in b[2] or "H0002140" in b[2]]


def test_a_quoted_field_spanning_lines_keeps_the_lines_of_the_rows_after_it(tmp_path: Path) -> None:
    extra = {"g_patent": '10000020\tutility\t2019-01-01\t"A title\nover two lines, with\ta tab"\tB2\t5\t0\tx.xml\n'
             "10000021\tutility\t2019-01-01\tNo application row\tB2\t5\t0\tx.xml\n"}  # fmt: skip
    extra["g_application"] = "15000020\t10000020\t15\t2017-05-05\t15\t0\n"
    rows, bad, _ = _read(_folder(tmp_path, **extra))
    title = next(r.values["title"] for r in rows if r.values.get("patent_id") == "US10000020")
    assert title == "A title\nover two lines, with\ta tab"  # as written: the loaders keep line breaks
    # the header is line 1, the fixture has rows on lines 2-6, the two-line row is lines 7-8
    assert ("g_patent.tsv.zip", 9, "US10000021: no valid filing_date in g_application") in bad


def test_bad_quoting_is_a_reject_with_its_line_and_the_rows_after_it_load(tmp_path: Path) -> None:
    extra = {
        "g_us_patent_citation": '7864699\t2\t"6000001"x\t2005-01-01\tA\tB1\tcited by examiner\n'
        "7864699\t3\t6000002\t2005-01-01\tB\tB1\tcited by examiner\n",
        "g_inventor_disambiguated": '7864699\t2\ti-open\t"Unclosed\tName\tM\tloc-sz\n'
        "7864699\t3\ti-lost\tLost\tRow\tM\tloc-sz\n",
    }
    rows, bad, _ = _read(_folder(tmp_path, **extra))
    assert [(f, line) for f, line, why in bad if "malformed quoting" in why and "doubled" in why] == [
        ("g_us_patent_citation.tsv.zip", 6)
    ]
    cited = {r.values["cited_id"] for r in rows if r.table == "citations"}
    assert "US6000002" in cited and "US6000001" not in cited
    assert ("g_inventor_disambiguated.tsv.zip", 6, "g_inventor_disambiguated: a quoted field opened on line 6 is "
            "not closed before the end of the file (line 7)") in bad  # fmt: skip


def test_a_missing_column_names_the_file_the_column_and_the_release(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with zipfile.ZipFile(folder / "g_application.tsv.zip", "w") as z:
        z.writestr(
            "g_application.tsv", "application_id\tpatent_id\tpatent_application_type\n1\t7864699\t12\n"
        )
    with pytest.raises(InputError) as caught:
        list(read(folder))
    message = str(caught.value)
    assert message.startswith(
        f"{folder / 'g_application.tsv.zip'} line 1: missing column(s) filing_date of g_application"
    )
    assert (
        "2024-2026 releases, whose g_application has application_id, patent_id, patent_application_type, filing_date"
        in message
    )


def test_an_earlier_release_reads_by_name_with_a_notice(tmp_path: Path) -> None:
    folder = _folder(tmp_path, zipped=False)
    lines = (FIXTURES / "g_patent.tsv").read_text(encoding="utf-8").splitlines()
    # before 2024 g_patent had patent_abstract (here moved to the front, so positions differ too)
    old = ["patent_abstract\t" + lines[0]] + [f'"An abstract, ""quoted"""\t{line}' for line in lines[1:]]
    (folder / "g_patent.tsv").write_text("\n".join(old) + "\n", encoding="utf-8")
    rows, _, notices = _read(folder)
    assert {r.values["patent_id"] for r in rows if r.table == "patents"} == {
        "US7864699",
        "USD512345",
        "US10000001",
    }
    assert any("g_patent differs from PatentsView's granted-patent tables of the 2024-2026 releases (extra patent_abstract)"
               in n.message for n in notices)  # fmt: skip


def test_known_location_faults_are_notices(tmp_path: Path) -> None:
    extra = {
        "g_location_disambiguated": "loc-zero\tNowhere Springs\tTX\tUS\t0.1\t0.1\t\t\t\n"
        "loc-wrong\tShenzhen\t\tUS\t22.5455\t114.0683\t\t\t\n",
        "g_inventor_disambiguated": "7864699\t2\ti-zero\tZ\tZero\tM\tloc-zero\n7864699\t3\ti-wrong\tW\tWrong\tM\tloc-wrong\n",
    }
    rows, bad, notices = _read(_folder(tmp_path, **extra))
    messages = [n.message for n in notices]
    assert any(
        "location loc-zero (Nowhere Springs, US): coordinates (0.1, 0.1) are a placeholder" in m
        for m in messages
    )
    assert any(m.startswith("location loc-wrong (Shenzhen, US): its coordinates (22.5455, 114.0683) lie 0 km from "
                            "Shenzhen, CN, not in US") for m in messages)  # fmt: skip
    inventors = {r.values["inventor_id"]: r.values for r in rows if r.table == "inventors"}
    assert inventors["pv:i-zero"]["city_id"] is None  # no own city at (0.1, 0.1)
    assert not [c for c in rows if c.table == "cities" and c.values["city_id"] == "pv:loc-zero"]
    assert not [b for b in bad if "loc-" in b[2]]
