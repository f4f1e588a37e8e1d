"""The vectorised validator against the row-by-row one of the first release (reference_validator.py):
the same rejects (file, line, table, reason, in order), the same kept records and the same duplicates,
on the damaged fixture, on the real USPTO sample and on a synthetic universe with random damage."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import pytest
import testkit

from graph.ingest.readers import READERS, canonical
from graph.ingest.records import LOAD_ORDER, TABLES, Row
from graph.ingest.staging import Staging
from graph.ingest.synthetic.generate import generate
from graph.ingest.validate import validate

HERE = Path(__file__).resolve().parent


def _module(name: str) -> Any:
    """A helper module of this folder."""
    return testkit.sibling(__file__, name)


def _reference() -> Any:
    return _module("reference_validator")


def _normal(record: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(record.items()))


def assert_same(rows: list[Row], tmp_path: Path, tables: Any = None) -> int:
    """The vectorised validator on ``tables`` (frames; default: ``rows``) agrees with the reference on ``rows``."""
    records, rejects, duplicates, oracle = _reference().reference_validate(rows)
    staging = Staging(tmp_path)
    try:
        outcome = validate(rows if tables is None else tables, tmp_path / "rejects.csv", staging)
        with open(tmp_path / "rejects.csv", encoding="utf-8", newline="") as f:
            got = [(r["file"], int(r["line"]), r["table"], r["reason"]) for r in csv.DictReader(f)]
        assert got == [(r.file, r.line, r.table, r.reason) for r in rejects]
        assert outcome.duplicates == duplicates
        assert outcome.merged == oracle.merged
        for table in LOAD_ORDER:
            want = [_normal(r) for r in records.get(table, [])]
            assert [_normal(r) for r in staging.records(table)] == want, table
        return len(got)
    finally:
        staging.remove()


def test_damaged_fixture(tmp_path: Path) -> None:
    folder = _module("test_validate").damaged(tmp_path)
    rows = list(READERS["canonical"](folder))
    assert assert_same(rows, tmp_path) == 23
    assert assert_same(rows, tmp_path, canonical.frames(folder)) == 23  # the Arrow reader's frames


def _write(rows: list[Row], folder: Path) -> None:
    """The rows as a canonical folder (in their order, one file per table)."""
    folder.mkdir()
    for table in LOAD_ORDER:
        columns = TABLES[table].columns
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            writer.writerows([row.values.get(c) for c in columns] for row in rows if row.table == table)


def _damage(rows: list[Row], rng: random.Random) -> list[Row]:
    """Break about 2% of the rows in the ways real exports break, and repeat some rows."""
    out = []
    for row in rows:
        values = dict(row.values)
        roll = rng.random()
        if roll < 0.02:
            column = rng.choice(list(values))
            values[column] = rng.choice([None, "x", "1999-02-30", "ZZZ 99/99", "SIM-NOPE", "3000", "-91"])
        elif roll < 0.025:
            out.append(Row(row.table, dict(values), row.file, row.line))  # an exact duplicate
        elif roll < 0.03 and row.table in ("patents", "patent_ipc", "applicants"):
            out.append(Row(row.table, dict(values), row.file, row.line))
            values = {**values, list(values)[-1]: "changed"}  # a conflicting duplicate
        out.append(Row(row.table, values, row.file, row.line + 1_000_000))
    return out


@pytest.mark.parametrize("seed", [0, 1])
def test_damaged_synthetic_universe(tmp_path: Path, seed: int) -> None:
    generate(tmp_path / "in", patents=3_000, seed=seed)
    _write(_damage(list(READERS["canonical"](tmp_path / "in")), random.Random(seed)), tmp_path / "damaged")
    rows = list(READERS["canonical"](tmp_path / "damaged"))
    assert assert_same(rows, tmp_path) > 100
    assert assert_same(rows, tmp_path, canonical.frames(tmp_path / "damaged")) > 100


def test_uspto_sample(tmp_path: Path, shared_data: Path) -> None:
    rows = list(READERS["uspto-xml"](shared_data / "uspto-grants"))
    assert_same(rows, tmp_path)


def test_reader_notices_are_written_beside_the_rejects(tmp_path: Path, shared_data: Path) -> None:
    from graph.ingest import pipeline

    outcome = pipeline.prepare("uspto-xml", shared_data / "uspto-grants", tmp_path / "r.csv")
    outcome.staging.remove()
    assert outcome.notices_file == tmp_path / "r-notices.csv"
    with open(outcome.notices_file, encoding="utf-8", newline="") as f:
        notices = list(csv.DictReader(f))
    assert len(notices) == outcome.notices > 0
    assert any("'Krommenie, NL' is not in the gazetteer" in n["message"] for n in notices)
    assert all(n["file"].endswith(".xml") and int(n["line"]) > 0 for n in notices)
