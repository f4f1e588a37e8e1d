// Load the WIPO technology fields: one TechField {id, name, sector} per row.
// :param rows => []
UNWIND $rows AS row
MERGE (f:TechField {id: row.id})
SET f.name = row.name, f.sector = row.sector
