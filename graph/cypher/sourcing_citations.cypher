// Backward citations of dated patents: citing and cited ids, the citing patent's year, whether the
// cited patent is loaded, and whether the two share an applicant (a self-citation).
// :param year_basis => 'filing'
MATCH (p:Patent)-[:CITES]->(q:Patent)
WITH p, q, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN p.id AS citing_id, q.id AS cited_id, year, coalesce(q.in_db, q.year IS NOT NULL) AS cited_in_db,
       EXISTS { MATCH (p)-[:FILED_BY]->(:Applicant)<-[:FILED_BY]-(q) } AS self_citation
