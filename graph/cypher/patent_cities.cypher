// The distinct cities of every dated patent under $geo: (patent_id, city_id) pairs, returned as
// one row of two parallel lists.
// :columns
// :param geo => 'applicant'
CALL () {
  MATCH (p:Patent)-[:FILED_BY]->(:Applicant)-[:LOCATED_IN]->(c:City)
  WHERE $geo <> 'inventor'
  RETURN p, c
  UNION ALL
  MATCH (p:Patent)-[:INVENTED_BY]->(:Inventor)-[:LOCATED_IN]->(c:City)
  WHERE $geo = 'inventor'
  RETURN p, c
}
WITH p, c WHERE p.year IS NOT NULL
WITH DISTINCT p.id AS patent_id, c.id AS city_id
RETURN collect(patent_id) AS patent_id, collect(city_id) AS city_id
