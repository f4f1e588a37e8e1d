// Writes the GII-style clusters: (:Cluster {id, name, country, countries, lat, lon, weight, settings}),
// one per row of $clusters, then marks every city of $members with `clustered` and links the clustered
// ones to their cluster with (City)-[:IN_CLUSTER]->(Cluster). MERGE makes a re-run harmless.
// :param clusters => [{id: 'cluster:gn:1', name: 'A–B', country: 'US', countries: ['US'], lat: 37.4, lon: -122.0, weight: 10.0}]
// :param members => [{city_id: 'gn:1', cluster_id: 'cluster:gn:1'}]
// :param settings => '{}'
CALL (*) {
  UNWIND $clusters AS row
  MERGE (k:Cluster {id: row.id})
  SET k.name = row.name, k.country = row.country, k.countries = row.countries, k.lat = row.lat,
      k.lon = row.lon, k.location = point({latitude: row.lat, longitude: row.lon}), k.weight = row.weight,
      k.settings = $settings
  RETURN count(k) AS clusters
}
CALL (*) {
  UNWIND $members AS row
  MATCH (c:City {id: row.city_id})
  SET c.clustered = row.cluster_id IS NOT NULL
  WITH c, row WHERE row.cluster_id IS NOT NULL
  MATCH (k:Cluster {id: row.cluster_id})
  MERGE (c)-[:IN_CLUSTER]->(k)
  RETURN count(c) AS linked
}
RETURN clusters, linked
