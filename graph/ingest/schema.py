"""Constraints and indexes, ensured before any load (``graph/cypher/schema.cypher``)."""

from __future__ import annotations

from neo4j import Driver

from graph import queries
from hotspot_kg import db


def statements() -> list[str]:
    """The schema statements, in file order."""
    return queries.load("schema").statements()


def ensure(driver: Driver, database: str | None = None) -> int:
    """Create every constraint and index that is missing, wait until they are online; return how many ran."""
    todo = statements()
    for statement in todo:
        db.run(driver, statement, database=database, write=True)
    db.run(driver, "CALL db.awaitIndexes(300)", database=database)
    return len(todo)
