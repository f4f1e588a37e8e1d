// Counts of the science side of the graph (from the count store, so fast): the science loader compares
// them before and after a load to report what was created.
MATCH (n:Work) RETURN 'node' AS kind, 'Work' AS name, count(n) AS count
UNION ALL MATCH (n:Institution) RETURN 'node' AS kind, 'Institution' AS name, count(n) AS count
UNION ALL MATCH (n:ScienceField) RETURN 'node' AS kind, 'ScienceField' AS name, count(n) AS count
UNION ALL MATCH (n:Context) RETURN 'node' AS kind, 'Context' AS name, count(n) AS count
UNION ALL MATCH (n:City) RETURN 'node' AS kind, 'City' AS name, count(n) AS count
UNION ALL MATCH (n:Country) RETURN 'node' AS kind, 'Country' AS name, count(n) AS count
UNION ALL MATCH ()-[r:AUTHORED_AT]->() RETURN 'relationship' AS kind, 'AUTHORED_AT' AS name, count(r) AS count
UNION ALL MATCH ()-[r:IN_SCIENCE_FIELD]->() RETURN 'relationship' AS kind, 'IN_SCIENCE_FIELD' AS name, count(r) AS count
UNION ALL MATCH (:Institution)-[r:LOCATED_IN]->() RETURN 'relationship' AS kind, 'LOCATED_IN' AS name, count(r) AS count
UNION ALL MATCH ()-[r:HAS_CONTEXT]->() RETURN 'relationship' AS kind, 'HAS_CONTEXT' AS name, count(r) AS count
