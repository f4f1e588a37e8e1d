"""The Dataset properties of a load: from a fetch's manifest, from a generated folder, from any other input."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.ingest import provenance
from graph.ingest.fetch.manifest import Entry, Manifest

ROOT = Path(__file__).resolve().parents[1]


def test_a_fetched_folder_is_named_by_its_manifest(tmp_path: Path) -> None:
    manifest = Manifest("patentsview", origin="odp", release="2025-09-30")
    for name, digest, when in (("g_patent.tsv.zip", "aa", "2026-12-02T17:00:00+00:00"),
                               ("g_application.tsv.zip", "bb", "2026-12-02T17:05:00+00:00")):  # fmt: skip
        manifest.add(
            Entry(name, f"https://x/{name}", 10, digest, when, "2025-09-30", "Tue, 30 Sep 2025", name[:-8])
        )
    manifest.write(tmp_path)
    d = provenance.describe("patentsview", tmp_path, rows=100, rejected=2)
    assert d["source"] == "patentsview" and d["origin"] == "odp" and d["release"] == "2025-09-30"
    assert d["fetched_at"] == "2026-12-02T17:05:00+00:00" and d["last_modified"] == "Tue, 30 Sep 2025"
    assert d["files"] == ["g_application.tsv.zip", "g_patent.tsv.zip"] and d["sha256"] == ["bb", "aa"]
    assert (d["bytes"], d["rows"], d["rejected"], d["simulated"]) == (20, 100, 2, False)
    assert d["id"].startswith("patentsview:2025-09-30:")
    assert provenance.describe("patentsview", tmp_path)["id"] == d["id"]  # the same data, the same node
    manifest.files["g_patent.tsv.zip"].sha256 = "cc"
    manifest.write(tmp_path)
    assert provenance.describe("patentsview", tmp_path)["id"] != d["id"]  # other bytes, another dataset


def test_a_generated_folder_is_a_simulation_and_others_are_their_path(tmp_path: Path) -> None:
    plain = provenance.describe("canonical", ROOT / "data" / "canonical_small")
    assert (plain["source"], plain["simulated"]) == ("canonical", False)
    assert plain["id"] == f"canonical:{(ROOT / 'data' / 'canonical_small').resolve()}"
    folder = tmp_path / "demo"
    shutil.copytree(ROOT / "data" / "canonical_small", folder)
    (folder / provenance.SIMULATION_MARK).write_text("SIMULATION - NOT REAL PATENT DATA\n")
    generated = provenance.describe("canonical", folder)
    assert (generated["source"], generated["simulated"]) == ("hotspot-kg generate", True)
