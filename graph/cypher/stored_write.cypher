// Stores one computed result table as a (:ResultTable) node: its rows column-wise, one list property per
// column (`col_<column>`, nulls listed by position in `nulls_<column>`), the switches it was computed with
// (a canonical JSON key), the data stamp it was computed from, and what its computation reported aside.
// Read a table back in Browser: MATCH (t:ResultTable {name: 'rsi'}) UNWIND range(0, t.rows - 1) AS i
// RETURN t.col_city_id[i] AS city_id, t.col_period[i] AS period, t.col_rsi[i] AS rsi
// :param name => 'rsi'
// :param switches => '{}'
// :param stamp => ''
// :param columns => []
// :param dtypes => []
// :param rows => 0
// :param extra => '{}'
// :param data => {}
MERGE (t:ResultTable {name: $name, switches: $switches})
SET t = {name: $name, switches: $switches, stamp: $stamp, columns: $columns, dtypes: $dtypes, rows: $rows,
         extra: $extra, computed_at: datetime()}
SET t += $data
RETURN t.rows AS rows
