// Link each pair of IPC codes first combined in a scored year, from the lower code to the higher:
// (IPC)-[:FIRST_COMBINED {year, patent, patents}]->(IPC); patent is the lowest id of that year.
// :param rows => []
UNWIND $rows AS row
MATCH (a:IPC {code: row.a})
MATCH (b:IPC {code: row.b})
CREATE (a)-[r:FIRST_COMBINED {year: row.year, patent: row.patent, patents: row.patents}]->(b)
RETURN count(r) AS written
