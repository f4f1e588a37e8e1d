// Load countries: one Country {code, name} per row (ISO 3166-1 alpha-2 codes).
// :param rows => []
UNWIND $rows AS row
MERGE (c:Country {code: row.code})
SET c.name = row.name
