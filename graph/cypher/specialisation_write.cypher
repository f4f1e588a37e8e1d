// Write (City)-[:SPECIALISED_IN {period, rsi}]->(TechField) for the rows given (RSI >= 1 on the
// 35 WIPO fields), replacing earlier links of the same period.
// :param rows => []
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})
MATCH (f:TechField) WHERE toString(f.id) = toString(row.field)
MERGE (c)-[s:SPECIALISED_IN {period: row.period}]->(f)
SET s.rsi = row.rsi, s.rsi_sym = row.rsi_sym, s.x = row.x, s.settings = row.settings
RETURN count(s) AS written
