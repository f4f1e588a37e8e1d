// Remove the INTRODUCED and FIRST_COMBINED links of an earlier novelty run (before they are
// written again). Runs in batches of 10,000 (auto-commit transaction, as Neo4j Browser runs it).
MATCH ()-[r:INTRODUCED]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS introduced_deleted
MATCH ()-[f:FIRST_COMBINED]->()
CALL (f) { DELETE f } IN TRANSACTIONS OF 10000 ROWS
RETURN introduced_deleted, count(*) AS first_combined_deleted
