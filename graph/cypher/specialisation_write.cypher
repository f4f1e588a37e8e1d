// Write (City)-[:SPECIALISED_IN {period, rsi}]->(TechField) for the rows given (RSI >= 1 on the
// 35 WIPO fields); the links of these periods are removed first (specialisation_clear).
// :param rows => []
MATCH (f:TechField)
WITH collect(f) AS fields
UNWIND $rows AS row
MATCH (c:City {id: row.city_id})
WITH c, row, [f IN fields WHERE toString(f.id) = toString(row.field)] AS hit
UNWIND hit AS f
CREATE (c)-[s:SPECIALISED_IN {period: row.period}]->(f)
SET s.rsi = row.rsi, s.rsi_sym = row.rsi_sym, s.x = row.x, s.settings = row.settings
RETURN count(s) AS written
