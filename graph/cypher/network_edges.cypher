// The edges of the local collaboration network of a place and period (as network_project builds
// it): each pair of co-applicants once, with the number of patents and both stakeholder types. The
// place is its cities, $city_ids: one city, or the cities of a GII-style cluster.
// :param city_ids => ['']
// :param year_basis => 'filing'
// :param first_year => 0
// :param last_year => 9999
MATCH (a:Applicant)-[:LOCATED_IN]->(ca:City) WHERE ca.id IN $city_ids
MATCH (a)<-[:FILED_BY]-(p:Patent)-[:FILED_BY]->(b:Applicant)-[:LOCATED_IN]->(cb:City) WHERE cb.id IN $city_ids
WITH a, b, p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE a.id < b.id AND year >= $first_year AND year <= $last_year
RETURN a.id AS source, b.id AS target, coalesce(a.type, 'other') AS source_type,
       coalesce(b.type, 'other') AS target_type, count(DISTINCT p) AS weight
ORDER BY source, target
