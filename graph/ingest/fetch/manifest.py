"""``manifest.json``: what a fetch brought into a folder, file by file, so that a load can name its data.

Written beside the files after each one arrives (atomically: a partial file renamed), so an
interrupted fetch leaves a manifest of the files that are complete. One entry per file: name, URL,
bytes, sha256, when it was fetched (UTC, ISO 8601), the source's release date when the source gives
one, and the server's ``Last-Modified``. ``hotspot-kg load`` reads it to record the dataset's
provenance in the graph.

Example::

    {"manifest_version": 1, "source": "patentsview", "origin": "s3", "release": null,
     "files": [{"name": "g_patent.tsv.zip", "url": "https://.../g_patent.tsv.zip", "bytes": 219430153,
                "sha256": "9f2c...", "fetched_at": "2026-12-02T17:40:11+00:00", "release": null,
                "last_modified": "Tue, 30 Sep 2025 14:02:51 GMT", "table": "g_patent"}]}
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hotspot_kg.core.errors import InputError
from hotspot_kg.core.files import replaced

FILENAME = "manifest.json"
VERSION = 1


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Entry:
    name: str
    url: str
    bytes: int
    sha256: str
    fetched_at: str
    release: str | None = None
    last_modified: str | None = None
    table: str | None = None


@dataclass
class Manifest:
    """The manifest of one folder: the source, where it was fetched from, and an entry per file."""

    source: str
    origin: str | None = None
    release: str | None = None
    files: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The manifest of ``folder``, None when it has none; InputError when it is not one."""
        path = folder / FILENAME
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = {e["name"]: Entry(**e) for e in data.get("files", [])}
            return cls(data["source"], data.get("origin"), data.get("release"), files)
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(
                f"{path}: not a hotspot-kg manifest ({e}); remove it and fetch again, or move it away"
            ) from None

    def add(self, entry: Entry) -> None:
        self.files[entry.name] = entry

    def fresh(self, name: str, url: str, folder: Path) -> Entry | None:
        """The entry of ``name`` when the file on disk is the one fetched from ``url`` (same size)."""
        entry = self.files.get(name)
        path = folder / name
        if entry is None or entry.url != url or not path.is_file() or path.stat().st_size != entry.bytes:
            return None
        return entry

    def verify(self, folder: Path) -> list[str]:
        """Files whose bytes or sha256 no longer match their entry (reads every file)."""
        changed = []
        for name, entry in self.files.items():
            path = folder / name
            if not path.is_file() or path.stat().st_size != entry.bytes or sha256_of(path) != entry.sha256:
                changed.append(name)
        return changed

    def to_json(self) -> dict[str, Any]:
        return {"manifest_version": VERSION, "source": self.source, "origin": self.origin,
                "release": self.release,
                "files": [asdict(e) for e in sorted(self.files.values(), key=lambda e: e.name)]}  # fmt: skip

    def write(self, folder: Path) -> Path:
        """Write ``folder/manifest.json`` atomically; the path written."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FILENAME
        with replaced(path) as partial:
            partial.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        return path
