"""A query that needs more memory than the server lets its transactions take fails with a
:class:`ServerOutOfMemory` that says how to give the server more (what the in-graph pulls meet at 9M patents
with the default heap), and the server serves the next query."""

from __future__ import annotations

import pytest
from neo4j import Driver, GraphDatabase

from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.core.errors import ServerOutOfMemory

# 60M integers in one list: several GB of heap, over the transaction memory of the test server (1g heap)
# and of the project's own server (4g heap)
TOO_LARGE = "UNWIND range(1, 60000000) AS x RETURN size(collect(x)) AS n"


def test_a_query_over_the_servers_transaction_memory_says_how_to_give_it_more(
    neo4j_settings: settings_module.Settings, driver: Driver, database: str
) -> None:
    # a driver that does not retry (the server's out-of-memory errors are transient ones, retried for 30 s)
    auth = (neo4j_settings.user, neo4j_settings.password)
    told = r"out of memory for one transaction.*HOTSPOT_NEO4J_HEAP"
    with (
        GraphDatabase.driver(neo4j_settings.uri, auth=auth, max_transaction_retry_time=0) as once,
        pytest.raises(ServerOutOfMemory, match=told),
    ):
        db.run(once, TOO_LARGE, database=database)
    assert db.run(driver, "RETURN 1 AS one", database=database)["one"].tolist() == [1]
