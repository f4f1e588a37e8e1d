// Remove earlier novelty results: the Patent properties, INTRODUCED and FIRST_COMBINED links.
// Runs in batches of 10,000 (auto-commit transaction, as Neo4j Browser runs it).
MATCH (p:Patent) WHERE p.novelty_type IS NOT NULL
CALL (p) {
  OPTIONAL MATCH (p)-[r:INTRODUCED]->()
  DELETE r
  REMOVE p.novel, p.novelty_type, p.new_classes, p.new_pairs, p.novelty_settings
} IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS cleared
MATCH ()-[f:FIRST_COMBINED]->()
CALL (f) { DELETE f } IN TRANSACTIONS OF 10000 ROWS
RETURN cleared, count(*) AS first_combined_deleted
