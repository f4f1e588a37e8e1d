// Load the ownership types of Chinese firms: one OwnershipType {code, name} per row.
// :param rows => []
UNWIND $rows AS row
MERGE (o:OwnershipType {code: row.code})
SET o.name = row.name
