// Counts of the nodes of each label in the database: a quick look at what is loaded.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY label
