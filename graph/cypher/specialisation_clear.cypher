// Remove the SPECIALISED_IN links of the named periods (before they are written again).
// :param periods => []
MATCH (:City)-[s:SPECIALISED_IN]->(:TechField)
WHERE s.period IN $periods
DELETE s
RETURN count(*) AS deleted
