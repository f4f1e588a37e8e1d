// Load research institutions: Institution {id, name, type, ror, country} and
// (Institution)-[:LOCATED_IN]->(City) when the institution is placed in a city. A location left by an
// earlier load with another city is replaced.
// :param rows => []
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
SET i.name = row.name, i.type = row.type, i.ror = row.ror, i.country = row.country
WITH i, row
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:LOCATED_IN]->(c:City)
  WHERE row.city_id IS NULL OR c.id <> row.city_id
  DELETE old
}
WITH i, row
WHERE row.city_id IS NOT NULL
MATCH (c:City {id: row.city_id})
MERGE (i)-[:LOCATED_IN]->(c)
