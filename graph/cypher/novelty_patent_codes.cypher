// Every dated patent with its distinct IPC codes at $ipc_level: the input of novelty.
// Year: the filing year, or the priority year (falling back to the filing year) with 'priority'.
// :param ipc_level => 'subclass'
// :param year_basis => 'filing'
MATCH (p:Patent)-[:CLASSIFIED_AS]->(i:IPC)
WITH p, i[$ipc_level] AS code
WHERE code IS NOT NULL
WITH p, collect(DISTINCT code) AS codes
WITH p, codes, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN p.id AS patent_id, year, codes
