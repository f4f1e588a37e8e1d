// Link IPC codes to their WIPO technology field: (IPC)-[:IN_FIELD]->(TechField).
// :param rows => []
UNWIND $rows AS row
MATCH (i:IPC {code: row.code})
MATCH (f:TechField {id: row.field})
MERGE (i)-[:IN_FIELD]->(f)
