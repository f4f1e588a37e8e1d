"""Fetch files into a folder with its ``manifest.json``: a file already fetched whole is not fetched again.

A file counts as already fetched when the manifest lists it from the same URL with the size it has on
disk; ``force`` fetches it anyway. The manifest is rewritten after each file, so an interrupted run
keeps the record of every file that arrived.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import requests
from rich.progress import Progress

from graph.ingest.fetch.download import Check, download
from graph.ingest.fetch.http import Backoff
from graph.ingest.fetch.manifest import Entry, Manifest


@dataclass(frozen=True)
class Fetched:
    entry: Entry
    skipped: bool  # True: it was already there, nothing was downloaded


def fetch_to_folder(
    session: requests.Session,
    url: str,
    folder: Path,
    name: str,
    manifest: Manifest,
    *,
    check: Check | None = None,
    expected_bytes: int | None = None,
    release: str | None = None,
    table: str | None = None,
    headers: dict[str, str] | None = None,
    progress: Progress | None = None,
    backoff: Backoff | None = None,
    force: bool = False,
) -> Fetched:
    """Download ``url`` to ``folder/name`` unless the manifest shows it there already; record it."""
    known = None if force else manifest.fresh(name, url, folder)
    if known is not None and (expected_bytes is None or known.bytes == expected_bytes):
        return Fetched(known, skipped=True)
    got = download(
        session,
        url,
        folder / name,
        expected_bytes=expected_bytes,
        check=check,
        headers=headers,
        progress=progress,
        backoff=backoff,
    )
    entry = Entry(name, url, got.bytes, got.sha256, got.fetched_at, release, got.last_modified, table)
    manifest.add(entry)
    manifest.write(folder)
    return Fetched(entry, skipped=False)
