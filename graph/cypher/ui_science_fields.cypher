// OpenAlex's science fields with their domains (the labels of the science profile).
MATCH (f:ScienceField)
RETURN f.id AS field, f.name AS name, f.domain AS domain
ORDER BY field
