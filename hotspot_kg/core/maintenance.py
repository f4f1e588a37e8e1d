"""Database maintenance: emptying the database."""

from __future__ import annotations

import contextlib

from neo4j import Driver
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core import queries


def reset_database(driver: Driver, database: str | None = None) -> int:
    """Delete every node and relationship and drop every in-memory GDS graph; the number of nodes deleted."""
    relationships, nodes = queries.load("reset_delete_relationships"), queries.load("reset_delete_nodes")
    with driver.session(database=database) as session:
        session.run(relationships.text, relationships.bind()).consume()
        counters = session.run(nodes.text, nodes.bind()).consume().counters
        with contextlib.suppress(neo4j_errors.ClientError):  # no GDS on this server: nothing to drop
            session.run(queries.load("gds_drop_all_graphs").text).consume()
    return counters.nodes_deleted
