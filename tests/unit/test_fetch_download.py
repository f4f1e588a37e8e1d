"""The download layer against a loopback HTTP server started in the test: resume, retries, checks."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from graph.ingest.fetch.download import CHUNK, download, part_of, transfer_progress, zip_check
from graph.ingest.fetch.folder import fetch_to_folder
from graph.ingest.fetch.http import Backoff, client, get_json
from graph.ingest.fetch.manifest import Entry, Manifest
from hotspot_kg.core.errors import FetchError, InputError


def _zip(name: str = "g_patent.tsv", size: int = 300_000, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    text = "".join(f'{rng.randrange(10**12)}\t"title {rng.random()}"\n' for i in range(size // 20))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, "patent_id\tpatent_title\n" + text)
    return buffer.getvalue()


class Waits:
    """A Backoff sleep that records instead of sleeping."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def _backoff(waits: Waits, attempts: int = 4) -> Backoff:
    return Backoff(attempts=attempts, base=0.5, jitter=0, sleep=waits)


def test_a_whole_download_is_renamed_with_its_size_and_sha256(loopback: Any, tmp_path: Path) -> None:
    body = _zip()
    loopback.files["/g_patent.tsv.zip"] = body
    loopback.headers["/g_patent.tsv.zip"] = {"Last-Modified": "Tue, 30 Sep 2025 14:02:51 GMT"}
    out = io.StringIO()
    dest = tmp_path / "g_patent.tsv.zip"
    with transfer_progress(Console(file=out, width=120, force_terminal=False)) as progress:
        got = download(client(), loopback.url("/g_patent.tsv.zip"), dest, check=zip_check, progress=progress)
    assert dest.read_bytes() == body
    assert not part_of(dest).exists()
    assert (got.bytes, got.sha256) == (len(body), hashlib.sha256(body).hexdigest())
    assert got.last_modified == "Tue, 30 Sep 2025 14:02:51 GMT"
    assert got.resumed_from == 0
    assert "g_patent.tsv.zip" in out.getvalue()


def test_an_interrupted_download_resumes_with_range(loopback: Any, tmp_path: Path) -> None:
    body = _zip()
    loopback.files["/t.zip"] = body
    loopback.fault("/t.zip", "cut", 100_000)
    waits = Waits()
    dest = tmp_path / "t.zip"
    got = download(client(), loopback.url("/t.zip"), dest, check=zip_check, backoff=_backoff(waits))
    assert dest.read_bytes() == body
    # what arrived in whole reads before the cut is kept: the second request asks for the rest
    assert [r for _, r in loopback.requests] == [None, f"bytes={CHUNK}-"]
    assert waits.seconds == [0.5]
    assert got.sha256 == hashlib.sha256(body).hexdigest()


def test_a_part_left_by_an_earlier_run_is_resumed(loopback: Any, tmp_path: Path) -> None:
    body = _zip()
    loopback.files["/t.zip"] = body
    dest = tmp_path / "t.zip"
    part_of(dest).write_bytes(body[:123_456])
    got = download(client(), loopback.url("/t.zip"), dest, check=zip_check)
    assert dest.read_bytes() == body
    assert loopback.requests == [("/t.zip", "bytes=123456-")]
    assert got.resumed_from == 123_456


def test_a_complete_part_is_finished_on_416(loopback: Any, tmp_path: Path) -> None:
    body = _zip()
    loopback.files["/t.zip"] = body
    dest = tmp_path / "t.zip"
    part_of(dest).write_bytes(body)
    download(client(), loopback.url("/t.zip"), dest, check=zip_check)
    assert dest.read_bytes() == body


def test_a_server_that_ignores_range_gets_the_file_written_afresh(loopback: Any, tmp_path: Path) -> None:
    body = _zip()
    loopback.files["/t.zip"] = body
    loopback.fault("/t.zip", "no-range")
    dest = tmp_path / "t.zip"
    part_of(dest).write_bytes(b"stale bytes of another version")
    download(client(), loopback.url("/t.zip"), dest, check=zip_check)
    assert dest.read_bytes() == body


def test_429_waits_as_long_as_retry_after_says(loopback: Any, tmp_path: Path) -> None:
    loopback.files["/t.zip"] = body = _zip()
    loopback.fault("/t.zip", "status", 429, {"Retry-After": "7"})
    loopback.fault("/t.zip", "status", 503, {})
    waits = Waits()
    download(client(), loopback.url("/t.zip"), tmp_path / "t.zip", backoff=_backoff(waits))
    assert waits.seconds == [7.0, 1.0]  # the server's 7 s, then backoff 0.5 * 2 for the second failure
    assert (tmp_path / "t.zip").read_bytes() == body


def test_retry_after_is_capped(loopback: Any) -> None:
    loopback.files["/page"] = b'{"ok": true}'
    loopback.fault("/page", "status", 429, {"Retry-After": "86400"})
    waits = Waits()
    backoff = Backoff(attempts=2, max_wait=30, sleep=waits)
    assert get_json(client(), loopback.url("/page"), backoff=backoff) == {"ok": True}
    assert waits.seconds == [30]


def test_a_server_that_keeps_failing_is_one_clear_error(loopback: Any, tmp_path: Path) -> None:
    loopback.files["/t.zip"] = _zip()
    for _ in range(3):
        loopback.fault("/t.zip", "status", 503, {})
    with pytest.raises(FetchError, match=r"/t.zip: HTTP 503 Service Unavailable after 3 tries"):
        download(client(), loopback.url("/t.zip"), tmp_path / "t.zip", backoff=_backoff(Waits(), 3))
    assert not (tmp_path / "t.zip").exists()


def test_a_missing_file_says_not_found(loopback: Any, tmp_path: Path) -> None:
    with pytest.raises(
        FetchError, match=r"/gone.zip: HTTP 404 Not Found; not found: the file may have moved"
    ):
        download(client(), loopback.url("/gone.zip"), tmp_path / "gone.zip")


def test_a_truncated_zip_is_refused_and_removed(loopback: Any, tmp_path: Path) -> None:
    loopback.files["/t.zip"] = _zip()[:-2_000]  # the server sends it whole: the archive itself is short
    dest = tmp_path / "t.zip"
    with pytest.raises(FetchError, match=r"t.zip: not a whole zip archive"):
        download(client(), loopback.url("/t.zip"), dest, check=zip_check)
    assert not dest.exists() and not part_of(dest).exists()


def test_a_corrupt_zip_is_refused(loopback: Any, tmp_path: Path) -> None:
    body = bytearray(_zip())
    body[len(body) // 2] ^= 0xFF  # one flipped byte inside the deflated member
    loopback.files["/t.zip"] = bytes(body)
    with pytest.raises(FetchError, match=r"t.zip: (member g_patent.tsv fails its CRC check|not a whole zip)"):
        download(client(), loopback.url("/t.zip"), tmp_path / "t.zip", check=zip_check)
    assert not (tmp_path / "t.zip").exists()


def test_a_size_other_than_the_source_lists_is_refused(loopback: Any, tmp_path: Path) -> None:
    loopback.files["/t.zip"] = body = _zip()
    with pytest.raises(FetchError, match=rf"received {len(body):,} bytes where the source lists 10"):
        download(client(), loopback.url("/t.zip"), tmp_path / "t.zip", expected_bytes=10)


def test_get_json_retries_and_decodes(loopback: Any) -> None:
    loopback.files["/api"] = b'{"results": [1, 2]}'
    loopback.fault("/api", "status", 502, {})
    waits = Waits()
    assert get_json(client(), loopback.url("/api"), params={"page": 2}, backoff=_backoff(waits)) == {
        "results": [1, 2]
    }
    assert loopback.requests[-1][0] == "/api?page=2"
    assert waits.seconds == [0.5]


def test_get_json_refuses_what_is_not_json(loopback: Any) -> None:
    loopback.files["/api"] = b"<html>maintenance</html>"
    with pytest.raises(FetchError, match="the answer is not JSON"):
        get_json(client(), loopback.url("/api"))


def test_no_answer_is_one_clear_error(tmp_path: Path) -> None:
    waits = Waits()
    with pytest.raises(FetchError, match=r"no answer after 2 tries"):
        get_json(client(), "http://127.0.0.1:9/nothing", backoff=_backoff(waits, 2))
    assert waits.seconds == [0.5]


def test_manifest_round_trip_and_freshness(tmp_path: Path) -> None:
    (tmp_path / "a.zip").write_bytes(b"12345")
    manifest = Manifest("patentsview", origin="s3", release="2025-09-30")
    manifest.add(
        Entry("a.zip", "http://x/a.zip", 5, hashlib.sha256(b"12345").hexdigest(), "2026-12-02T17:00:00+00:00")
    )
    manifest.write(tmp_path)
    again = Manifest.read(tmp_path)
    assert again == manifest
    assert again is not None and again.fresh("a.zip", "http://x/a.zip", tmp_path) is not None
    assert again.fresh("a.zip", "http://y/a.zip", tmp_path) is None
    assert again.verify(tmp_path) == []
    (tmp_path / "a.zip").write_bytes(b"12346")
    assert again.verify(tmp_path) == ["a.zip"]
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(InputError, match="not a hotspot-kg manifest"):
        Manifest.read(tmp_path)


def test_fetch_to_folder_records_and_skips_what_is_there(loopback: Any, tmp_path: Path) -> None:
    loopback.files["/a.zip"] = body = _zip()
    manifest = Manifest("test")
    url = loopback.url("/a.zip")
    first = fetch_to_folder(client(), url, tmp_path, "a.zip", manifest, check=zip_check, release="2025-09-30")
    assert not first.skipped and first.entry.sha256 == hashlib.sha256(body).hexdigest()
    on_disk = Manifest.read(tmp_path)
    assert on_disk is not None and on_disk.files["a.zip"].release == "2025-09-30"
    again = fetch_to_folder(client(), url, tmp_path, "a.zip", on_disk, check=zip_check)
    assert again.skipped and len(loopback.requests) == 1
    forced = fetch_to_folder(client(), url, tmp_path, "a.zip", on_disk, check=zip_check, force=True)
    assert not forced.skipped and len(loopback.requests) == 2
