"""Small helpers to read and write the graph for the indicators: batched UNWIND writes and
auto-commit statements (``CALL { ... } IN TRANSACTIONS`` needs them).

A query whose header holds the line ``// :columns`` returns one row of parallel lists (``RETURN
collect(a) AS a, collect(b) AS b``), or with ``// :columns a, b`` one list of rows (``RETURN
collect([a, b]) AS rows``, which keeps nulls): the driver decodes a few long lists several times
faster than as many records, and :func:`query` turns them back into an ordinary table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from neo4j import Driver
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core.db import run
from hotspot_kg.core.errors import QueryError
from hotspot_kg.core.queries import load

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
    df = run(driver, q.text, q.bind(params), database=database, write=write)
    names = columnar(q.text)
    return df if names is None else unfold(df, names)


def columnar(text: str) -> list[str] | None:
    """The ``// :columns`` declaration of a query's header: [] for parallel lists, the column names
    for one list of rows (``// :columns a, b``), None when the query returns ordinary records."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            return None
        body = stripped[2:].strip()
        if body == ":columns" or body.startswith(":columns "):
            return [c.strip() for c in body[len(":columns") :].split(",") if c.strip()]
    return None


def unfold(df: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """A columnar result as a table: one row of parallel lists, or (``names`` given) one list of
    rows, each a list of values in ``names`` order (this form keeps nulls, which collect() drops)."""
    if names:
        rows: list[Any] = list(df.iat[0, 0] or []) if len(df) else []  # type: ignore[arg-type]
        return pd.DataFrame(rows, columns=names) if rows else pd.DataFrame({c: [] for c in names})
    if df.empty:
        return pd.DataFrame({c: [] for c in df.columns})
    row = df.iloc[0]
    return pd.DataFrame({c: pd.Series(list(row[c] or [])) for c in df.columns})


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
