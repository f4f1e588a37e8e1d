// Load the institutions of each work: (Work)-[:AUTHORED_AT {seq}]->(Institution), seq the position of
// the first authorship that names the institution.
// :param rows => []
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (i:Institution {id: row.institution_id})
MERGE (w)-[r:AUTHORED_AT]->(i)
SET r.seq = row.seq
