"""The Spark reader and validator (graph.ingest.spark) against the in-process ones: the same rejects (file,
line, table, reason, in order), the same records in all 16 tables of a lake, the same duplicates and merged
citations, on the damaged fixture, the canonical form of the USPTO sample, a damaged synthetic universe
and a file whose records cross partitions; and hand-written expectations for the trickiest rules."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import testkit

from graph.ingest import derive
from graph.ingest import validate as local
from graph.ingest.readers import READERS, canonical
from graph.ingest.records import TABLES
from graph.ingest.staging import Staging
from graph.ingest.stakeholders import TYPES as APPLICANT_TYPES
from graph.ingest.synthetic.generate import generate
from hotspot_kg.core.errors import InputError

testkit.need_pyspark()

HERE = Path(__file__).resolve().parent


def _module(name: str) -> Any:
    """A helper module of this folder."""
    return testkit.sibling(__file__, name)


P = testkit.sibling(__file__, "spark_parity")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with P.tiny_session("spark-validate-tests") as s:
        yield s


def assert_same(spark: Any, folder: Path, tmp_path: Path, min_partitions: int | None = None) -> Any:
    """The Spark validator on ``folder`` agrees with the in-process one; the Spark outcome."""
    from graph.ingest.spark.validate import validate_path

    staging = Staging(tmp_path)
    try:
        want = local.validate(canonical.frames(folder), tmp_path / "local.csv", staging)
        got = validate_path(spark, folder, tmp_path / "spark.csv", min_partitions)
        P.assert_same_outcome(got, want, staging, tmp_path)
        return got
    finally:
        staging.remove()


def test_damaged_fixture(spark: Any, tmp_path: Path) -> None:
    folder = _module("test_validate").damaged(tmp_path)
    outcome = assert_same(spark, folder, tmp_path)
    assert outcome.rejected == 23 and outcome.duplicates == 2
    assert outcome.tables["patents"].schema["filing_date"].dataType.typeName() == "date"
    outcome.unpersist()


def test_uspto_sample(spark: Any, tmp_path: Path, shared_data: Path) -> None:
    parity = _module("test_validate_parity")
    parity._write(list(READERS["uspto-xml"](shared_data / "uspto-grants")), tmp_path / "uspto")
    outcome = assert_same(spark, tmp_path / "uspto", tmp_path)
    assert outcome.by_table["citations"] > 1000 and outcome.merged > 0
    outcome.unpersist()


def test_damaged_synthetic_universe(spark: Any, tmp_path: Path) -> None:
    parity = _module("test_validate_parity")
    generate(tmp_path / "in", patents=2_000, seed=3)
    rows = parity._damage(list(READERS["canonical"](tmp_path / "in")), random.Random(3))
    parity._write(rows, tmp_path / "damaged")
    outcome = assert_same(spark, tmp_path / "damaged", tmp_path)
    assert outcome.rejected > 100 and outcome.duplicates > 10
    outcome.unpersist()


PATENTS = "patent_id,filing_date,year,priority_year,office,kind,family_id,title"


def _awkward(folder: Path, n: int = 60) -> Path:
    """A patents file with quoted titles over several lines, blank lines, short rows, stray quotes, a BOM."""
    folder.mkdir()
    with open(folder / "patents.csv", "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff" + PATENTS + "\r\n")
        for k in range(n):
            if k % 3 == 0:
                f.write(f'P{k},2010-01-0{1 + k % 9},,,US,B1,,"a title\nover ""three""\n\nlines, {k}"\r\n')
            elif k % 7 == 1:
                f.write("\r\n")
            elif k % 11 == 2:
                f.write(f"P{k},2010\r\n")
            elif k % 5 == 4:
                f.write(f'P{k},2011-02-03,,,,,,a 5" screen, then "more\r\n')
            else:
                f.write(f' P{k} ,,{1990 + k},,,,,"plain, {k}"\r\n')
        f.write('P999,2012-01-01,,,,,,"open at the end\nof the file')
    return folder


def test_records_across_partitions_read_as_in_process(spark: Any, tmp_path: Path) -> None:
    from graph.ingest.spark import canonical as spark_canonical

    folder = _awkward(tmp_path / "awk ward,[1]{2}*")  # characters Hadoop reads as globs or separators
    columns = [*TABLES["patents"].columns, "_error"]
    want = [
        (*[r.values.get(c) for c in columns], r.file, r.line)
        for r in canonical.Folder(folder).rows("patents")
    ]
    assert any(r[-1] - prev[-1] > 2 for prev, r in pairwise(want))  # multi-line records
    for partitions in (1, 7):
        persisted: list[Any] = []
        frame = spark_canonical.frames(spark, folder, partitions, persisted)["patents"]
        assert sorted(tuple(r) for r in frame.collect()) == sorted(want), partitions
        for cached in persisted:
            cached.unpersist()
    assert_same(spark, folder, tmp_path, min_partitions=9).unpersist()
    with zipfile.ZipFile(tmp_path / "awkward.zip", "w") as archive:  # read through the in-process reader
        archive.write(folder / "patents.csv", "awkward/patents.csv")
    zipped = canonical.Folder(tmp_path / "awkward.zip")
    want = [(*[r.values.get(c) for c in columns], r.file, r.line) for r in zipped.rows("patents")]
    frame = spark_canonical.frames(spark, tmp_path / "awkward.zip")["patents"]
    assert sorted(tuple(r) for r in frame.collect()) == sorted(want)


def test_unreadable_input_fails_as_in_process(spark: Any, tmp_path: Path) -> None:
    from graph.ingest.spark import canonical as spark_canonical

    folder = _module("test_validate").damaged(tmp_path)
    with open(folder / "citations.csv", "ab") as f:
        f.write(b"P1,\xff\xfe,examiner\n")
    (folder / "inventors.csv").write_text("inventor_id,nickname\nI1,x\n", encoding="utf-8")
    for broken in ("inventors.csv", None):
        with pytest.raises(InputError) as local_error:
            list(canonical.read(folder))
        with pytest.raises(InputError) as spark_error:
            spark_canonical.frames(spark, folder)
        assert str(spark_error.value) == str(local_error.value)
        if broken:
            assert "nickname" in str(local_error.value)
            (folder / broken).write_text("inventor_id,name\n", encoding="utf-8")
    assert "citations.csv:" in str(spark_error.value) and "not UTF-8" in str(spark_error.value)


def test_quote_state_of_a_line() -> None:
    from graph.ingest.spark.delimited import ends_inside

    assert ends_inside('a,"b', False) and not ends_inside('a,"b"', False)
    assert not ends_inside('a,b"c', False)  # a quote inside an unquoted field is text
    assert ends_inside('a,"b""', False)  # a doubled quote does not close the field
    assert not ends_inside('still inside" , x', True) and ends_inside("no quote here", True)
    assert not ends_inside('end"x,y', True)  # closed; csv (not strict) reads text after the quote
    assert ends_inside('end"x,"', True) and ends_inside('end",",', True)  # closed, then another one opened


RULES = {
    "patents.csv": [PATENTS, "P1,2010-01-01,,,,,,One", "P2,2011-01-01,,,,,,Two", "P3,2012-01-01,,,,,,Three",
                    "P1,2010-01-01,,,,,,Other title"],
    "patent_ipc.csv": ["patent_id,ipc_code,seq", "P1,H04L 29/06,", "P1,H04W 84/18,", "P2,H01Q 1/24,2",
                       "P2,H04L 29/06,1", "P3,ZZZ 99/99,", "P3,H01M 10/052,", "P1,H04L0029060000,3"],
    "citations.csv": ["citing_id,cited_id,origin", "P1,P2,applicant", "P1,P2,examiner", "P1,P2,applicant",
                      "P1,P3,unknown", "P1,P3,", "P2,P3,unknown", "P2,P3,EXAMINER", "P3,US9,"],
}  # fmt: skip


def test_hand_written_rules(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    for name, lines in RULES.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = assert_same(spark, folder, tmp_path)
    rejects = P.rejects(tmp_path / "spark.csv")[1:]
    assert rejects[1][3].startswith("unknown IPC code 'ZZZ 99/99': ")
    assert [(r[1], r[2], r[3]) for r in rejects] == [
        ("5", "patents", "duplicate of line 2 (patent_id=P1) with different content"),
        ("6", "patent_ipc", rejects[1][3]),
        ("8", "patent_ipc", "duplicate of line 2 (patent_id=P1, ipc_code=H04L 29/06) with different content"),
    ]
    origins = {(r[0], r[1]): r[2] for r in outcome.tables["citations"].collect()}
    assert origins == {("P1", "P2"): "applicant;examiner", ("P1", "P3"): "unknown",
                       ("P2", "P3"): "examiner", ("P3", "US9"): "unknown"}  # fmt: skip
    assert (outcome.merged, outcome.duplicates) == (2, 2)  # P1-P2 and P2-P3 merged; P1-P2 and P1-P3 repeated
    main = {(r[0], r[1]): r[3] for r in outcome.tables["patent_ipc"].collect()}
    assert main == {("P1", "H04L 29/06"): True, ("P1", "H04W 84/18"): False, ("P2", "H01Q 1/24"): False,
                    ("P2", "H04L 29/06"): True, ("P3", "H01M 10/052"): True}  # fmt: skip
    assert [r[0] for r in outcome.tables["patent_stubs"].collect()] == ["US9"]
    outcome.unpersist()


VALUES = ["1", "+5", "-0", "007", "1_000", "1__0", "_1", "5.0", "1e3", "99999", "2010", "1789", "2101",
          "1.5", ".5", "5.", "1.e5", "-9e1", "nan", "-inf", "Infinity", "1_0.5", "0x10", "1d", "95", "-90",
          "2014-02-29", "2016-02-29", "2014-W01-1", "2015-W53-7", "2014-W53-1", "0000-01-01", "20140101",
          "2014-13-01", "cn", "C1", "Examiner", "soe", "Research-Institute", "research institute",
          "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there"]  # fmt: skip


def test_parsers_match_python(spark: Any) -> None:
    from pyspark.sql import functions as F

    from graph.ingest.spark import parsers

    raw = F.col("raw")
    cases: dict[str, tuple[Any, parsers.Parsed]] = {
        "int": (partial(local.parse_int, "seq"), parsers.integer("seq", raw)),
        "year": (partial(local.parse_year, "year"), parsers.year("year", raw)),
        "float": (partial(local.parse_float, "lat", -90, 90), parsers.number("lat", -90, 90, raw)),
        "date": (local.parse_date, parsers.date(raw)),
        "country": (local.parse_country, parsers.country(raw)),
        "origin": (local.parse_origin, parsers.vocabulary("origin", raw, F.lower(raw), local.ORIGINS)),
        "ownership": (local.parse_ownership,
                      parsers.vocabulary("ownership", raw, F.upper(raw), derive.OWNERSHIP_TYPES)),
        "type": (local.parse_type, parsers.vocabulary("type", raw, F.translate(F.lower(raw), " -", "__"),
                                                      APPLICANT_TYPES)),
    }  # fmt: skip
    frame = spark.createDataFrame([(v,) for v in VALUES], "raw string")
    columns = [e for _, parsed in cases.values() for e in parsed]
    rows = frame.select(raw, *columns).collect()
    for row in rows:
        for k, (name, (python, _)) in enumerate(cases.items()):
            value, valid, reason = row[1 + 3 * k : 4 + 3 * k]
            try:
                expected: tuple[Any, ...] = (python(row[0]), True)
            except local.Bad as e:
                expected = (str(e), False)
            assert ((value, True) if valid else (reason, False)) == expected, (name, row[0])
