// Link each IPC code to its parent one level up: (IPC)-[:PART_OF]->(IPC).
// :param rows => []
UNWIND $rows AS row
MATCH (child:IPC {code: row.code})
MATCH (parent:IPC {code: row.parent})
MERGE (child)-[:PART_OF]->(parent)
