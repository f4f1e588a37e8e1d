// Link citing to cited patents: (Patent)-[:CITES {origin}]->(Patent); a cited patent not loaded (yet)
// becomes a stub Patent {id, in_db: false}.
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.citing_id})
MERGE (c:Patent {id: row.cited_id})
ON CREATE SET c.in_db = false
MERGE (p)-[r:CITES]->(c)
SET r.origin = row.origin
