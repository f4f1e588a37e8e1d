"""The schema on a graph that already holds nodes (the state after a bulk import)."""

from __future__ import annotations

import pytest
from neo4j import Driver

from graph.ingest import schema
from hotspot_kg.core import db
from hotspot_kg.core.errors import QueryError
from hotspot_kg.core.maintenance import reset_database


def _drop_schema(driver: Driver, database: str) -> None:
    for name in db.run(driver, "SHOW CONSTRAINTS YIELD name RETURN name", database=database)["name"]:
        db.run(driver, f"DROP CONSTRAINT `{name}`", database=database, write=True)
    indexes = db.run(driver, "SHOW INDEXES YIELD name, type RETURN name, type", database=database)
    for name in indexes.loc[indexes["type"] != "LOOKUP", "name"]:
        db.run(driver, f"DROP INDEX `{name}`", database=database, write=True)


def _schema(driver: Driver, database: str) -> dict[str, str]:
    frame = db.run(
        driver,
        "SHOW INDEXES YIELD name, type, state WHERE type <> 'LOOKUP' RETURN name, state",
        database=database,
    )
    return dict(zip(frame["name"], frame["state"], strict=True))


def test_the_schema_is_made_online_over_existing_nodes_and_again_changes_nothing(
    empty_db: Driver, database: str
) -> None:
    driver = empty_db
    _drop_schema(driver, database)
    db.run(
        driver,
        "UNWIND range(1, 3000) AS i CREATE (:Patent {id: 'P' + i, year: 2000 + i % 20, in_db: true}) "
        "CREATE (:IPC {code: 'C' + i, level: 'group', section: 'H'})",
        write=True,
        database=database,
    )
    statements = schema.statements()
    assert schema.ensure(driver, database) == len(statements) == 28
    made = _schema(driver, database)
    assert len(made) == 28 and set(made.values()) == {"ONLINE"}
    assert {"patent_id", "ipc_code", "patent_year", "ipc_level"} <= set(made)
    assert sum(schema.is_constraint(s) for s in statements) == 14
    assert schema.ensure(driver, database) == 28
    assert _schema(driver, database) == made
    reset_database(driver, database=database)


def test_a_duplicate_key_fails_the_constraint_with_a_clear_error(empty_db: Driver, database: str) -> None:
    driver = empty_db
    _drop_schema(driver, database)
    db.run(driver, "CREATE (:Patent {id: 'P1'}), (:Patent {id: 'P1'})", write=True, database=database)
    with pytest.raises(QueryError, match=r"breaks a uniqueness constraint.*patent_id.*P1"):
        schema.ensure(driver, database)
    reset_database(driver, database=database)
    schema.ensure(driver, database)
    assert set(_schema(driver, database).values()) == {"ONLINE"}
