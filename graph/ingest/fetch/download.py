"""One file over HTTP: written under ``NAME.part``, resumed with ``Range`` after an interruption,
checked, then renamed to ``NAME``.

A run that breaks off (network down, Ctrl-C) leaves ``NAME.part``; the next run asks the server for
the rest (``Range: bytes=N-``) and appends it. A server that ignores ``Range`` sends the whole file
again, which is written afresh. What arrives is checked before the rename: its size against what
the server announced and what the source expects, then an optional ``check`` (for a zip,
:func:`zip_check` reads every member and its CRC). A file that fails a check is removed, so the next
run starts clean; :class:`FetchError` says which file and why.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import requests
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from urllib3.exceptions import HTTPError as Urllib3Error

from graph.ingest.fetch.http import Backoff, ensure_ok, request
from graph.ingest.fetch.manifest import sha256_of
from hotspot_kg.core.errors import FetchError

CHUNK = 1 << 16  # a read that breaks off loses at most this much; bigger chunks gain nothing
PART = ".part"
_BROKEN = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError, Urllib3Error)

Check = Callable[[Path], None]  # raises FetchError when the file is not what it should be


@dataclass(frozen=True)
class Downloaded:
    """A file that arrived whole: where, from where, its size and sha256, when, and the server's date."""

    path: Path
    url: str
    bytes: int
    sha256: str
    fetched_at: str
    last_modified: str | None = None
    resumed_from: int = 0


def transfer_progress(console: Console | None = None) -> Progress:
    """A rich progress display with one bar per file: name, bar, size done/total, speed, time left."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
    )


def part_of(dest: Path) -> Path:
    return dest.with_name(dest.name + PART)


def download(
    session: requests.Session,
    url: str,
    dest: Path,
    *,
    expected_bytes: int | None = None,
    check: Check | None = None,
    headers: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    backoff: Backoff | None = None,
) -> Downloaded:
    """Download ``url`` to ``dest`` (resuming ``dest.part``), check it and rename it into place."""
    backoff = backoff or Backoff()
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = part_of(dest)
    bar = _Bar(progress, dest.name)
    resumed_from = part.stat().st_size if part.exists() else 0
    failures = 0
    while True:
        try:
            total, last_modified = _transfer(session, url, part, headers, bar, backoff)
        except _BROKEN as e:
            failures = _count_failure(url, part, failures, backoff, e, bar)
            continue
        except _Progressed as p:
            failures = _count_failure(url, part, 0 if p.moved else failures, backoff, p.error, bar)
            continue
        break
    size = part.stat().st_size
    _check_size(url, part, size, total, expected_bytes)
    if check is not None:
        try:
            check(part)
        except FetchError:
            part.unlink(missing_ok=True)
            raise
    digest = sha256_of(part)
    os.replace(part, dest)
    bar.done()
    fetched_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return Downloaded(dest, url, size, digest, fetched_at, last_modified, resumed_from)


class _Progressed(Exception):
    """The body broke off; ``moved`` tells whether bytes arrived before it did."""

    def __init__(self, error: Exception, moved: bool) -> None:
        super().__init__(str(error))
        self.error, self.moved = error, moved


def _transfer(
    session: requests.Session,
    url: str,
    part: Path,
    headers: Mapping[str, str] | None,
    bar: _Bar,
    backoff: Backoff,
) -> tuple[int | None, str | None]:
    """One request for the rest of the file, appended to ``part``: (total bytes if known, Last-Modified)."""
    offset = part.stat().st_size if part.exists() else 0
    wanted = {**(headers or {}), **({"Range": f"bytes={offset}-"} if offset else {})}
    response = request(session, url, headers=wanted, stream=True, backoff=backoff, on_wait=bar.waiting)
    with response:
        if response.status_code == 416 and offset:  # nothing left to send: complete, or the file changed
            total = _range_total(response.headers.get("Content-Range"))
            if total == offset:
                bar.start(total, offset)
                return total, response.headers.get("Last-Modified")
            part.unlink()
            raise _Progressed(FetchError(f"{url}: the file changed on the server; starting again"), True)
        ensure_ok(response, url)
        if response.status_code == 206:
            start, total = _content_range(response.headers.get("Content-Range"))
            if start != offset:
                part.unlink()
                raise _Progressed(FetchError(f"{url}: the server resumed at the wrong byte"), True)
        else:
            offset, total = 0, _int(response.headers.get("Content-Length"))
        bar.start(total, offset)
        written = 0
        with part.open("ab" if offset else "wb") as f:
            try:
                for chunk in response.iter_content(CHUNK):
                    f.write(chunk)
                    written += len(chunk)
                    bar.advance(len(chunk))
            except _BROKEN as e:
                raise _Progressed(e, written > 0) from None
        if total is not None and offset + written < total:
            raise _Progressed(
                ConnectionError(f"closed after {offset + written} of {total} bytes"), written > 0
            )
        return total, response.headers.get("Last-Modified")


def _count_failure(url: str, part: Path, failures: int, backoff: Backoff, error: Exception, bar: _Bar) -> int:
    failures += 1
    if failures >= backoff.attempts:
        kept = part.stat().st_size if part.exists() else 0
        raise FetchError(
            f"{url}: the download kept breaking off ({error}); {kept:,} bytes are kept in {part} and "
            "the next run resumes from there"
        ) from None
    bar.waiting(f"interrupted ({error})", wait := backoff.delay(failures))
    backoff.sleep(wait)
    return failures


def _check_size(url: str, part: Path, size: int, total: int | None, expected: int | None) -> None:
    for what, want in (("the server announced", total), ("the source lists", expected)):
        if want is not None and size != want:
            part.unlink(missing_ok=True)
            raise FetchError(
                f"{url}: received {size:,} bytes where {what} {want:,}; the partial file was removed, "
                "run the command again"
            )


_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


def _content_range(header: str | None) -> tuple[int, int | None]:
    m = _CONTENT_RANGE.fullmatch((header or "").strip())
    if not m:
        raise FetchError(f"a partial answer (206) without a usable Content-Range ({header!r})")
    return int(m[1]), (None if m[3] == "*" else int(m[3]))


def _range_total(header: str | None) -> int | None:
    m = re.fullmatch(r"bytes\s+\*/(\d+)", (header or "").strip())
    return int(m[1]) if m else None


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def zip_check(path: Path) -> None:
    """FetchError unless ``path`` is a whole zip whose every member reads back with a correct CRC."""
    name = path.name.removesuffix(PART)
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as e:
        raise FetchError(
            f"{name}: not a whole zip archive ({e}); it was removed, run the command again"
        ) from None
    if bad is not None:
        raise FetchError(f"{name}: member {bad} fails its CRC check; it was removed, run the command again")


class _Bar:
    """The file's bar in a rich Progress (or nothing), and the line that says why a download waits."""

    def __init__(self, progress: Progress | None, name: str) -> None:
        self.progress, self.name = progress, name
        self.task: TaskID | None = None

    def start(self, total: int | None, completed: int) -> None:
        if self.progress is None:
            return
        if self.task is None:
            self.task = self.progress.add_task(self.name, total=total, completed=completed)
        else:
            self.progress.update(self.task, total=total, completed=completed)

    def advance(self, n: int) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, n)

    def waiting(self, reason: str, seconds: float) -> None:
        if self.progress is not None:
            self.progress.console.print(
                f"{self.name}: {reason}; trying again in {seconds:.0f} s", markup=False
            )

    def done(self) -> None:
        if self.progress is not None and self.task is not None:
            task = self.progress.tasks[self.task]
            self.progress.update(self.task, total=task.completed)
