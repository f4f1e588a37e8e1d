"""Read-only query execution for the ``cypher`` command and the UI console.

A query is first planned with EXPLAIN: anything but a read query (``r``) is refused before it runs,
and the query itself runs in a READ-access transaction with a timeout, so the server refuses writes
as a second line of defence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from neo4j import READ_ACCESS, Driver, Query
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core.errors import QueryError

QUERY_TYPES = {"w": "writes data", "rw": "reads and writes data", "s": "changes the schema"}


def query_type(driver: Driver, query: str, params: Mapping[str, Any], database: str | None) -> str:
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            summary = session.run(Query("EXPLAIN " + query), dict(params)).consume()
    except neo4j_errors.CypherSyntaxError as e:
        raise QueryError(f"Cypher syntax error: {e.message}") from e
    except neo4j_errors.ClientError as e:
        raise QueryError(f"Neo4j refused the query ({e.code}): {e.message}") from e
    return summary.query_type or "r"


def run_read_only(
    driver: Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    timeout: float = 60.0,
    limit: int | None = None,
) -> pd.DataFrame:
    """Run ``query`` if it only reads; refuse it with a clear message otherwise."""
    params = dict(params or {})
    kind = query_type(driver, query, params, database)
    if kind != "r":
        raise QueryError(
            f"this query {QUERY_TYPES.get(kind, kind)}; only read-only queries are allowed here "
            "(use Neo4j Browser or the analytics commands to change the graph)"
        )
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            result = session.run(Query(query, timeout=timeout), params)
            if limit is None:
                return result.to_df()
            rows = [record.data() for _, record in zip(range(limit), result, strict=False)]
            columns = result.keys()
            result.consume()
            return pd.DataFrame(rows, columns=columns)
    except neo4j_errors.ClientError as e:
        if "AccessMode" in (e.code or ""):
            raise QueryError("this query writes data; only read-only queries are allowed here") from e
        raise QueryError(f"Neo4j refused the query ({e.code}): {e.message}") from e
