"""The patent knowledge graph: the Cypher query library (``graph/cypher``) and the loaders (``graph.ingest``)."""
