// Every (dated work, institution) link with the work's field, the institution's city (null when the
// institution is not placed in a city) and that city's country: the input of the science profile and of
// the scientific collaboration types.
// :columns work_id, year, field, institution_id, city_id, country
// :param first_year => 0
// :param last_year => 9999
MATCH (w:Work)-[:AUTHORED_AT]->(i:Institution)
WHERE w.year >= $first_year AND w.year <= $last_year
OPTIONAL MATCH (i)-[:LOCATED_IN]->(c:City)
OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country)
RETURN collect([w.id, w.year, w.field, i.id, c.id, coalesce(k.code, c.country)]) AS rows
