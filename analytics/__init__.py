"""The study's indicators, computed in Neo4j (Cypher, GDS) and with numpy/scipy, written back to the graph."""
