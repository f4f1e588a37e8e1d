// Every city with its country, coordinates, how many applicants and inventors are located in it, and
// how many loaded patents its applicants filed: the city picker of the explorer, the cities with the
// most patents first (the most populated city wins when two share a name; without Shenzhen in the data,
// the explorer starts with the first four).
MATCH (c:City)
CALL (c) {
  OPTIONAL MATCH (c)<-[:LOCATED_IN]-(:Applicant)<-[:FILED_BY]-(p:Patent)
  WHERE p.in_db
  RETURN count(DISTINCT p) AS patents
}
RETURN c.id AS city_id, c.name AS name, c.country AS country,
       c.location.latitude AS lat, c.location.longitude AS lon,
       COUNT { (c)<-[:LOCATED_IN]-(:Applicant) } AS applicants,
       COUNT { (c)<-[:LOCATED_IN]-(:Inventor) } AS inventors,
       patents
ORDER BY patents DESC, applicants DESC, inventors DESC, name
