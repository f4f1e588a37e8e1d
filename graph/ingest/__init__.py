"""Readers that turn real patent sources into canonical records, and the loaders that write them to Neo4j."""
