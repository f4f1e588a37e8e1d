// The filing office and year of every dated patent (for filings by office, e.g. domestic CN filings).
MATCH (p:Patent)
WHERE p.year IS NOT NULL
RETURN p.id AS patent_id, p.office AS office, p.year AS year
