// For each IPC code at $ipc_level, the ids of the patents classified in it (or below it): the
// compact (code -> patents) input of novelty.
// :param ipc_level => 'subclass'
MATCH (p:Patent)-[:CLASSIFIED_AS]->(i:IPC)
WITH i[$ipc_level] AS code, p
WHERE code IS NOT NULL
RETURN code, collect(DISTINCT p.id) AS patents
ORDER BY code
