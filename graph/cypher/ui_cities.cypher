// Every city with its country, coordinates and how many applicants and inventors are located in it:
// the city picker of the explorer (the most populated city wins when two share a name).
MATCH (c:City)
RETURN c.id AS city_id, c.name AS name, c.country AS country,
       c.location.latitude AS lat, c.location.longitude AS lon,
       COUNT { (c)<-[:LOCATED_IN]-(:Applicant) } AS applicants,
       COUNT { (c)<-[:LOCATED_IN]-(:Inventor) } AS inventors
ORDER BY applicants DESC, inventors DESC, name
