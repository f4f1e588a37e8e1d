// Write the novelty of scored patents that share one result: Patent.novel, novelty_type,
// new_classes, new_pairs (counts) and the settings used (a JSON string). Rows are patent ids.
// :param rows => []
// :param novel => false
// :param novelty_type => 'refinement'
// :param new_classes => 0
// :param new_pairs => 0
// :param settings => '{}'
UNWIND $rows AS id
MATCH (p:Patent {id: id})
SET p.novel = $novel, p.novelty_type = $novelty_type, p.new_classes = $new_classes,
    p.new_pairs = $new_pairs, p.novelty_settings = $settings
RETURN count(p) AS written
