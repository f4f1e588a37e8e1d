"""The project's concordance against WIPO's own file, row by row, and field_of's override rule."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.ingest.concordance import concordance, field_of, fields


def test_every_wipo_row_is_carried_unchanged(shared_data: Path) -> None:
    path = shared_data / "wipo" / "ipc_technology.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        wipo = list(csv.DictReader(f))
    assert len(wipo) == 764
    table = concordance()
    assert len(table.by_subclass) + len(table.by_main_group) == 764
    for row in wipo:
        pattern = row["IPC_code"]
        assert pattern.endswith("%"), pattern
        if len(pattern) == 5:  # H04L%
            assert table.by_subclass[pattern[:4]] == int(row["Field_number"]), pattern
        else:  # H04N  21/%
            main = pattern[4:].rstrip("%/").strip()
            assert table.by_main_group[f"{pattern[:4]} {main}/00"] == int(row["Field_number"]), pattern
        field = table.fields[int(row["Field_number"])]
        assert (field.name, field.sector) == (row["Field_en"], row["Sector_en"])


def test_35_fields_in_5_sectors() -> None:
    all_fields = fields()
    assert [f.id for f in all_fields] == list(range(1, 36))
    assert {f.sector for f in all_fields} == {
        "Electrical engineering",
        "Instruments",
        "Chemistry",
        "Mechanical engineering",
        "Other fields",
    }
    assert all_fields[3].name == "Digital communication"


def test_main_group_rows_override_subclass_rows() -> None:
    assert field_of("H04L 29/06") == 4  # H04L% -> digital communication
    assert field_of("H04L") == 4
    assert field_of("H04N 21/12") == 4  # H04N  21/% -> digital communication
    assert field_of("H04N 21/00") == 4
    assert field_of("H04N 5/44") == 2  # H04N   5/% -> audio-visual
    assert field_of("H04N 1/00") == 3  # H04N   1/% -> telecommunications
    assert field_of("A61K 8/02") == 14  # A61K   8/% -> organic fine chemistry
    assert field_of("A61K 31/4164") == 16  # A61K  31/% -> pharmaceuticals
    assert field_of("H04N 99/00") is None  # H04N has only main-group rows
    assert field_of("H04") is None
    assert field_of("H") is None
