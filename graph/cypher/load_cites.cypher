// Link citing to cited patents: one (Patent)-[:CITES {origins}]->(Patent) per pair, with every origin
// of the pair ('applicant;examiner' joined by ';', as validation stages it, becomes a list); a re-load
// replaces the origins (and drops the single `origin` of graphs loaded before origins were merged). A
// cited patent not loaded (yet) becomes a stub Patent {id, in_db: false}.
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.citing_id})
MERGE (c:Patent {id: row.cited_id})
ON CREATE SET c.in_db = false
MERGE (p)-[r:CITES]->(c)
SET r.origins = split(row.origins, ';')
REMOVE r.origin
