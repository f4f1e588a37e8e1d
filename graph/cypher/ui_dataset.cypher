// What is loaded: the patents of the database, their first and last filing year, and whether the data is the
// SIMULATION written by `hotspot-kg generate` (a Dataset node recorded by the load says so).
CALL () {
  MATCH (p:Patent) WHERE p.in_db = true
  RETURN count(p) AS patents
}
CALL () {
  MATCH (p:Patent) WHERE p.year IS NOT NULL
  WITH p.year AS year ORDER BY year ASC LIMIT 1
  RETURN year AS first_year
}
CALL () {
  MATCH (p:Patent) WHERE p.year IS NOT NULL
  WITH p.year AS year ORDER BY year DESC LIMIT 1
  RETURN year AS last_year
}
RETURN patents, first_year, last_year, EXISTS { MATCH (d:Dataset) WHERE d.simulated } AS simulation
