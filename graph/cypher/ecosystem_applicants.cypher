// Every (dated patent, applicant) with the applicant's stakeholder type, city and ownership type:
// the input of the stakeholder and ownership tables. One list of rows [patent_id, year,
// applicant_id, type, city_id, ownership] (city and ownership may be null). Each applicant's city
// and ownership are looked up once, then its patents are listed.
// :columns patent_id, year, applicant_id, type, city_id, ownership
// :param year_basis => 'filing'
MATCH (a:Applicant)
OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:City)
OPTIONAL MATCH (a)-[:HAS_OWNERSHIP]->(o:OwnershipType)
WITH a, [a.id, coalesce(a.type, 'other'), c.id, o.code] AS who
MATCH (a)<-[:FILED_BY]-(p:Patent)
WITH p, who, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN collect([p.id, year] + who) AS rows
