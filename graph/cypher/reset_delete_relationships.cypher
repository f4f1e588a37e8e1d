// Empties the database, step 1 of 2: every relationship, in batches of $batch_size (relationships
// first, so that no batch holds a node with all of its relationships, which for a city or an IPC
// class of a large graph can be hundreds of thousands). Then run reset_delete_nodes.
// Run it in an auto-commit transaction (in Browser, prefix it with :auto).
// :param batch_size => 10000
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF $batch_size ROWS
