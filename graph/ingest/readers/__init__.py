"""Readers of real patent sources, each yielding canonical ``Row``/``Reject`` records (see ``common``)."""

from __future__ import annotations

from graph.ingest.readers import patentsview, patstat, uspto_xml
from graph.ingest.readers.common import Notice, Reader, Record

READERS: dict[str, Reader] = {
    "uspto-xml": uspto_xml.read,
    "patentsview": patentsview.read,
    "patstat": patstat.read,
}

__all__ = ["READERS", "Notice", "Reader", "Record"]
