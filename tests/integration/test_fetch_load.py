"""A complete ``hotspot-kg fetch patentsview`` from a loopback server, then ``hotspot-kg load patentsview``:
the graph holds exactly what the fixture tables say, and a Dataset node with the fetch's provenance."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from hotspot_kg.core import settings

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patentsview"


def _rows(driver: Driver, query: str) -> set[tuple[object, ...]]:
    records, _, _ = driver.execute_query(query)
    return {tuple(tuple(v) if isinstance(v, list) else v for v in r.values()) for r in records}


def _serve(loopback: Any) -> str:
    for tsv in FIXTURES.glob("*.tsv"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(tsv.name, tsv.read_bytes())
        loopback.files[f"/download/{tsv.name}.zip"] = buffer.getvalue()
    return loopback.url("/download/")


def test_fetch_then_load_gives_the_fixture_graph(
    empty_db: Driver,
    neo4j_settings: settings.Settings,
    loopback: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hotspot_kg.cli import main

    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setattr(settings, "current", lambda: settings.load())
    base, out = _serve(loopback), tmp_path / "pv"
    assert main(["fetch", "patentsview", "--out", str(out), "--source", base]) == 0
    rejects = tmp_path / "rejects.csv"
    assert main(["load", "patentsview", str(out), "--rejects", str(rejects), "--max-reject-rate", "0.2"]) == 0
    db = empty_db
    assert _rows(
        db, "MATCH (p:Patent) RETURN p.id, p.year, toString(p.filing_date), p.kind, p.title, p.in_db"
    ) == {
        ("US7864699", 2010, "2010-07-21", "B2", "Method and device for information transfer", True),
        ("USD512345", 2004, "2004-03-01", "S1", "Chair", True),
        ("US10000001", 2016, "2016-02-29", "B2", 'Widget with "quoted" name\tand a tab', True),
        ("US6836899", None, None, None, None, False),
        ("US7000000", None, None, None, None, False),
        ("USRE38123", None, None, None, None, False),
    }  # 10000002 is withdrawn, 10000003 has no filing date (rejected)
    assert _rows(db, "MATCH (p)-[r:CITES]->(q) RETURN p.id, q.id, r.origins") == {
        ("US7864699", "US6836899", ("examiner",)), ("US7864699", "US7000000", ("applicant",)),
        ("US10000001", "US7864699", ("applicant",)), ("US10000001", "USRE38123", ("unknown",)),
    }  # fmt: skip
    assert _rows(db, "MATCH (p)-[r:FILED_BY]->(a) RETURN p.id, a.id, r.seq") == {
        ("US7864699", "pv:a-huawei", 1), ("US10000001", "pv:a-huawei", 1),
        ("US10000001", "pv:a-stanford", 2), ("USD512345", "pv:a-smith", 1),
    }  # fmt: skip
    assert _rows(db, "MATCH (p)-[r:INVENTED_BY]->(i) RETURN p.id, i.id, r.seq") == {
        ("US7864699", "pv:i-zhang", 1), ("US7864699", "pv:i-li", 2), ("USD512345", "pv:i-smith", 1),
        ("US10000001", "pv:i-doe", 1),
    }  # fmt: skip
    assert _rows(db, "MATCH (p)-[r:CLASSIFIED_AS]->(i) RETURN p.id, i.code, r.seq") == {
        ("US7864699", "H04W 4/00", 1), ("US7864699", "H04W 36/00", 2), ("US7864699", "H04J 3/22", 3),
        ("US10000001", "G06F 3/0484", 1),
    }  # fmt: skip
    assert _rows(db, "MATCH (x)-[:LOCATED_IN]->(c:City) RETURN x.id, c.id, c.name") == {
        ("pv:a-huawei", "gn:1795565", "Shenzhen"), ("pv:a-stanford", "gn:5392171", "San Jose"),
        ("pv:a-smith", "pv:loc-tiny", "Tinyville Crossing"), ("pv:i-zhang", "gn:1795565", "Shenzhen"),
        ("pv:i-li", "gn:1795565", "Shenzhen"), ("pv:i-smith", "pv:loc-tiny", "Tinyville Crossing"),
    }  # fmt: skip
    dataset = _rows(
        db, "MATCH (d:Dataset) RETURN d.source, d.origin, size(d.files), d.simulated, d.loaded_at IS NOT NULL"
    )
    assert dataset == {("patentsview", base, 7, False, True)}
    # the same fetch and load again: nothing downloaded, nothing new in the graph, still one Dataset
    asked = len(loopback.requests)
    assert main(["fetch", "patentsview", "--out", str(out), "--source", base]) == 0
    assert len(loopback.requests) == asked
    assert main(["load", "patentsview", str(out), "--rejects", str(rejects), "--max-reject-rate", "0.2"]) == 0
    assert _rows(db, "MATCH (n) RETURN count(n)") == {
        (6 + 3 + 4 + 3 + 2 + 1 + _others(db),)
    }  # patents, applicants, inventors, cities, countries, dataset


def _others(db: Driver) -> int:
    """Nodes besides patents, applicants, inventors, cities, countries and the dataset (IPC, fields, types)."""
    records, _, _ = db.execute_query(
        "MATCH (n) WHERE n:IPC OR n:TechField OR n:OwnershipType RETURN count(n) AS n"
    )
    return int(records[0]["n"])
