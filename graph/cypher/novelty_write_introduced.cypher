// Link each scored patent to the IPC codes it used first: (Patent)-[:INTRODUCED]->(IPC).
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
MATCH (i:IPC {code: row.code})
CREATE (p)-[r:INTRODUCED]->(i)
RETURN count(r) AS written
