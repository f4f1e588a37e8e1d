// Every (dated patent, applicant) with the applicant's stakeholder type, city and ownership type:
// the input of the stakeholder and ownership tables.
// :param year_basis => 'filing'
MATCH (p:Patent)-[:FILED_BY]->(a:Applicant)
WITH p, a, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:City)
OPTIONAL MATCH (a)-[:HAS_OWNERSHIP]->(o:OwnershipType)
RETURN p.id AS patent_id, year, a.id AS applicant_id, coalesce(a.type, 'other') AS type,
       c.id AS city_id, o.code AS ownership
