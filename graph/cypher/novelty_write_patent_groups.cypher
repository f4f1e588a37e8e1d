// Write the novelty of scored patents in groups that share one result, one group a transaction (the form
// that Neo4j's Spark connector writes, `analyze --engine spark`): Patent.novel, novelty_type, new_classes,
// new_pairs and the settings used (a JSON string), as novelty_write_patents writes them. A row is a group:
// its result and its patents' ids.
// :param rows => []
UNWIND $rows AS row
UNWIND row.ids AS id
MATCH (p:Patent {id: id})
SET p.novel = row.novel, p.novelty_type = row.novelty_type, p.new_classes = row.new_classes,
    p.new_pairs = row.new_pairs, p.novelty_settings = row.settings
RETURN count(p) AS written
