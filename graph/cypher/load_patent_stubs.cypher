// Load cited patents that are not in the input as stubs Patent {id, in_db: false}; a patent already
// loaded is left as it is.
// :param rows => []
UNWIND $rows AS row
MERGE (p:Patent {id: row.id})
ON CREATE SET p.in_db = false
