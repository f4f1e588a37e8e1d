"""Readers: each turns one source format into canonical :class:`graph.ingest.records.Row` objects.

``READERS`` maps the FORMAT of ``hotspot-kg load FORMAT PATH`` to a function ``read(path) -> Iterable[Row]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from graph.ingest.readers import canonical
from graph.ingest.records import Row

Reader = Callable[[Path], Iterable[Row]]

READERS: dict[str, Reader] = {
    "canonical": canonical.read,
}
