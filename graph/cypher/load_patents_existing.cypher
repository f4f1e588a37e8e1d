// Which of the given patents are already loaded (in_db true): the online loader updates those with
// MERGE (load_patents, load_filed_by, ...) and creates the others with load_patents_new.
// :param ids => []
MATCH (p:Patent)
WHERE p.id IN $ids AND p.in_db = true
RETURN p.id AS id
