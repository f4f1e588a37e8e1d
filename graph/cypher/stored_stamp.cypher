// The stamp of the loaded data that a stored result table is valid for: node and relationship counts of
// what the loaders write (read from the count store, instant at any size) and the last filing year.
// Works, their institution links and context rows count too (the science tables depend on them).
// A load that adds or removes anything changes it, and stored tables with another stamp are ignored.
CALL () { MATCH (n:Patent) RETURN count(n) AS patents }
CALL () { MATCH (n:Applicant) RETURN count(n) AS applicants }
CALL () { MATCH (n:Inventor) RETURN count(n) AS inventors }
CALL () { MATCH (n:City) RETURN count(n) AS cities }
CALL () { MATCH (n:IPC) RETURN count(n) AS ipc }
CALL () { MATCH (n:OwnershipType) RETURN count(n) AS ownership_types }
CALL () { MATCH ()-[r:FILED_BY]->() RETURN count(r) AS filed_by }
CALL () { MATCH ()-[r:INVENTED_BY]->() RETURN count(r) AS invented_by }
CALL () { MATCH ()-[r:CLASSIFIED_AS]->() RETURN count(r) AS classified_as }
CALL () { MATCH ()-[r:CITES]->() RETURN count(r) AS cites }
CALL () { MATCH ()-[r:LOCATED_IN]->() RETURN count(r) AS located_in }
CALL () { MATCH ()-[r:HAS_OWNERSHIP]->() RETURN count(r) AS has_ownership }
CALL () { MATCH (n:Work) RETURN count(n) AS works }
CALL () { MATCH ()-[r:AUTHORED_AT]->() RETURN count(r) AS authored_at }
CALL () { MATCH (n:Context) RETURN count(n) AS contexts }
CALL () {
  MATCH (p:Patent) WHERE p.year IS NOT NULL
  WITH p.year AS year ORDER BY year DESC LIMIT 1
  RETURN collect(year)[0] AS last_year
}
RETURN patents, applicants, inventors, cities, ipc, ownership_types, filed_by, invented_by, classified_as,
       cites, located_in, has_ownership, works, authored_at, contexts, last_year
