"""The lake: the staged tables as typed Parquet, its manifest, and the refusal of a lake that does not match."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from graph.ingest import lake, pipeline
from hotspot_kg.core.errors import LakeError
from hotspot_kg.core.settings import Settings, local_server

SMALL = Path(__file__).resolve().parents[1] / "data" / "canonical_small"


def _settings() -> Settings:
    return Settings("bolt://127.0.0.1:7687", "neo4j", "x", "neo4j", False, local_server())


def _written(tmp_path: Path) -> tuple[Path, pipeline.Outcome]:
    outcome = pipeline.prepare("canonical", SMALL, tmp_path / "rejects.csv", tmp_path)
    root = tmp_path / "lake"
    lake.write_staging(outcome.staging, root, source={"format": "canonical", "path": str(SMALL)})
    return root, outcome


def test_every_staged_table_is_written_with_its_types_and_values(tmp_path: Path) -> None:
    root, outcome = _written(tmp_path)
    manifest = lake.read_manifest(root)
    assert manifest.engine == "local" and manifest.stamp is None
    assert (
        manifest.rows["patents"] == 4
        and manifest.rows["citations"] == 4
        and manifest.rows["tech_fields"] == 35
    )
    for table, schema in lake.SCHEMA.items():
        read = pq.read_table(lake.table_path(root, table))
        assert read.schema.equals(schema), table
        assert read.num_rows == outcome.staging.count(table), table
    patents = pq.read_table(root / "patents").to_pandas().set_index("id")
    staged = outcome.staging.frame("patents").set_index("id")
    assert patents.loc["P1", "year"] == staged.loc["P1", "year"]
    assert patents.loc["P1", "filing_date"] == staged.loc["P1", "filing_date"]
    ipc = pq.read_table(root / "ipc").to_pandas()
    assert ipc["field"].dropna().map(float.is_integer).all()  # the concordance's fields, as integers
    assert not (tmp_path / "lake.partial").exists()


def test_a_lake_is_refused_until_stamped_and_when_the_database_changed(tmp_path: Path) -> None:
    root, _ = _written(tmp_path)
    with pytest.raises(LakeError, match="its load did not finish"):
        lake.require_matching(root, "patents=4")
    lake.stamp(root, "patents=4;last_year=2015", _settings())
    assert lake.require_matching(root, "patents=4;last_year=2015").database["name"] == "neo4j"
    with pytest.raises(LakeError, match=r"does not match the database.*another load or a reset.*--lake DIR"):
        lake.require_matching(root, "patents=5;last_year=2015")


def test_a_missing_or_damaged_lake_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(LakeError, match=r"no lake at .*rebuild it"):
        lake.read_manifest(tmp_path / "nowhere")
    root, _ = _written(tmp_path)
    (root / "lake.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(LakeError, match="is damaged"):
        lake.read_manifest(root)
    root, _ = _written(tmp_path)
    data = json.loads((root / "lake.json").read_text(encoding="utf-8"))
    (root / "lake.json").write_text(json.dumps({**data, "version": 99}), encoding="utf-8")
    with pytest.raises(LakeError, match="v99 lake"):
        lake.read_manifest(root)
    root, _ = _written(tmp_path)
    for part in (root / "citations").iterdir():
        part.unlink()
    (root / "citations").rmdir()
    with pytest.raises(LakeError, match="lacks the tables citations"):
        lake.read_manifest(root)


def test_a_rewrite_replaces_the_lake_whole(tmp_path: Path) -> None:
    root, _ = _written(tmp_path)
    (root / "stale.txt").write_text("old", encoding="utf-8")
    _written(tmp_path)
    assert not (root / "stale.txt").exists()
    assert lake.read_manifest(root).rows["patents"] == 4


def test_the_default_lake_is_tied_to_the_database() -> None:
    root = lake.default_root(_settings())
    assert root.parts[-3:] == ("data", "lake", "127.0.0.1-7687-neo4j")
