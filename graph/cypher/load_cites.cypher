// Link citing to cited patents: (Patent)-[:CITES {origin}]->(Patent); the cited one may be a stub.
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.citing_id})
MATCH (c:Patent {id: row.cited_id})
MERGE (p)-[r:CITES]->(c)
SET r.origin = row.origin
