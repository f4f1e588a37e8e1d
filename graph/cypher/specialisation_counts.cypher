// City x technology patent counts per year: the input of RSI (specialisation) and of KCI/TCI.
// A patent counts when it has a year, at least one city under $geo and at least one technology:
// with k distinct cities and m distinct technologies it gives 1/(k*m) to each pair (fractional)
// or 1 (whole). Technology: the WIPO field (1..35) or the IPC code at $ipc_level.
// One row of parallel lists (city_id, tech, year, x), ordered by city, technology and year.
// :columns
// :param geo => 'applicant'
// :param counting => 'fractional'
// :param year_basis => 'filing'
// :param tech_unit => 'field35'
// :param ipc_level => 'subclass'
// :param first_year => 0
// :param last_year => 9999
MATCH (p:Patent)
WITH p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year >= $first_year AND year <= $last_year
WITH p, year, COLLECT {
  MATCH (p)-[:FILED_BY]->(:Applicant)-[:LOCATED_IN]->(c:City) WHERE $geo <> 'inventor' RETURN c.id AS city
  UNION
  MATCH (p)-[:INVENTED_BY]->(:Inventor)-[:LOCATED_IN]->(c:City) WHERE $geo = 'inventor' RETURN c.id AS city
} AS cities
WHERE size(cities) > 0
WITH p, year, cities, COLLECT {
  MATCH (p)-[:CLASSIFIED_AS]->(i:IPC)
  WITH CASE $tech_unit WHEN 'field35' THEN toInteger(i.field) ELSE i[$ipc_level] END AS tech
  WHERE tech IS NOT NULL
  RETURN DISTINCT tech
} AS techs
WHERE size(techs) > 0
WITH year, cities, techs,
     CASE $counting WHEN 'whole' THEN 1.0 ELSE 1.0 / (size(cities) * size(techs)) END AS w
UNWIND cities AS city_id
UNWIND techs AS tech
WITH city_id, tech, year, sum(w) AS x
ORDER BY city_id, tech, year
RETURN collect(city_id) AS city_id, collect(tech) AS tech, collect(year) AS year, collect(x) AS x
