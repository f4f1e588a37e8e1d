// Load publications: Work {id, year, type, field, domain} and (Work)-[:IN_SCIENCE_FIELD]->(ScienceField)
// (field: OpenAlex's primary_topic.field id, 11-36). A field link left by an earlier load is replaced.
// :param rows => []
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
SET w.year = row.year, w.type = row.type, w.field = row.field, w.domain = row.domain
WITH w, row
CALL (w, row) {
  OPTIONAL MATCH (w)-[old:IN_SCIENCE_FIELD]->(f:ScienceField)
  WHERE row.field IS NULL OR f.id <> row.field
  DELETE old
}
WITH w, row
WHERE row.field IS NOT NULL
MATCH (f:ScienceField {id: row.field})
MERGE (w)-[:IN_SCIENCE_FIELD]->(f)
