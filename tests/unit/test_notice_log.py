"""The readers' notices go to their file as they come (NoticeLog), whole or not at all."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ingest import pipeline
from graph.ingest.readers.common import Notice, NoticeLog
from graph.ingest.records import Row


def test_notices_are_written_as_they_come_and_the_file_appears_when_closed(tmp_path: Path) -> None:
    log = NoticeLog(tmp_path / "out" / "r-notices.csv")
    log.append(Notice("a.tsv", 2, "cities", "x: no city found"))
    log.append(Notice("a.tsv", 7, "cities", 'y, "z": no city found'))
    assert len(log) == 2 and not log.target.exists()  # only the .partial file until the read is done
    assert log.close() == log.target and not log.partial.exists()
    with open(log.target, encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [
            ["file", "line", "table", "message"],
            ["a.tsv", "2", "cities", "x: no city found"],
            ["a.tsv", "7", "cities", 'y, "z": no city found'],
        ]


def test_no_notices_no_file_and_a_discarded_log_leaves_nothing(tmp_path: Path) -> None:
    empty = NoticeLog(tmp_path / "e-notices.csv")
    assert len(empty) == 0 and empty.close() is None and list(tmp_path.iterdir()) == []
    failed = NoticeLog(tmp_path / "f-notices.csv")
    failed.append(Notice("a.tsv", 2, "cities", "m"))
    failed.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_read_that_fails_leaves_no_notices_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, notices: NoticeLog) -> Iterator[Row]:
        notices.append(Notice("a.tsv", 2, "cities", "noticed before the failure"))
        raise OSError("disk gone")
        yield  # a generator, as the readers are

    monkeypatch.setitem(pipeline.READERS, "broken", broken)
    rejects = tmp_path / "rejects.csv"
    with pytest.raises(OSError, match="disk gone"):
        pipeline.prepare("broken", tmp_path, rejects, tmp_path)
    assert not pipeline.notices_file(rejects).exists()
    assert not [p for p in tmp_path.rglob("*notices*")]
