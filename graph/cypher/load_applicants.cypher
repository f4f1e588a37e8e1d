// Load applicants: Applicant {id, name, type, type_rule} with the extra label of its type
// (Firm, University, ResearchInstitute, Individual, Government) and (Applicant)-[:LOCATED_IN]->(City).
// A label or location left by an earlier load with other content is replaced.
// :param rows => []
UNWIND $rows AS row
MERGE (a:Applicant {id: row.id})
SET a.name = row.name, a.type = row.type, a.type_rule = row.type_rule
REMOVE a:Firm:University:ResearchInstitute:Individual:Government
FOREACH (_ IN CASE WHEN row.label = 'Firm' THEN [1] ELSE [] END | SET a:Firm)
FOREACH (_ IN CASE WHEN row.label = 'University' THEN [1] ELSE [] END | SET a:University)
FOREACH (_ IN CASE WHEN row.label = 'ResearchInstitute' THEN [1] ELSE [] END | SET a:ResearchInstitute)
FOREACH (_ IN CASE WHEN row.label = 'Individual' THEN [1] ELSE [] END | SET a:Individual)
FOREACH (_ IN CASE WHEN row.label = 'Government' THEN [1] ELSE [] END | SET a:Government)
WITH a, row
CALL (a, row) {
  OPTIONAL MATCH (a)-[old:LOCATED_IN]->(c:City)
  WHERE row.city_id IS NULL OR c.id <> row.city_id
  DELETE old
}
WITH a, row
WHERE row.city_id IS NOT NULL
MATCH (c:City {id: row.city_id})
MERGE (a)-[:LOCATED_IN]->(c)
