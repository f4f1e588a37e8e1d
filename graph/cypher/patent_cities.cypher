// The distinct cities of every dated patent under $geo, one row per (patent, city).
// :param geo => 'applicant'
MATCH (p:Patent)-[r:FILED_BY|INVENTED_BY]->()-[:LOCATED_IN]->(c:City)
WHERE p.year IS NOT NULL
  AND type(r) = CASE $geo WHEN 'inventor' THEN 'INVENTED_BY' ELSE 'FILED_BY' END
RETURN DISTINCT p.id AS patent_id, c.id AS city_id
