// Every dated patent as (node, year), one row of parallel lists: patent_nodes without the patent
// ids, for the pulls that only count (RSI, KCI/TCI), which it spares reading and sending a million
// strings. `node` is the internal node id, id(). Year: filing, or priority falling back to filing.
// :columns
// :param year_basis => 'filing'
MATCH (p:Patent)
WITH p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN collect(id(p)) AS node, collect(year) AS year
