// Every patent's IPC links as (node, ipc) pairs of internal node ids, id(), one row of parallel lists:
// `node` is the patent's (see patent_nodes, which gives its id and year), `ipc` the IPC code's (see
// ipc_techs, which gives its technology). Reading no property per link makes this the cheapest pull
// of the 2-3 links per patent of a large graph.
// :columns
MATCH (p:Patent)-[:CLASSIFIED_AS]->(i:IPC)
RETURN collect(id(p)) AS node, collect(id(i)) AS ipc
