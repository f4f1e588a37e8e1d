// Load patents: Patent {id, year, filing_date, priority_year, office, kind, family_id, title, in_db: true}.
// A stub left by an earlier load (a cited patent, in_db false) becomes a full patent.
// :param rows => []
UNWIND $rows AS row
MERGE (p:Patent {id: row.id})
SET p.year = row.year, p.filing_date = row.filing_date, p.priority_year = row.priority_year,
    p.office = row.office, p.kind = row.kind, p.family_id = row.family_id, p.title = row.title,
    p.in_db = true
