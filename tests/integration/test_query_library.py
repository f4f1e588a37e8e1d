"""Every query file of graph/cypher runs against the real server with its declared defaults.

On an emptied database with a tiny graph (two cities, three patents, IPC codes, a citation), each
file is loaded by name (so its header and parameters are checked), bound to its defaults and run
statement by statement in auto-commit transactions (as Neo4j Browser runs them, which the files
with ``CALL { ... } IN TRANSACTIONS`` need).
"""

from __future__ import annotations

import pytest
from neo4j import Driver, NotificationClassification

from hotspot_kg.core.queries import load, names

pytestmark = pytest.mark.integration

SEED = """
CREATE (cn:Country {code: 'CN'}), (us:Country {code: 'US'})
CREATE (sz:City {id: 'SZ', name: 'Shenzhen', country: 'CN'})-[:IN_COUNTRY]->(cn)
CREATE (ny:City {id: 'NY', name: 'New York', country: 'US'})-[:IN_COUNTRY]->(us)
CREATE (f:TechField {id: 3, name: 'Digital communication', sector: 'Electrical engineering'})
CREATE (i1:IPC {code: 'H04L', level: 'subclass', section: 'H', class: 'H04', subclass: 'H04L', field: 3})
CREATE (i2:IPC {code: 'G06F', level: 'subclass', section: 'G', class: 'G06', subclass: 'G06F'})
CREATE (i1)-[:IN_FIELD]->(f)
CREATE (a:Applicant:Firm {id: 'a', name: 'A Co', type: 'firm'})-[:LOCATED_IN]->(sz)
CREATE (b:Applicant:University {id: 'b', name: 'B Univ', type: 'university'})-[:LOCATED_IN]->(sz)
CREATE (v:Inventor {id: 'v', name: 'V'})-[:LOCATED_IN]->(ny)
CREATE (o:OwnershipType {code: 'POE'}), (a)-[:HAS_OWNERSHIP {source: 'test'}]->(o)
WITH *
UNWIND [['p1', 2000, ['H04L']], ['p2', 2008, ['H04L', 'G06F']], ['p3', 2012, ['G06F']]] AS row
CREATE (p:Patent {id: row[0], year: row[1], in_db: true})
CREATE (p)-[:FILED_BY {seq: 1}]->(a)
CREATE (p)-[:INVENTED_BY {seq: 1}]->(v)
WITH p, row
UNWIND row[2] AS code
MATCH (i:IPC {code: code})
CREATE (p)-[:CLASSIFIED_AS {seq: 1, main: true}]->(i)
WITH DISTINCT p WHERE p.id = 'p2'
MATCH (a:Applicant {id: 'b'}), (q:Patent {id: 'p1'})
CREATE (p)-[:FILED_BY {seq: 2}]->(a), (p)-[:CITES {origins: ['applicant']}]->(q)
"""


# Files that act on the server's users rather than on the graph: loaded and checked here, run by the
# server's own tests (tests/integration/test_server.py), never with made-up values.
NOT_RUN_HERE = {"admin_set_password": "changes the password of the current user (system database)"}


@pytest.mark.parametrize("name", [n for n in names() if n not in NOT_RUN_HERE])
def test_query_file_runs_with_its_defaults(empty_db: Driver, database: str, name: str) -> None:
    """... and uses no deprecated feature but id(), and that only in files whose header says so (the
    project's driver does not ask for deprecation warnings; this session does)."""
    empty_db.execute_query(SEED, database_=database)
    q = load(name)
    params = q.bind({})
    deprecated: list[str] = []
    with empty_db.session(database=database, notifications_disabled_classifications=[]) as session:
        for statement in q.statements():
            summary = session.run(
                statement, {k: v for k, v in params.items() if f"${k}" in statement}
            ).consume()
            deprecated += [
                g.status_description
                for g in summary.gql_status_objects
                if g.classification == NotificationClassification.DEPRECATION
            ]
    allowed = "id()" in q.doc
    assert all(allowed and "id is deprecated" in d for d in deprecated), deprecated


@pytest.mark.parametrize("name", sorted(NOT_RUN_HERE))
def test_admin_query_files_load(name: str) -> None:
    assert load(name).doc
