// Every city with its name, country (from IN_COUNTRY, else the City.country property) and coordinates
// (null when it has none): the places that the GII-style clusters are built from.
MATCH (c:City)
OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country)
RETURN c.id AS city_id, c.name AS name, coalesce(k.code, c.country) AS country,
       c.location.latitude AS lat, c.location.longitude AS lon
ORDER BY city_id
