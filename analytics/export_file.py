"""``hotspot-kg export``: one export table as CSV with its ``.meta.json`` (``shared/spec/exports.md``).

The table is read from the stored result tables when ``analyze`` stored it for these switches and the
data is unchanged, else computed (:mod:`analytics.store_tables`). With ``engine = "spark"`` it is computed
by Spark from the lake at ``lake_root``, which must match the database (:mod:`analytics.spark`); the
``.meta.json`` records the engine either way.
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
from hotspot_kg.core.errors import IndicatorError

ENGINES = ("graph", "spark")


def table_and_meta(
    driver: Driver,
    name: str,
    given: Mapping[str, Any],
    database: str | None = None,
    *,
    engine: str = "graph",
    lake_root: Path | None = None,
    master: str | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Export ``name``'s table with the fixed columns, and the settings and report of its ``.meta.json``.
    ``engine = "spark"`` computes it from the lake at ``lake_root`` on Spark (``master``: the settings')."""
    e = exports.lookup(name)
    switches = exports.switches_for(name, given)
    if engine == "spark":
        if lake_root is None:
            raise IndicatorError("--engine spark reads a lake: give its folder (--lake DIR)")
        from analytics.spark import exports as spark_exports

        table, extra = spark_exports.compute_from(lake_root, name, switches, driver, database, master)
        extra = {"engine": "spark", "lake": str(lake_root), **extra}
    elif engine == "graph":
        table, extra, found = store_tables.fetch(driver, name, switches, database)
        extra = {"engine": "graph", **extra}
        if found is not None:
            extra = {**extra, "stored_table": found.computed_at}
    else:
        raise IndicatorError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}")
    table = table.reindex(columns=list(e.columns))
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
    driver: Driver,
    name: str,
    given: Mapping[str, Any],
    out: Path,
    database: str | None = None,
    *,
    engine: str = "graph",
    lake_root: Path | None = None,
    master: str | None = None,
) -> tuple[int, Path]:
    """Compute export ``name``, write ``out`` (CSV) and ``out.meta.json``; the row count and meta path."""
    table, meta = table_and_meta(
        driver, name, given, database, engine=engine, lake_root=lake_root, master=master
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False)
    meta_path = out.with_suffix(".meta.json") if out.suffix == ".csv" else Path(f"{out}.meta.json")
    meta_path.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
    return len(table), meta_path
