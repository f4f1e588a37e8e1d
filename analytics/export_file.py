"""``hotspot-kg export``: one export table as CSV with its ``.meta.json`` (``shared/spec/exports.md``).

The table is read from the stored result tables when ``analyze`` stored it for these switches and the
data is unchanged, else computed (:mod:`analytics.store_tables`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from neo4j import Driver

from analytics import exports, store_tables
from hotspot_kg.core import __version__


def table_and_meta(
    driver: Driver, name: str, given: Mapping[str, Any], database: str | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Export ``name``'s table with the fixed columns, and the settings and report of its ``.meta.json``."""
    e = exports.lookup(name)
    switches = exports.switches_for(name, given)
    table, extra, found = store_tables.fetch(driver, name, switches, database)
    table = table.reindex(columns=list(e.columns))
    if found is not None:
        extra = {**extra, "stored_table": found.computed_at}
    counts = extra.pop("database", None) or exports.database_counts(
        driver, database
    )  # stored: same data, same counts
    meta = {
        "indicator": name,
        "columns": list(e.columns),
        "rows": len(table),
        "settings": exports.resolved_settings(name, switches),
        **extra,
        "version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": counts,
    }
    return table, meta


def export(
    driver: Driver, name: str, given: Mapping[str, Any], out: Path, database: str | None = None
) -> tuple[int, Path]:
    """Compute export ``name``, write ``out`` (CSV) and ``out.meta.json``; the row count and meta path."""
    table, meta = table_and_meta(driver, name, given, database)
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False)
    meta_path = out.with_suffix(".meta.json") if out.suffix == ".csv" else Path(f"{out}.meta.json")
    meta_path.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
    return len(table), meta_path
