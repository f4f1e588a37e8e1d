// Works per year none of whose institutions is placed in a city: left out of the city figures and
// reported beside them.
// :param first_year => 0
// :param last_year => 9999
MATCH (w:Work)
WHERE w.year >= $first_year AND w.year <= $last_year
  AND NOT EXISTS { (w)-[:AUTHORED_AT]->(:Institution)-[:LOCATED_IN]->(:City) }
RETURN w.year AS year, count(w) AS works
ORDER BY year
