// The patents that hold novelty properties (written by an earlier run), one row each: read through
// Neo4j's Spark connector by `analyze --engine spark`, which removes them from those it no longer scores.
MATCH (p:Patent)
WHERE p.novelty_type IS NOT NULL
RETURN p.id AS patent_id
