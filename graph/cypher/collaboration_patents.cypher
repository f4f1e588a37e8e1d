// Per dated patent: how many distinct persons (inventors, or applicants with $geo = 'applicant'),
// how many of them have a city, and their distinct cities and countries: the input of the
// collaboration types (local, domestic, international, single).
// :param geo => 'inventor'
// :param year_basis => 'filing'
MATCH (p:Patent)-[r:FILED_BY|INVENTED_BY]->(person)
WHERE type(r) = CASE $geo WHEN 'applicant' THEN 'FILED_BY' ELSE 'INVENTED_BY' END
WITH p, person, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
OPTIONAL MATCH (person)-[:LOCATED_IN]->(c:City)
OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country)
WITH p, year, count(DISTINCT person) AS persons,
     count(DISTINCT CASE WHEN c IS NOT NULL THEN person END) AS located,
     collect(DISTINCT c.id) AS cities,
     collect(DISTINCT coalesce(k.code, c.country)) AS countries
RETURN p.id AS patent_id, year, persons, located, cities, countries
