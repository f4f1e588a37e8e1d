// Drop a projected network from the GDS catalogue (no error when it does not exist).
// :param graph_name => 'hotspot-local-network'
CALL gds.graph.drop($graph_name, false) YIELD graphName
RETURN graphName AS graph_name
