// The size of the database: loaded patents, cities, and the first and last filing year.
MATCH (p:Patent) WHERE coalesce(p.in_db, true) AND p.year IS NOT NULL
WITH count(p) AS patents, min(p.year) AS first_year, max(p.year) AS last_year
RETURN patents, COUNT { MATCH (:City) } AS cities, first_year, last_year
