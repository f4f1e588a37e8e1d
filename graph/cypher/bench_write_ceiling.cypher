// Benchmark only (benchmarks/bench_load.py): the fastest this server writes patents with their links
// through Cypher. Creates $n (:BenchCeilingPatent) nodes, each with $links relationships to one of
// 1,000 (:BenchCeilingHub) nodes, in transactions of 1,000 patents: no parameter per row, no MERGE,
// no index lookup, so no online loader can be faster on the same server. Run it on an empty
// database; the benchmark then replaces the store.
// :param n => 1000
// :param links => 11
UNWIND range(0, 999) AS k
CREATE (:BenchCeilingHub {id: k});
MATCH (h:BenchCeilingHub)
WITH collect(h) AS hubs
UNWIND range(0, $n - 1) AS i
CALL (i, hubs) {
  CREATE (p:BenchCeilingPatent {id: 'P' + toString(i), year: 2010, title: 'a patent title of some length'})
  WITH p, i, hubs
  UNWIND range(0, $links - 1) AS j
  WITH p, j, hubs[(i * 11 + j) % size(hubs)] AS h
  CREATE (p)-[:BENCH_CEILING_LINK {seq: j}]->(h)
} IN TRANSACTIONS OF 1000 ROWS
