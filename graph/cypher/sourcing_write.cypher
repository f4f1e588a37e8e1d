// Write (City)-[:SOURCES_FROM {period, share, citations, relation}]->(City) for the rows given.
// :param rows => []
UNWIND $rows AS row
MATCH (a:City {id: row.city_id})
MATCH (b:City {id: row.source_city_id})
CREATE (a)-[s:SOURCES_FROM {period: row.period, share: row.share, citations: row.citations,
                            relation: row.relation, settings: row.settings}]->(b)
RETURN count(s) AS written
