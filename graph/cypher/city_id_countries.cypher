// The id and country of every City already in the graph: a science folder may name them without
// repeating them in its cities.csv.
MATCH (c:City)
RETURN c.id AS city_id, c.country AS country
