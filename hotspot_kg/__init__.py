"""hotspot-kg: a Neo4j knowledge graph of innovation hotspots built from patent records."""

from hotspot_kg.core import __version__

__all__ = ["__version__"]
