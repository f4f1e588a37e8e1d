// Patents per city and year (Figure 2 of the study): a patent located in k distinct cities under $geo counts
// 1/k to each (fractional) or 1 to each (whole); $cities limits the cities (null: every city).
// :param geo => 'applicant'
// :param counting => 'fractional'
// :param cities => null
MATCH (p:Patent)
WHERE p.year IS NOT NULL
WITH p, COLLECT {
  MATCH (p)-[r:FILED_BY|INVENTED_BY]->()-[:LOCATED_IN]->(c:City)
  WHERE type(r) = CASE $geo WHEN 'inventor' THEN 'INVENTED_BY' ELSE 'FILED_BY' END
  RETURN DISTINCT c.id
} AS cities
WHERE size(cities) > 0
WITH p.year AS year, cities, CASE $counting WHEN 'whole' THEN 1.0 ELSE 1.0 / size(cities) END AS w
UNWIND cities AS city_id
WITH city_id, year, w
WHERE $cities IS NULL OR city_id IN $cities
RETURN city_id, year, sum(w) AS patents
ORDER BY city_id, year
