// Link patents to the most detailed IPC code given: (Patent)-[:CLASSIFIED_AS {seq, main}]->(IPC).
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
MATCH (i:IPC {code: row.code})
MERGE (p)-[r:CLASSIFIED_AS]->(i)
SET r.seq = row.seq, r.main = row.main
