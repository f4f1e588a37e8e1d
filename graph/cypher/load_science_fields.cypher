// Load OpenAlex's science fields: ScienceField {id, name, domain, domain_id} (26 fields in 4 domains).
// :param rows => [{id: 17, name: 'Computer Science', domain: 'Physical Sciences', domain_id: 3}]
UNWIND $rows AS row
MERGE (f:ScienceField {id: row.id})
SET f.name = row.name, f.domain = row.domain, f.domain_id = row.domain_id
