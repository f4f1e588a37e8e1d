"""The PatentsView reader on Spark (graph.ingest.spark.patentsview) against the in-process reader, both
validated: the same rejects (file, line, table, reason, in order), the same records in all 16 tables of a
lake, the same counts and the same notices; on the fixtures, their real-file habits, and a damaged synthetic
universe in PatentsView's tables, in parts and zips; and hand-written expectations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import testkit

from graph.ingest.readers import patentsview
from graph.ingest.synthetic.generate import generate

testkit.need_pyspark()

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patentsview"
P = testkit.sibling(__file__, "spark_parity")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with P.tiny_session("spark-patentsview-tests") as s:
        yield s


def assert_same(spark: Any, folder: Path, tmp_path: Path, min_partitions: int | None = None) -> Any:
    """The Spark reader and validator on ``folder`` agree with the in-process ones (the notices as a
    multiset); the Spark outcome."""
    return P.assert_same_source(spark, "patentsview", folder, tmp_path, min_partitions, in_order=False)


def test_fixtures(spark: Any, tmp_path: Path) -> None:
    outcome = assert_same(spark, FIXTURES, tmp_path)
    assert outcome.by_table["patents"] >= 3 and outcome.by_table["citations"] >= 1
    outcome.unpersist()


def test_real_file_habits(spark: Any, tmp_path: Path) -> None:
    real = testkit.sibling(__file__, "test_patentsview_real_files")
    folder = real._folder(tmp_path, **real.PREFIXED)
    assert_same(spark, folder, tmp_path).unpersist()


def test_damaged_universe_in_parts(spark: Any, tmp_path: Path) -> None:
    universe = testkit.sibling(__file__, "patentsview_universe")
    generate(tmp_path / "canonical", patents=1_000, seed=5)
    folder = universe.write(tmp_path / "canonical", tmp_path / "pv", seed=5, rate=0.3, parts=True)
    outcome = assert_same(spark, folder, tmp_path, min_partitions=3)
    assert outcome.rejected > 200 and outcome.by_table["patents"] > 500
    assert outcome.by_table["cities"] > 50 and outcome.by_table["citations"] > 500
    outcome.unpersist()


def test_clean_universe(spark: Any, tmp_path: Path) -> None:
    universe = testkit.sibling(__file__, "patentsview_universe")
    generate(tmp_path / "canonical", patents=1_000, seed=6)
    folder = universe.write(tmp_path / "canonical", tmp_path / "pv", seed=6)
    outcome = assert_same(spark, folder, tmp_path)
    assert outcome.rejected == 0 and outcome.by_table["patents"] == 1_000
    outcome.unpersist()


HAND = {
    "g_patent": ["0007\tutility\t2010-01-05\t\"Two\nlines\"\tB2\t1\t0\tf", "US8\tutility\t2011\tEight\tB1\t1\t0\tf",
                 "9\tutility\t2011\tNine\tB1\t1\t1\tf", "x-1!\tutility\t2011\tBad\tB1\t1\t0\tf"],
    "g_application": ["a\t0007\tu\t2009-12-31\t1\t0", "b\tUS8\tu\t2010-02-03\t1\t0", "c\tUS8\tu\t2010-02-04\t1\t0"],
    "g_location_disambiguated": ["L1\tShenzhen\tGuangdong\tCN\t22.5\t114.0\t\t\t", "L2\tQwzxville\t\tUS\t10\t20\t\t\t"],
    "g_assignee_disambiguated": ["7\t0\tA1\t\t\tHuawei Technologies Co Ltd\t3\tL1",
                                 "8\t1\tA1\t\t\tHuawei Other Name\t3\tL2", "8\t0\tA2\tJo\tDoe\t\t4\tL2"],
    "g_us_patent_citation": ["8\t0\t0007\t2000\tr\tB1\tcited by examiner", "8\t1\t7\t2000\tr\tB1\tcited by applicant"],
}  # fmt: skip


def test_hand_written(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "hand"
    folder.mkdir()
    for name, lines in HAND.items():
        text = "\t".join(patentsview.CURRENT[name]) + "\n" + "".join(line + "\n" for line in lines)
        (folder / f"{name}.tsv").write_text(text, encoding="utf-8")
    outcome = assert_same(spark, folder, tmp_path)
    patents = {
        r[0]: (str(r[1]), r[-1])
        for r in outcome.tables["patents"].select("id", "filing_date", "title").collect()
    }
    assert patents == {"US7": ("2009-12-31", "Two\nlines"), "US8": ("2010-02-04", "Eight")}
    applicants = {r[0]: r[1] for r in outcome.tables["applicants"].select("id", "name").collect()}
    assert applicants == {"pv:A1": "Huawei Technologies Co Ltd", "pv:A2": "Jo Doe"}
    cities = {r[0] for r in outcome.tables["cities"].select("id").collect()}
    assert "pv:L2" in cities and len(cities) == 2
    citations = [tuple(r) for r in outcome.tables["citations"].collect()]
    assert citations == [("US8", "US7", "applicant;examiner")]
    rejects = P.rejects(tmp_path / "spark.csv")[1:]
    assert [r[3] for r in rejects] == ["patent_id 'x-1!' is not a number"]
    outcome.unpersist()
