"""The driver and a thin query runner whose results are DataFrames.

Functions here take an open :class:`neo4j.Driver`; only :func:`connect` builds one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pandas as pd
from neo4j import Driver, GraphDatabase, Query, RoutingControl
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core.errors import ConnectionFailed, QueryError, ServerOutOfMemory
from hotspot_kg.core.settings import Settings


def connect(settings: Settings, verify: bool = True) -> Driver:
    """Build a driver for ``settings`` and check that the server answers and accepts the credentials."""
    # The project's queries read properties a first run has not written yet (novelty, stored tables): the
    # server's "property key does not exist" warnings (classification UNRECOGNIZED) would only be noise.
    # The bulk pulls of analytics.links use id(), deprecated in Cypher 5 but without a replacement of its
    # cost; tests/integration/test_query_library.py checks that no query file uses any other deprecated
    # feature, so the DEPRECATION warnings are not asked for either.
    driver = GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        notifications_disabled_classifications=["UNRECOGNIZED", "DEPRECATION"],
    )
    if verify:
        try:
            driver.verify_connectivity()
        except neo4j_errors.AuthError as e:
            driver.close()
            raise ConnectionFailed(
                f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong password. "
                "Set NEO4J_PASSWORD to the server's password (the local server's: `hotspot-kg neo4j password`)"
            ) from e
        except (neo4j_errors.ServiceUnavailable, OSError) as e:
            driver.close()
            hint = (
                "check NEO4J_URI and that the server runs"
                if settings.external
                else "start it with `hotspot-kg neo4j start`"
            )
            raise ConnectionFailed(f"Neo4j at {settings.uri} does not answer: {hint}") from e
    return driver


def run(
    driver: Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    write: bool = False,
    timeout: float | None = None,
) -> pd.DataFrame:
    """Run one query in a managed transaction and return its records as a DataFrame."""
    routing = RoutingControl.WRITE if write else RoutingControl.READ
    try:
        with memory_explained():
            return driver.execute_query(
                Query(query, timeout=timeout),
                dict(params or {}),
                database_=database,
                routing_=routing,
                result_transformer_=lambda result: result.to_df(),
            )
    except neo4j_errors.CypherSyntaxError as e:
        raise QueryError(f"Cypher syntax error: {e.message}") from e
    except neo4j_errors.ClientError as e:
        raise QueryError(f"Neo4j refused the query ({e.code}): {e.message}") from e


# what a server says when a transaction needs more memory than all transactions may take together
# (dbms.memory.transaction.total.max), than one may take (db.memory.transaction.max), or than the heap holds
MEMORY_CODES = (
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.ClientError.General.TransactionOutOfMemoryError",
    "Neo.TransientError.General.OutOfMemoryError",
)


@contextmanager
def memory_explained() -> Iterator[None]:
    """Turn the server running out of memory for one transaction into a :class:`ServerOutOfMemory` that says
    how to give it more."""
    try:
        yield
    except neo4j_errors.Neo4jError as e:
        if e.code not in MEMORY_CODES:
            raise
        raise ServerOutOfMemory(
            f"Neo4j ran out of memory for one transaction ({e.message}). Give the server more heap: the "
            "project's server takes HOTSPOT_NEO4J_HEAP (default 4g; e.g. 8g, then `hotspot-kg neo4j stop` and "
            "`hotspot-kg neo4j start`); another server, server.memory.heap.max_size, "
            "dbms.memory.transaction.total.max and db.memory.transaction.max in its neo4j.conf"
        ) from e
