// Every dated patent as (node, patent_id, year), one row of parallel lists. `node` is the patent's
// internal node id: patent_tech_nodes and patent_city_nodes give a patent's links by it, so that a
// large graph is pulled without reading a patent's properties once per link (three times faster at
// 1M patents). Internal ids are stable only within one transaction of an unchanged graph, so the
// analytics run the three queries in one read transaction; id() is deprecated in Cypher 5 (Browser
// shows a warning) and has no replacement of its cost. Year: filing, or priority falling back to filing.
// :columns
// :param year_basis => 'filing'
MATCH (p:Patent)
WITH p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN collect(id(p)) AS node, collect(p.id) AS patent_id, collect(year) AS year
