// Remove the SOURCES_FROM links of the named periods (before they are written again).
// :param periods => []
MATCH (:City)-[s:SOURCES_FROM]->(:City)
WHERE s.period IN $periods
DELETE s
RETURN count(*) AS deleted
