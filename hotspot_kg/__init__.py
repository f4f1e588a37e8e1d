"""hotspot-kg: a Neo4j knowledge graph of innovation hotspots built from patent records."""

__version__ = "0.1.0"
