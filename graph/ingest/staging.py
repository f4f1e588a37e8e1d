"""A spool of validated records on disk, one file per dataset, read back in batches.

Validation writes every valid record here before anything touches the database, so that an input
that turns out to be malformed half-way changes nothing, and the loaders read a stream of batches
whatever the size of the input.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK = 5_000
Record = dict[str, Any]


class Staging:
    """Records by dataset name, pickled in chunks under a private temporary folder."""

    def __init__(self, parent: Path | None = None) -> None:
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix="hotspot-staging-", dir=parent))
        self._buffers: dict[str, list[Record]] = {}
        self._counts: dict[str, int] = {}

    def _path(self, name: str) -> Path:
        return self.root / f"{name}.pkl"

    def add(self, name: str, record: Record) -> None:
        buffer = self._buffers.setdefault(name, [])
        buffer.append(record)
        self._counts[name] = self._counts.get(name, 0) + 1
        if len(buffer) >= CHUNK:
            self._flush(name)

    def extend(self, name: str, records: list[Record]) -> None:
        for record in records:
            self.add(name, record)

    def _flush(self, name: str) -> None:
        buffer = self._buffers.get(name)
        if buffer:
            with open(self._path(name), "ab") as f:
                pickle.dump(buffer, f, protocol=pickle.HIGHEST_PROTOCOL)
            self._buffers[name] = []

    def close(self) -> None:
        for name in list(self._buffers):
            self._flush(name)

    def count(self, name: str) -> int:
        return self._counts.get(name, 0)

    def records(self, name: str) -> Iterator[Record]:
        """Every record of ``name``, in the order added (after :meth:`close`)."""
        path = self._path(name)
        if not path.exists():
            return
        with open(path, "rb") as f:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk

    def batches(self, name: str, size: int) -> Iterator[list[Record]]:
        """The records of ``name`` in lists of at most ``size``."""
        batch: list[Record] = []
        for record in self.records(name):
            batch.append(record)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
