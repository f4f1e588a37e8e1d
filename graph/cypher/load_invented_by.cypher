// Link patents to their inventors: (Patent)-[:INVENTED_BY {seq}]->(Inventor).
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
MATCH (i:Inventor {id: row.inventor_id})
MERGE (p)-[r:INVENTED_BY]->(i)
SET r.seq = row.seq
