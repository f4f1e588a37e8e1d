"""The PATSTAT reader on Spark (graph.ingest.spark.patstat) against the in-process reader, both validated:
the same rejects (file, line, table, reason, in order), the same records in all 16 tables of a lake, the
same counts and the same notices; on the fixtures, a damaged variant, a random folder in parts (plain and
zipped, where the rank of a part decides what comes first), and hand-written expectations."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import testkit

from graph.ingest.readers import READERS
from graph.ingest.readers.common import Notice
from hotspot_kg.core.errors import InputError

testkit.need_pyspark()

FIXTURES: Path = testkit.sibling(__file__, "test_patstat").FIXTURES
U = testkit.sibling(__file__, "patstat_universe")
P = testkit.sibling(__file__, "spark_parity")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with P.tiny_session("spark-patstat-tests") as s:
        yield s


def assert_same(spark: Any, folder: Path, tmp_path: Path, min_partitions: int | None = None) -> Any:
    """The Spark reader and validator on ``folder`` agree with the in-process ones; the Spark outcome."""
    return P.assert_same_source(spark, "patstat", folder, tmp_path, min_partitions)


def test_fixtures(spark: Any, tmp_path: Path) -> None:
    outcome = assert_same(spark, FIXTURES, tmp_path)
    assert outcome.by_table["patents"] == 3 and outcome.by_table["citations"] == 4
    outcome.unpersist()


def damaged(tmp_path: Path) -> Path:
    """The fixtures with rows of every kind of trouble appended, and tls209 zipped."""
    folder = tmp_path / "damaged"
    shutil.copytree(FIXTURES, folder)

    def append(name: str, text: str) -> None:
        with open(folder / f"{name}.csv", "a", encoding="utf-8", newline="") as f:
            f.write(text)

    append("tls201_appln", U.lines("tls201_appln", [
        {"appln_id": "1006", "appln_auth": "US", "appln_kind": "A", "appln_filing_date": "20100315",
         "appln_filing_year": "9999", "appln_nr": "a\nnumber over lines", "docdb_family_id": "0"},
        {"appln_id": "NULL", "appln_filing_year": "2010"},
        {"appln_id": "1007", "appln_filing_date": "２０１０-01-02", "appln_auth": " E  P "},
        {"appln_id": "1008", "appln_filing_date": "2011-02-03", "appln_filing_year": "2012",
         "earliest_filing_year": "abc"},
        {"appln_id": "1001", "appln_auth": "CN", "appln_filing_date": "2007-06-21"},
        {"appln_id": "1009", "appln_filing_date": "2011-00-03", "appln_filing_year": "\\N"},
    ]) + "1010,US,1,A\n")  # fmt: skip
    append("tls904_nuts", 'DE212,3,"München, Stadt"\nbroken\nDE300,3,NULL\nDE300,3,"Berlin"\n')
    append("tls206_person", U.lines("tls206_person", [
        {"person_id": "2002", "person_name": "ZHANG,   Wei", "person_address": "Nanshan, Shenzhen",
         "person_ctry_code": "CN", "psn_id": "8002", "psn_name": "ZHANG WEI", "psn_sector": "INDIVIDUAL"},
        {"person_id": "2006", "person_name": "Schmidt GmbH", "person_ctry_code": "DE", "nuts": "DE300",
         "psn_id": "0", "psn_name": "SCHMIDT", "psn_sector": "COMPANY"},
        {"person_id": "2007", "person_name": "NULL", "person_address": "Qwzx, Nowhere", "person_ctry_code": "XX",
         "psn_id": "8007", "psn_name": "  ", "psn_sector": "UNKNOWN"},
        {"person_id": "2008", "person_name": "Jane\tDoe", "person_address": " ,  , Paris",
         "person_ctry_code": "FR", "psn_id": "8001", "psn_name": "HUAWEI TECHNOLOGIES CO., LTD.",
         "psn_sector": "COMPANY"},
        {"person_id": "NULL", "person_name": "nobody"},
    ]) + "2009,too,few\n")  # fmt: skip
    append(
        "tls207_pers_appln",
        "2006,1006,1,0\n2007,1006,0,2\n2008,1006,3,1\n2002,1008,0,007\n2001,1008,x,1\n2003,1008,١,0\n"
        "2998,1006,1,0\n2006,1008,0,0\n2007,9999,1,1\n1,2,3\n,1006,1,0\n2004,1008,00,0\n2006,1001,2,0\n",
    )
    append(
        "tls211_pat_publn", "5005,US,1,,A,1006,2011-01-01,en,N,1\n5001,CN,1,,A,1001\n5006,US,2,,B,NULL,,,,\n"
    )
    append(
        "tls212_citation",
        "5005,0,1,sea,5002,0,1,0,0,US\n5005,0,2,ſea,0,1004,1,0,0,US\n5005,0,3, ,0,0,1,0,0,US\n"
        '5006,0,1,APP,5001,0,1,0,0,US\n5005,0,4,isr,5005,0,1,0,0,US\n5005,0,5,"APP""",5004,0,1,0,0,US\n'
        '5005,0,6,EXA,"5003\n',
    )
    text = (folder / "tls209_appln_ipc.csv").read_text(encoding="utf-8")
    (folder / "tls209_appln_ipc.csv").unlink()
    text += "1006,H04L  29/06,A\n1006,NULL,A,2006,I,F,US\n1006,G06F 17/30,A,2006,I,F,US\n9999,H04L,A,,,,\n"
    text += "1006,Z99Z 99/99,A,2006,I,F,US\n1008,H04W  36/00,A,2006,I,F,US\n1006,H04L  29/06,A,2006,I,F,US\n"
    U.write(folder, "tls209_appln_ipc", text, zipped=True)
    return folder


def test_damaged_variant(spark: Any, tmp_path: Path) -> None:
    outcome = assert_same(spark, damaged(tmp_path), tmp_path)
    assert outcome.rejected > 10
    outcome.unpersist()


def test_random_folders_in_parts(spark: Any, tmp_path: Path) -> None:
    for seed in (1, 2):
        outcome = assert_same(spark, U.universe(tmp_path, seed), tmp_path / str(seed), min_partitions=2)
        assert outcome.by_table["patents"] > 10 and outcome.by_table["patent_applicants"] > 10
        outcome.unpersist()


def test_ranks_decide_first_and_last(spark: Any, tmp_path: Path) -> None:
    """Parts: part01's rows come before part02's though their lines are later; the hand-written records."""
    from graph.ingest.spark import patstat as spark_patstat

    folder = tmp_path / "parts"
    folder.mkdir()
    header = {name: ",".join(U.header(name)) + "\n" for name in ("tls201_appln", "tls206_person",
                                                                  "tls207_pers_appln", "tls209_appln_ipc")}  # fmt: skip
    U.write(folder, "tls201_part01", header["tls201_appln"] + "\n\n" + U.lines("tls201_appln", [
        {"appln_id": "1", "appln_auth": "EP", "appln_filing_date": "2010-01-02", "docdb_family_id": "7"}]))  # fmt: skip
    U.write(folder, "tls201_part02", header["tls201_appln"] + U.lines("tls201_appln", [
        {"appln_id": "2", "appln_auth": "CN", "appln_filing_year": "2011"}]), zipped=True)  # fmt: skip
    U.write(folder, "tls206_part01", header["tls206_person"] + "\n\n" + U.lines("tls206_person", [
        {"person_id": "10", "person_name": "Old Name", "person_address": "Paris", "person_ctry_code": "FR"}]))  # fmt: skip
    U.write(folder, "tls206_part02", header["tls206_person"] + U.lines("tls206_person", [
        {"person_id": "10", "person_name": "New   Name", "person_address": "Bantian, Shenzhen",
         "person_ctry_code": "CN", "psn_id": "99", "psn_name": "NEW NAME LTD", "psn_sector": "COMPANY"},
        {"person_id": "11", "person_name": "Li Lei", "person_address": "Nowhere", "person_ctry_code": "CN",
         "psn_id": "99", "psn_name": "NEW NAME LTD", "psn_sector": "COMPANY"}]))  # fmt: skip
    U.write(folder, "tls207_part01", header["tls207_pers_appln"] + "\n\n\n11,2,1,1\n")
    U.write(folder, "tls207_part02", header["tls207_pers_appln"] + "10,1,1,2\n10,2,2,0\n11,1,0,1\n")
    U.write(folder, "tls209_part01", header["tls209_appln_ipc"] + "\n\n" + U.lines("tls209_appln_ipc", [
        {"appln_id": "1", "ipc_class_symbol": "H04L  29/06"}]))  # fmt: skip
    U.write(folder, "tls209_part02", header["tls209_appln_ipc"] + U.lines("tls209_appln_ipc", [
        {"appln_id": "1", "ipc_class_symbol": "G06F  17/30"}, {"appln_id": "2", "ipc_class_symbol": "H04L  29/06"}]))  # fmt: skip
    notices: list[Notice] = []
    persisted: list[Any] = []
    got = spark_patstat.frames(spark, folder, tmp_path / "scratch", notices, persisted)
    records = {t: sorted((tuple(r[c] for c in [*f.columns[:-4], "_line", "_rank"]) for r in f.collect()),
                         key=lambda r: (r[-1], r[-2])) for t, f in got.items()}  # fmt: skip
    for frame in persisted:
        frame.unpersist()
    assert records["patents"] == [("appln:1", "2010-01-02", "2010", None, "EP", None, "7", None, 4, 0),
                                  ("appln:2", None, "2011", None, "CN", None, None, None, 2, 1)]  # fmt: skip
    # person 11 (part01, line 5) is the first: psn:99 is Li Lei's, not placed; person 10 is in Shenzhen
    assert records["applicants"] == [("psn:99", "NEW NAME LTD", "firm", "psn_sector:COMPANY", None, 5, 4)]
    assert records["inventors"] == [("person:11", "Li Lei", None, 5, 4), ("person:10", "New Name", "gn:1795565", 2, 5)]  # fmt: skip
    assert [r[0] for r in records["cities"]] == ["gn:1795565"] and records["cities"][0][-2:] == (2, 5)
    assert records["patent_applicants"] == [("appln:2", "psn:99", "1", 5, 4), ("appln:1", "psn:99", "1", 2, 5),
                                            ("appln:2", "psn:99", "2", 3, 5)]  # fmt: skip
    assert records["patent_inventors"] == [("appln:2", "person:11", "1", 5, 4), ("appln:1", "person:10", "2", 2, 5),
                                           ("appln:1", "person:11", "1", 4, 5)]  # fmt: skip
    assert records["patent_ipc"] == [("appln:1", "H04L  29/06", "1", 4, 6), ("appln:1", "G06F  17/30", "2", 2, 7),
                                     ("appln:2", "H04L  29/06", "1", 3, 7)]  # fmt: skip
    assert sorted(n.message for n in notices) == sorted([
        "appln:2 applicant NEW NAME LTD: no city found in 'Nowhere; CN'; left unlocated",
        *[f"table {t} not found; nothing read from it" for t in ("tls211_pat_publn", "tls212_citation",
                                                                 "tls904_nuts")]])  # fmt: skip
    assert_same(spark, folder, tmp_path).unpersist()


def test_unreadable_input_fails_as_in_process(spark: Any, tmp_path: Path) -> None:
    from graph.ingest.spark import patstat as spark_patstat

    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES, folder)
    ipc = folder / "tls209_appln_ipc.csv"
    breaks = [
        lambda: ipc.write_text("appln_id;ipc_class_symbol\n1001;H04L  29/06\n", encoding="utf-8"),
        lambda: ipc.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        lambda: (folder / "tls201_appln.csv").unlink(),
    ]
    for damage in breaks:
        damage()
        with pytest.raises(InputError) as local_error:
            list(READERS["patstat"](folder))
        with pytest.raises(InputError) as spark_error:
            spark_patstat.frames(spark, folder, tmp_path / "scratch")
        assert str(spark_error.value) == str(local_error.value)
    assert "table tls201_appln" in str(spark_error.value)
