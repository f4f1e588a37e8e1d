// Every patent's cities under $geo (applicant or inventor addresses) as (node, city_id) pairs, one
// row of parallel lists; `node` is the patent's internal node id, id() (see patent_nodes, which gives its
// id and year). A patent with two applicants in one city gives the pair twice (deduplicated outside).
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
RETURN collect(id(p)) AS node, collect(c.id) AS city_id
