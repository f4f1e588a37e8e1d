// Patents per year that no city holds under $geo (left out of every city figure, and reported).
// :param geo => 'applicant'
// :param year_basis => 'filing'
MATCH (p:Patent)
WITH p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL AND NOT EXISTS {
  MATCH (p)-[r:FILED_BY|INVENTED_BY]->()-[:LOCATED_IN]->(:City)
  WHERE type(r) = CASE $geo WHEN 'inventor' THEN 'INVENTED_BY' ELSE 'FILED_BY' END
}
RETURN year, count(p) AS patents
ORDER BY year
