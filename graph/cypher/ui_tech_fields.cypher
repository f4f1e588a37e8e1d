// The 35 WIPO technology fields with their names and sectors (the labels of the specialisation charts).
MATCH (f:TechField)
RETURN f.id AS field, f.name AS name, f.sector AS sector
ORDER BY field
