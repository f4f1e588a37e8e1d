// Load patents that are not yet in the graph, each with all its links, in one statement per batch:
// Patent {id, year, filing_date, priority_year, office, kind, family_id, title, in_db: true} and its
// FILED_BY {seq}, INVENTED_BY {seq}, CLASSIFIED_AS {seq, main} and CITES {origins} relationships.
// The links are created, not merged: the loader sends here only patents absent from the graph (or
// present as a stub, a cited patent with in_db false, which has no links of its own), and a patent
// and its links commit together, so a run killed midway leaves no patent half-linked. A cited
// patent not loaded (yet) becomes a stub. Each row carries its links as parallel lists; a citation's
// origins come as one string joined by ';' ('applicant;examiner'), as validation stages them.
// :param rows => []
UNWIND $rows AS row
MERGE (p:Patent {id: row.id})
SET p.year = row.year, p.filing_date = row.filing_date, p.priority_year = row.priority_year,
    p.office = row.office, p.kind = row.kind, p.family_id = row.family_id, p.title = row.title,
    p.in_db = true
WITH p, row
CALL (p, row) {
  UNWIND range(0, size(row.applicants) - 1) AS k
  MATCH (a:Applicant {id: row.applicants[k]})
  CREATE (p)-[:FILED_BY {seq: row.applicant_seqs[k]}]->(a)
}
CALL (p, row) {
  UNWIND range(0, size(row.inventors) - 1) AS k
  MATCH (i:Inventor {id: row.inventors[k]})
  CREATE (p)-[:INVENTED_BY {seq: row.inventor_seqs[k]}]->(i)
}
CALL (p, row) {
  UNWIND range(0, size(row.codes) - 1) AS k
  MATCH (c:IPC {code: row.codes[k]})
  CREATE (p)-[:CLASSIFIED_AS {seq: row.code_seqs[k], main: row.code_mains[k]}]->(c)
}
CALL (p, row) {
  UNWIND range(0, size(row.cited) - 1) AS k
  MERGE (q:Patent {id: row.cited[k]})
  ON CREATE SET q.in_db = false
  CREATE (p)-[:CITES {origins: split(row.cited_origins[k], ';')}]->(q)
}
