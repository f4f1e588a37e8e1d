// Per dated patent: how many distinct persons (inventors, or applicants with $geo = 'applicant'),
// how many of them have a city, and their distinct cities and countries: the input of the
// collaboration types (local, domestic, international, single). One row of parallel lists.
// :columns
// :param geo => 'inventor'
// :param year_basis => 'filing'
CALL () {
  MATCH (p:Patent)-[:INVENTED_BY]->(person:Inventor)
  WHERE $geo <> 'applicant'
  RETURN p, person
  UNION ALL
  MATCH (p:Patent)-[:FILED_BY]->(person:Applicant)
  WHERE $geo = 'applicant'
  RETURN p, person
}
WITH p, person, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
OPTIONAL MATCH (person)-[:LOCATED_IN]->(c:City)
OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country)
WITH p, year, count(DISTINCT person) AS persons,
     count(DISTINCT CASE WHEN c IS NOT NULL THEN person END) AS located,
     collect(DISTINCT c.id) AS cities,
     collect(DISTINCT coalesce(k.code, c.country)) AS countries
RETURN collect(p.id) AS patent_id, collect(year) AS year, collect(persons) AS persons,
       collect(located) AS located, collect(cities) AS cities, collect(countries) AS countries
