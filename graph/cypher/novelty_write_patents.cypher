// Write the novelty of scored patents that share one result: Patent.novel, novelty_type,
// new_classes, new_pairs (counts) and the settings used (a JSON string). Rows are patent ids.
// Runs in batches of 10,000 (auto-commit transaction, as Neo4j Browser runs it): one statement
// for all the patents costs a third less than a transaction per batch sent from the client.
// :param rows => []
// :param novel => false
// :param novelty_type => 'refinement'
// :param new_classes => 0
// :param new_pairs => 0
// :param settings => '{}'
UNWIND $rows AS id
CALL (id) {
  MATCH (p:Patent {id: id})
  SET p.novel = $novel, p.novelty_type = $novelty_type, p.new_classes = $new_classes,
      p.new_pairs = $new_pairs, p.novelty_settings = $settings
  RETURN count(p) AS found
} IN TRANSACTIONS OF 10000 ROWS
RETURN sum(found) AS written
