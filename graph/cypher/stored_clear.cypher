// Deletes every stored result table (they are computed again by `hotspot-kg analyze`).
MATCH (t:ResultTable)
DETACH DELETE t
RETURN count(*) AS deleted
