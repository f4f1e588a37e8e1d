// Backward citations of dated patents: citing and cited ids, the citing patent's year and whether
// the cited patent is loaded; one row of parallel lists. Self-citations (the two share an
// applicant) are found from patent_applicants.
// :columns
// :param year_basis => 'filing'
MATCH (p:Patent)-[:CITES]->(q:Patent)
WITH p, q, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN collect(p.id) AS citing_id, collect(q.id) AS cited_id, collect(year) AS year,
       collect(coalesce(q.in_db, q.year IS NOT NULL)) AS cited_in_db
