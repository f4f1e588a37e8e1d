// Every backward citation as (node, cited) pairs of internal node ids, id(), one row of parallel
// lists: `node` is the citing patent's, `cited` the cited patent's (see patent_nodes, which gives
// the id and year of every dated patent; a cited patent not among them is not loaded).
// :columns
MATCH (p:Patent)-[:CITES]->(q:Patent)
RETURN collect(id(p)) AS node, collect(id(q)) AS cited
