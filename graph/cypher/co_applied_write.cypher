// Write the co-application network over the whole database:
// (Applicant)-[:CO_APPLIED {weight, first_year, last_year}]->(Applicant), from the lower id to the
// higher; weight = the number of patents filed together. Earlier links are replaced.
// Runs in batches (auto-commit transaction, as Neo4j Browser runs it).
MATCH ()-[old:CO_APPLIED]->()
CALL (old) { DELETE old } IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS deleted
MATCH (a:Applicant)<-[:FILED_BY]-(p:Patent)-[:FILED_BY]->(b:Applicant)
WHERE a.id < b.id AND p.year IS NOT NULL
WITH a, b, count(DISTINCT p) AS weight, min(p.year) AS first_year, max(p.year) AS last_year
CALL (a, b, weight, first_year, last_year) {
  CREATE (a)-[:CO_APPLIED {weight: weight, first_year: first_year, last_year: last_year}]->(b)
} IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS written
