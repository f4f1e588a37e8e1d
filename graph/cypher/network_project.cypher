// Project the local collaboration network of a place and period into GDS (undirected, weighted):
// the applicants located in the place's cities ($city_ids: one city, or a cluster's cities) with a
// patent in the period are the nodes; two are joined when they co-applied for at least one patent of
// the period; weight = the number of such patents.
// Returns one map (graphName, nodeCount, relationshipCount, ...); ends in the projection call, as the
// graphdatascience client's gds.graph.cypher.project wants it. Drop the graph with network_drop when done.
// :param graph_name => 'hotspot-local-network'
// :param city_ids => ['']
// :param year_basis => 'filing'
// :param first_year => 0
// :param last_year => 9999
MATCH (a:Applicant)-[:LOCATED_IN]->(ca:City)
WHERE ca.id IN $city_ids AND EXISTS {
  MATCH (a)<-[:FILED_BY]-(p:Patent)
  WITH CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
  WHERE year >= $first_year AND year <= $last_year
}
OPTIONAL MATCH (a)<-[:FILED_BY]-(p:Patent)-[:FILED_BY]->(b:Applicant)-[:LOCATED_IN]->(cb:City)
WHERE cb.id IN $city_ids AND a.id < b.id
  AND $first_year <= CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END
  AND CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END <= $last_year
WITH a, b, toFloat(count(DISTINCT p)) AS weight
RETURN gds.graph.project($graph_name, a, b,
         {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: weight} END},
         {undirectedRelationshipTypes: ['*']})
