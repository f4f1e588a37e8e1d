// Link patents to their applicants: (Patent)-[:FILED_BY {seq}]->(Applicant).
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
MATCH (a:Applicant {id: row.applicant_id})
MERGE (p)-[r:FILED_BY]->(a)
SET r.seq = row.seq
