// Link applicants to their ownership type: (Applicant)-[:HAS_OWNERSHIP {source}]->(OwnershipType).
// An applicant has one ownership type: a link to another type left by an earlier load is removed.
// :param rows => []
UNWIND $rows AS row
MATCH (a:Applicant {id: row.applicant_id})
CALL (a, row) {
  OPTIONAL MATCH (a)-[old:HAS_OWNERSHIP]->(o:OwnershipType)
  WHERE o.code <> row.code
  DELETE old
}
WITH a, row
MATCH (o:OwnershipType {code: row.code})
MERGE (a)-[r:HAS_OWNERSHIP]->(o)
SET r.source = row.source
