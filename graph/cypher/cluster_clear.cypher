// Removes the clusters written before (their IN_CLUSTER links go with them) and every city's
// `clustered` mark, so that cluster_write then writes the new ones: the two together are idempotent.
MATCH (k:Cluster)
DETACH DELETE k
WITH count(*) AS deleted
MATCH (c:City) WHERE c.clustered IS NOT NULL
REMOVE c.clustered
RETURN deleted
