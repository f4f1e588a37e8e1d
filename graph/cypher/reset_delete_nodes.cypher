// Empties the database, step 2 of 2 (after reset_delete_relationships): every node, in batches of
// $batch_size. Run it in an auto-commit transaction (in Browser, prefix it with :auto).
// :param batch_size => 10000
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF $batch_size ROWS
