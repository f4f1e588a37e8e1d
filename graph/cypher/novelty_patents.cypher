// The dated patents that carry an IPC code at $ipc_level, as one row of two parallel lists (ids and
// years): a compact input for novelty. Year: filing, or priority falling back to filing.
// :param ipc_level => 'subclass'
// :param year_basis => 'filing'
MATCH (p:Patent)
WHERE EXISTS { MATCH (p)-[:CLASSIFIED_AS]->(i:IPC) WHERE i[$ipc_level] IS NOT NULL }
WITH p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN collect(p.id) AS ids, collect(year) AS years
