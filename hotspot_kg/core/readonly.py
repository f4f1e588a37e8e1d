"""Read-only query execution for the ``cypher`` command and the UI console.

A query is first planned with EXPLAIN: anything but a read query (``r``) is refused before it runs, and
so is a call of a GDS procedure or function that is not on the allow-list of :mod:`hotspot_kg.core.gds_calls`
(GDS plans its catalog calls, ``gds.graph.project``, ``*.mutate``, ``gds.graph.drop``, as reads, yet they
build and drop in-memory graphs on the server's heap). The query itself runs in a READ-access transaction
with a timeout, so the server refuses writes as a second line of defence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from neo4j import READ_ACCESS, Driver, Query, ResultSummary
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core import gds_calls
from hotspot_kg.core.errors import QueryError

QUERY_TYPES = {
    "w": "writes data",
    "rw": "reads and writes data",
    "s": "changes the schema",
    "gds": "builds, changes or drops GDS in-memory graphs",
}


def _explain(driver: Driver, query: str, params: Mapping[str, Any], database: str | None) -> ResultSummary:
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            return session.run(Query("EXPLAIN " + query), dict(params)).consume()
    except neo4j_errors.CypherSyntaxError as e:
        raise QueryError(f"Cypher syntax error: {e.message}") from e
    except neo4j_errors.ClientError as e:
        raise QueryError(f"Neo4j refused the query ({e.code}): {e.message}") from e


def _plan_texts(plan: Mapping[str, Any] | None) -> list[str]:
    """The operators' details of an EXPLAIN plan (procedure and function calls as the planner names them)."""
    if not plan:
        return []
    texts = [str(plan.get("args", {}).get("Details", ""))]
    for child in plan.get("children", []):
        texts += _plan_texts(child)
    return texts


def refused_gds_calls(query: str, summary: ResultSummary | None = None) -> list[str]:
    """The GDS calls of ``query`` (its text and, when given, its plan) that a read-only path refuses."""
    names = gds_calls.gds_names(query)
    if summary is not None:
        names += [n for text in _plan_texts(summary.plan) for n in gds_calls.gds_names(text)]
    return gds_calls.refused(names)


def _gds_refusal(refused: list[str]) -> QueryError:
    return QueryError(
        f"this query calls {', '.join(refused)}, which builds, changes or drops GDS in-memory graphs on the "
        "server's heap; only read-only queries are allowed here, and of GDS the calls that read (the stream, "
        "stats and estimate modes, gds.graph.list, gds.version, ...); `hotspot-kg analyze` projects the "
        "graphs it needs, and Neo4j Browser runs anything"
    )


def query_type(driver: Driver, query: str, params: Mapping[str, Any], database: str | None) -> str:
    """What the server plans ``query`` as (``r``: a read), or ``gds`` for a GDS call off the allow-list."""
    summary = _explain(driver, query, params, database)
    kind = summary.query_type or "r"
    return "gds" if kind == "r" and refused_gds_calls(query, summary) else kind


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
    refused = refused_gds_calls(query)
    if refused:  # refused on its text, before the server sees it
        raise _gds_refusal(refused)
    summary = _explain(driver, query, params, database)
    kind = summary.query_type or "r"
    if kind != "r":
        raise QueryError(
            f"this query {QUERY_TYPES.get(kind, kind)}; only read-only queries are allowed here "
            "(use Neo4j Browser or the analytics commands to change the graph)"
        )
    refused = refused_gds_calls(query, summary)
    if refused:
        raise _gds_refusal(refused)
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
