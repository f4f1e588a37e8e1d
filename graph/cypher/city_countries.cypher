// Every city with its country code (from IN_COUNTRY, else the City.country property) and name.
MATCH (c:City)
OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country)
RETURN c.id AS city_id, c.name AS name, coalesce(k.code, c.country) AS country
ORDER BY city_id
