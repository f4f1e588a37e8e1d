"""Readers: each turns one source format into canonical :class:`graph.ingest.records.Row` objects.

``READERS`` maps the FORMAT of ``hotspot-kg load FORMAT PATH`` to a function ``read(path) -> Iterable[Row]``.
A row a reader cannot use carries its reason under ``ROW_ERROR`` (validation rejects it with file and
line); the source readers also take an optional ``notices`` list for what the user should know about
rows that were still read (see :mod:`graph.ingest.readers.common`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.ingest.readers import canonical, patentsview, patstat, uspto_xml
from graph.ingest.records import Row

Reader = Callable[..., Iterable[Row]]  # read(path) or read(path, notices)

READERS: dict[str, Reader] = {
    "canonical": canonical.read,
    "uspto-xml": uspto_xml.read,
    "patentsview": patentsview.read,
    "patstat": patstat.read,
}
