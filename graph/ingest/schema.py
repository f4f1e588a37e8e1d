"""Constraints and indexes, ensured before any load (``graph/cypher/schema.cypher``).

On an empty database they are made in an instant; after a bulk import each one populates over the
imported nodes. A uniqueness constraint is created synchronously (its statement returns when its
index is populated and the keys checked), so the constraints run at once, each in its own session,
instead of one after the other; the plain indexes are created in one transaction, so Neo4j populates
them together, and ``db.awaitIndexes`` waits for them.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from neo4j import Driver
from neo4j import exceptions as neo4j_errors

from graph import queries
from hotspot_kg import db
from hotspot_kg.errors import QueryError


def statements() -> list[str]:
    """The schema statements, in file order."""
    return queries.load("schema").statements()


def is_constraint(statement: str) -> bool:
    return statement.lstrip().upper().startswith("CREATE CONSTRAINT")


def _constraint(driver: Driver, statement: str, database: str | None) -> None:
    try:
        db.run(driver, statement, database=database, write=True)
    except neo4j_errors.DatabaseError as e:
        if e.code != "Neo.DatabaseError.Schema.ConstraintCreationFailed":
            raise
        raise QueryError(
            f"the graph breaks a uniqueness constraint, so it cannot be created: {' '.join((e.message or '').split())} "
            "Remove the duplicate nodes (or empty the database and load again)"
        ) from e


def _in_one_transaction(driver: Driver, todo: list[str], database: str | None) -> None:
    try:
        with driver.session(database=database) as session:
            session.execute_write(lambda tx: [tx.run(statement).consume() for statement in todo])
    except neo4j_errors.ClientError as e:
        raise QueryError(f"Neo4j refused the schema ({e.code}): {e.message}") from e


def ensure(driver: Driver, database: str | None = None) -> int:
    """Create every constraint and index that is missing, wait until they are online; return how many ran."""
    todo = statements()
    constraints = [statement for statement in todo if is_constraint(statement)]
    indexes = [statement for statement in todo if not is_constraint(statement)]
    with ThreadPoolExecutor(max_workers=max(1, len(constraints))) as pool:
        # list() re-raises the first failure
        list(pool.map(lambda statement: _constraint(driver, statement, database), constraints))
    if indexes:
        _in_one_transaction(driver, indexes, database)
    db.run(driver, "CALL db.awaitIndexes(300)", database=database)
    return len(todo)
