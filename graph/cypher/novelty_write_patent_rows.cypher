// Write the novelty of scored patents, one row each (the form that Neo4j's Spark connector writes in
// batches, `analyze --engine spark`): Patent.novel, novelty_type, new_classes, new_pairs and the
// settings used (a JSON string), as novelty_write_patents writes them.
// :param rows => []
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
SET p.novel = row.novel, p.novelty_type = row.novelty_type, p.new_classes = row.new_classes,
    p.new_pairs = row.new_pairs, p.novelty_settings = row.settings
RETURN count(p) AS written
