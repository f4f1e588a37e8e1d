// The nodes of a projected network with their degree, betweenness, community and component (after
// network_algorithms), and the applicant's id, name and stakeholder type.
// :param graph_name => 'hotspot-local-network'
CALL gds.graph.exists($graph_name) YIELD exists
WITH exists WHERE exists
CALL gds.graph.nodeProperties.stream($graph_name, ['degree', 'betweenness', 'community', 'component'])
  YIELD nodeId, nodeProperty, propertyValue
WITH gds.util.asNode(nodeId) AS a, collect([nodeProperty, propertyValue]) AS props
RETURN a.id AS applicant_id, a.name AS name, coalesce(a.type, 'other') AS type,
       [x IN props WHERE x[0] = 'degree'][0][1] AS degree,
       [x IN props WHERE x[0] = 'betweenness'][0][1] AS betweenness,
       [x IN props WHERE x[0] = 'community'][0][1] AS community,
       [x IN props WHERE x[0] = 'component'][0][1] AS component
ORDER BY applicant_id
