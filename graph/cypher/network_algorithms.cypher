// Run degree, betweenness, Louvain (weighted) and WCC on a projected network (see network_project),
// storing the results in the in-memory graph; returns Louvain's modularity and the counts.
// Returns no row when the graph does not exist.
// :param graph_name => 'hotspot-local-network'
CALL gds.graph.exists($graph_name) YIELD exists
WITH exists WHERE exists
CALL gds.degree.mutate($graph_name, {mutateProperty: 'degree', concurrency: 1}) YIELD nodePropertiesWritten
WITH nodePropertiesWritten AS n
CALL gds.betweenness.mutate($graph_name, {mutateProperty: 'betweenness', concurrency: 1}) YIELD nodePropertiesWritten
WITH n
CALL gds.louvain.mutate($graph_name, {mutateProperty: 'community', relationshipWeightProperty: 'weight',
                                      concurrency: 1})
  YIELD modularity, communityCount
WITH n, modularity, communityCount
CALL gds.wcc.mutate($graph_name, {mutateProperty: 'component', concurrency: 1}) YIELD componentCount
RETURN n AS nodes, modularity, communityCount AS communities, componentCount AS components
