"""Small helpers to read and write the graph for the indicators: batched UNWIND writes and
auto-commit statements (``CALL { ... } IN TRANSACTIONS`` needs them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from neo4j import Driver
from neo4j import exceptions as neo4j_errors

from graph.queries import load
from hotspot_kg.db import run
from hotspot_kg.errors import QueryError

BATCH = 10_000


def query(
    driver: Driver,
    name: str,
    params: Mapping[str, Any] | None = None,
    database: str | None = None,
    write: bool = False,
) -> pd.DataFrame:
    """Run the named query with ``params`` (checked against its declared ones)."""
    q = load(name)
    return run(driver, q.text, q.bind(params), database=database, write=write)


def autocommit(
    driver: Driver, name: str, params: Mapping[str, Any] | None = None, database: str | None = None
) -> list[dict[str, Any]]:
    """Run a named query in an auto-commit transaction (for ``IN TRANSACTIONS`` batches)."""
    q = load(name)
    try:
        with driver.session(database=database) as session:
            return [r.data() for r in session.run(q.text, q.bind(params))]
    except neo4j_errors.ClientError as e:
        raise QueryError(f"query {name!r} failed ({e.code}): {e.message}") from e


def plain(value: Any) -> Any:
    """numpy scalars to Python ones, so the driver can send them."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def write_rows(
    driver: Driver,
    name: str,
    rows: Sequence[Any],
    extra: Mapping[str, Any] | None = None,
    database: str | None = None,
    batch: int = BATCH,
) -> int:
    """Send ``rows`` to the named write query in batches; the sum of its ``written`` column."""
    q = load(name)
    written = 0
    for start in range(0, len(rows), batch):
        params = q.bind({**(extra or {}), "rows": list(rows[start : start + batch])})
        df = run(driver, q.text, params, database=database, write=True)
        written += int(df["written"].sum()) if "written" in df else 0
    return written
