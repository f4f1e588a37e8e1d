// Every (dated patent, applicant) with the applicant's stakeholder type, city and ownership type:
// the input of the stakeholder and ownership tables. One list of rows [patent_id, year,
// applicant_id, type, city_id, ownership] (city and ownership may be null).
// :columns patent_id, year, applicant_id, type, city_id, ownership
// :param year_basis => 'filing'
MATCH (p:Patent)-[:FILED_BY]->(a:Applicant)
WITH p, a, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:City)
OPTIONAL MATCH (a)-[:HAS_OWNERSHIP]->(o:OwnershipType)
RETURN collect([p.id, year, a.id, coalesce(a.type, 'other'), c.id, o.code]) AS rows
