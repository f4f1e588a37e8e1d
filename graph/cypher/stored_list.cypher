// The stored result tables: name, switches, rows, data stamp and when each was computed.
MATCH (t:ResultTable)
RETURN t.name AS name, t.switches AS switches, t.rows AS rows, t.stamp AS stamp,
       toString(t.computed_at) AS computed_at
ORDER BY name, switches
