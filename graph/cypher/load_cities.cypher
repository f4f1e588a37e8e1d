// Load cities with their location point and country: City {id, name, country, province, location,
// location_source} and (City)-[:IN_COUNTRY]->(Country). location_source says where the point came from
// (input, or gazetteer when the input gave none). A link to another country left by an earlier load is removed.
// :param rows => []
UNWIND $rows AS row
MERGE (c:City {id: row.id})
SET c.name = row.name, c.country = row.country, c.province = row.province,
    c.location = CASE WHEN row.lat IS NULL THEN null
                 ELSE point({latitude: row.lat, longitude: row.lon}) END,
    c.location_source = row.location_source
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:IN_COUNTRY]->(other:Country)
  WHERE other.code <> row.country
  DELETE old
}
WITH c, row
MATCH (k:Country {code: row.country})
MERGE (c)-[:IN_COUNTRY]->(k)
