"""The validated records: one pandas frame per dataset, read back as frames or in batches.

Validation puts every valid record here before anything touches the database, so that an input
that turns out to be malformed half-way changes nothing. The bulk loader writes its import files
from the frames; the online loader reads lists of records (missing values as ``None``). The frames
are held in memory (about 2 GB for a million patents with their links); the private temporary
folder holds the files of the steps that spool to disk.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

Record = dict[str, Any]


class Staging:
    """Datasets by name, each a frame."""

    def __init__(self, parent: Path | None = None) -> None:
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix="hotspot-staging-", dir=parent))
        self._frames: dict[str, pd.DataFrame] = {}

    def put(self, name: str, frame: pd.DataFrame) -> None:
        """Stage ``frame`` as dataset ``name`` (replacing what it held)."""
        self._frames[name] = frame.reset_index(drop=True)

    def extend(self, name: str, records: list[Record]) -> None:
        """Add ``records`` to dataset ``name``."""
        if not records:
            return
        added = pd.DataFrame.from_records(records).astype(object)
        if self.count(name):
            added = pd.concat([self.frame(name), added], ignore_index=True)
        self.put(name, added)

    def count(self, name: str) -> int:
        return len(self._frames[name]) if name in self._frames else 0

    def frame(self, name: str) -> pd.DataFrame:
        """Dataset ``name`` as a frame (empty when there is none)."""
        return self._frames.get(name, pd.DataFrame())

    def batches(self, name: str, size: int) -> Iterator[list[Record]]:
        """The records of ``name`` in lists of at most ``size``, missing values as ``None``."""
        frame = self.frame(name)
        for start in range(0, len(frame), size):
            yield records_of(frame.iloc[start : start + size])

    def records(self, name: str) -> Iterator[Record]:
        """Every record of ``name``, in the order staged."""
        for batch in self.batches(name, 10_000):
            yield from batch

    def remove(self) -> None:
        self._frames.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def records_of(frame: pd.DataFrame) -> list[Record]:
    """The rows of ``frame`` as dicts of Python values, missing values as ``None`` (query parameters)."""
    chunk = frame.astype(object)
    records: list[Record] = chunk.where(chunk.notna(), None).to_dict("records")  # type: ignore[assignment]
    return records
