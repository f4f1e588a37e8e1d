// Write the novelty of scored patents: Patent.novel, novelty_type, new_classes, new_pairs and the
// settings used (a JSON string).
// :param rows => []
// :param settings => '{}'
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
SET p.novel = row.novel = 1, p.novelty_type = row.novelty_type, p.new_classes = row.new_classes,
    p.new_pairs = row.new_pairs, p.novelty_settings = $settings
RETURN count(p) AS written
