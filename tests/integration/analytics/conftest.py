"""A small graph builder for the indicator tests: nodes and links from Python lists via UNWIND.

The database is emptied first (main's ``empty_db`` fixture, which empties it again afterwards);
every node the builder creates also carries the extra label ``HotspotTest``. Follows the graph-model conventions of the BRIEF.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from neo4j import Driver

LEVEL_PROPS = ("section", "class", "subclass", "main_group", "group")


def ipc_props(code: str) -> dict[str, Any]:
    """level and ancestor codes of a canonical IPC code (H, H04, H04L, H04L 29/00, H04L 29/06)."""
    props: dict[str, Any] = dict.fromkeys(LEVEL_PROPS)
    props["section"] = code[0]
    if len(code) >= 3:
        props["class"] = code[:3]
    if len(code) >= 4:
        props["subclass"] = code[:4]
    level = ("section", "class", "class", "subclass")[min(len(code), 4) - 1]
    if " " in code:
        main = code.split("/")[0] + "/00"
        props["main_group"] = main
        level = "main_group"
        if code != main:
            props["group"] = code
            level = "group"
    props["level"] = level
    props["code"] = code
    return props


class GraphBuilder:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def run(self, query: str, rows: Sequence[Any]) -> None:
        self.driver.execute_query(query, {"rows": list(rows)})

    def cities(self, rows: Sequence[tuple[str, str]]) -> None:
        """(city_id, country) pairs; a Country node per code."""
        self.run(
            "UNWIND $rows AS r MERGE (k:Country:HotspotTest {code: r[1]}) "
            "CREATE (c:City:HotspotTest {id: r[0], name: r[0], country: r[1]})-[:IN_COUNTRY]->(k)",
            rows,
        )

    def ipc(self, rows: Sequence[tuple[str, int | None]]) -> None:
        """(code, field) pairs; TechField nodes for the fields; ancestors are not created."""
        data = [{**ipc_props(code), "field": field} for code, field in rows]
        self.run(
            "UNWIND $rows AS r CREATE (i:IPC:HotspotTest) SET i = r "
            "WITH i, r WHERE r.field IS NOT NULL "
            "MERGE (f:TechField:HotspotTest {id: r.field}) CREATE (i)-[:IN_FIELD]->(f)",
            data,
        )

    def applicants(self, rows: Sequence[tuple[str, str, str | None]]) -> None:
        """(applicant_id, type, city_id or None)."""
        self.run(
            "UNWIND $rows AS r CREATE (a:Applicant:HotspotTest {id: r[0], name: 'name ' + r[0], type: r[1]}) "
            "WITH a, r WHERE r[2] IS NOT NULL MATCH (c:City {id: r[2]}) CREATE (a)-[:LOCATED_IN]->(c)",
            rows,
        )

    def inventors(self, rows: Sequence[tuple[str, str | None]]) -> None:
        """(inventor_id, city_id or None)."""
        self.run(
            "UNWIND $rows AS r CREATE (v:Inventor:HotspotTest {id: r[0], name: r[0]}) "
            "WITH v, r WHERE r[1] IS NOT NULL MATCH (c:City {id: r[1]}) CREATE (v)-[:LOCATED_IN]->(c)",
            rows,
        )

    def patents(self, rows: Sequence[dict[str, Any]]) -> None:
        """dicts: id, year, ipc (codes), applicants, inventors (ids), priority_year (optional)."""
        data = [{"ipc": [], "applicants": [], "inventors": [], "priority_year": None, **row} for row in rows]
        self.run(
            "UNWIND $rows AS r CREATE (p:Patent:HotspotTest {id: r.id, year: r.year, in_db: true}) "
            "SET p.priority_year = r.priority_year "
            "WITH p, r CALL (p, r) { UNWIND range(0, size(r.ipc) - 1) AS k MATCH (i:IPC {code: r.ipc[k]}) "
            "  CREATE (p)-[:CLASSIFIED_AS {seq: k + 1, main: k = 0}]->(i) } "
            "WITH p, r CALL (p, r) { UNWIND range(0, size(r.applicants) - 1) AS k "
            "  MATCH (a:Applicant {id: r.applicants[k]}) CREATE (p)-[:FILED_BY {seq: k + 1}]->(a) } "
            "WITH p, r CALL (p, r) { UNWIND range(0, size(r.inventors) - 1) AS k "
            "  MATCH (v:Inventor {id: r.inventors[k]}) CREATE (p)-[:INVENTED_BY {seq: k + 1}]->(v) }",
            data,
        )

    def citations(self, rows: Sequence[tuple[str, str]]) -> None:
        """(citing, cited); a cited id not yet loaded becomes Patent {in_db: false}."""
        self.run(
            "UNWIND $rows AS r MATCH (a:Patent {id: r[0]}) "
            "MERGE (b:Patent {id: r[1]}) ON CREATE SET b:HotspotTest, b.in_db = false "
            "CREATE (a)-[:CITES {origins: ['applicant']}]->(b)",
            rows,
        )

    def ownership(self, rows: Sequence[tuple[str, str]]) -> None:
        """(applicant_id, ownership code)."""
        self.run(
            "UNWIND $rows AS r MATCH (a:Applicant {id: r[0]}) "
            "MERGE (o:OwnershipType:HotspotTest {code: r[1]}) "
            "CREATE (a)-[:HAS_OWNERSHIP {source: 'test'}]->(o)",
            rows,
        )

    def clear(self) -> None:
        self.driver.execute_query("MATCH (n:HotspotTest) DETACH DELETE n")


@pytest.fixture
def graph(empty_db: Driver) -> Iterator[GraphBuilder]:
    """A builder on an emptied database (indicators sum over the whole database)."""
    builder = GraphBuilder(empty_db)
    yield builder
    builder.clear()
