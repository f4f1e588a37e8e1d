"""Where loaded data came from, kept in the graph as a ``(:Dataset)`` node (``graph/cypher/load_dataset``).

A folder fetched by ``hotspot-kg fetch`` has a ``manifest.json``: the dataset is its source (say
``patentsview``), where it was fetched from, the release date the source gave, when the files were
fetched, their names, total bytes and sha256. Any other input is described by its format and path;
a folder written by ``hotspot-kg generate`` (it holds ``SIMULATION.txt``) is marked ``simulated``.
The explorer reads these nodes instead of guessing from ids. The node's id is stable for the same
data (source, release and checksums, or format and path), so a re-load updates it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.ingest.fetch.manifest import Manifest
from hotspot_kg.core import queries

SIMULATION_MARK = "SIMULATION.txt"  # written by `hotspot-kg generate` beside its CSV files


def describe(fmt: str, path: Path, *, rows: int | None = None, rejected: int | None = None) -> dict[str, Any]:
    """The Dataset properties of an input (``fmt`` as in ``hotspot-kg load FORMAT PATH``)."""
    path = Path(path).resolve()
    folder = path if path.is_dir() else path.parent
    manifest = Manifest.read(folder)
    base: dict[str, Any] = {"format": fmt, "path": str(path), "rows": rows, "rejected": rejected}
    if manifest is None:
        simulated = (folder / SIMULATION_MARK).is_file()
        source = "hotspot-kg generate" if simulated else fmt
        return {"id": f"{fmt}:{path}", "source": source, "simulated": simulated, **base}
    entries = sorted(manifest.files.values(), key=lambda e: e.name)
    checksum = hashlib.sha256("".join(e.sha256 for e in entries).encode()).hexdigest()[:16]
    release = manifest.release
    fetched = max((e.fetched_at for e in entries), default=None)
    modified = [e.last_modified for e in entries if e.last_modified]
    return {
        "id": f"{manifest.source}:{release or 'unreleased'}:{checksum}",
        "source": manifest.source,
        "origin": manifest.origin,
        "release": release,
        "fetched_at": fetched,
        "last_modified": modified[0] if len(set(modified)) == 1 else None,
        "files": [e.name for e in entries],
        "sha256": [e.sha256 for e in entries],
        "bytes": sum(e.bytes for e in entries),
        "simulated": False,
        **base,
    }


def record(driver: Driver, dataset: dict[str, Any], database: str | None = None) -> None:
    """MERGE the Dataset node of ``dataset`` (see :func:`describe`) and set its properties."""
    values = {k: v for k, v in dataset.items() if v is not None}
    driver.execute_query(queries.load("load_dataset").text, dataset=values, database_=database)
