// The id of each city named in $names: the one with the most located applicants (then inventors) when
// several cities share a name, as the explorer's city picker chooses.
// :param names => ['Shenzhen', 'Beijing', 'Shanghai', 'San Jose']
UNWIND range(0, size($names) - 1) AS i
MATCH (c:City {name: $names[i]})
WITH i, c, COUNT { (c)<-[:LOCATED_IN]-(:Applicant) } AS applicants,
     COUNT { (c)<-[:LOCATED_IN]-(:Inventor) } AS inventors
ORDER BY i, applicants DESC, inventors DESC, c.id
WITH i, collect(c.id)[0] AS city_id
RETURN $names[i] AS name, city_id
ORDER BY i
