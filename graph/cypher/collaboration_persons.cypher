// Every (dated patent, person) link with the person's city (null when unlocated): inventors, or
// applicants with $geo = 'applicant'. The input of the collaboration types, as one list of rows
// [patent_id, year, person_id, city_id]; countries come from city_countries.
// :columns patent_id, year, person_id, city_id
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
RETURN collect([p.id, year, person.id, c.id]) AS rows
