// Empties the database: every node and relationship, in batches of $batch_size rows.
// Run it in an auto-commit transaction (in Browser, prefix it with :auto).
// :param batch_size => 10000
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF $batch_size ROWS
