"""The canonical CSV reader: rows with file and line; malformed inputs give one clear InputError."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from graph.ingest.readers import READERS, canonical
from hotspot_kg.core.errors import InputError

SMALL = Path(__file__).resolve().parents[1] / "data" / "canonical_small"


def copy_small(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    shutil.copytree(SMALL, folder)
    return folder


def test_reads_every_table_in_load_order_with_lines() -> None:
    rows = list(canonical.read(SMALL))
    tables = [r.table for r in rows]
    assert tables == sorted(tables, key=canonical.LOAD_ORDER.index)
    counts = {t: tables.count(t) for t in set(tables)}
    assert counts == {
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
    p2 = next(r for r in rows if r.table == "patents" and r.values["patent_id"] == "P2")
    assert p2.line == 3
    assert p2.file.endswith("patents.csv")
    assert p2.values["title"] == "Antenna, with a comma"
    assert p2.values["year"] == "2011"
    p3 = next(r for r in rows if r.table == "patents" and r.values["patent_id"] == "P3")
    assert p3.values["filing_date"] is None  # empty cells are None
    assert READERS["canonical"] is canonical.read


def test_line_numbers_count_quoted_newlines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "patents.csv").write_text(
        'patent_id,year,title\nP1,2001,"two\nlines"\nP2,2002,plain\n', encoding="utf-8"
    )
    rows = list(canonical.read(folder))
    assert [(r.values["patent_id"], r.line) for r in rows] == [("P1", 2), ("P2", 4)]
    assert rows[0].values["title"] == "two\nlines"


def test_zip_of_the_folder_reads_the_same_rows(tmp_path: Path) -> None:
    archive = tmp_path / "small.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in SMALL.iterdir():
            z.write(f, f"canonical_small/{f.name}")
    plain = [(r.table, r.line, r.values) for r in canonical.read(SMALL)]
    zipped = [(r.table, r.line, r.values) for r in canonical.read(archive)]
    assert zipped == plain


def test_bom_is_ignored(tmp_path: Path) -> None:
    folder = copy_small(tmp_path)
    text = (folder / "patents.csv").read_text(encoding="utf-8")
    (folder / "patents.csv").write_text("\ufeff" + text, encoding="utf-8")
    assert len([r for r in canonical.read(folder) if r.table == "patents"]) == 4


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("id,filing_date\n", "unknown column(s) id; patents.csv takes"),
        ("title,office\n", "required column(s) patent_id, filing_date or year missing"),
        ("patent_id,year,year\n", "column(s) year appear twice"),
        ("", "the file is empty"),
    ],
)
def test_wrong_columns_are_one_clear_error(tmp_path: Path, header: str, message: str) -> None:
    folder = copy_small(tmp_path)
    (folder / "patents.csv").write_text(header + ("P1,2001\n" if header else ""), encoding="utf-8")
    with pytest.raises(InputError) as e:
        canonical.check(folder)
    assert str(e.value).startswith(f"{folder / 'patents.csv'}:1: ")
    assert message in str(e.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    folder = copy_small(tmp_path)
    (folder / "inventors.csv").write_bytes(b"PK\x03\x04\x00\x00\x00binary")
    with pytest.raises(InputError, match=r"inventors\.csv: a binary file, not a UTF-8 CSV"):
        canonical.check(folder)


def test_bad_encoding_in_the_middle_is_refused_with_the_line(tmp_path: Path) -> None:
    folder = copy_small(tmp_path)
    with open(folder / "applicants.csv", "ab") as f:
        f.write("A9,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale,firm,\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"applicants\.csv:7: not UTF-8"):
        list(canonical.read(folder))


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "small.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for f in SMALL.iterdir():
            z.write(f, f.name)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"not a readable zip archive .*truncated"):
        canonical.check(archive)


def test_missing_patents_file_and_missing_path(tmp_path: Path) -> None:
    folder = copy_small(tmp_path)
    (folder / "patents.csv").unlink()
    with pytest.raises(InputError, match=r"patents\.csv is missing"):
        canonical.check(folder)
    with pytest.raises(InputError, match="no such file or folder"):
        canonical.check(tmp_path / "nowhere")
