// Every (patent, applicant) link: one row of two parallel lists (patent_id, applicant_id).
// :columns
MATCH (p:Patent)-[:FILED_BY]->(a:Applicant)
RETURN collect(p.id) AS patent_id, collect(a.id) AS applicant_id
