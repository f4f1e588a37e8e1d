"""hotspot-kg: a Neo4j knowledge graph of innovation hotspots built from patent records.

``import hotspot_kg as hk; kg = hk.connect()`` opens the Python API (:mod:`hotspot_kg.api`). It is
imported on first use only, so that importing the ground layer (``hotspot_kg.core``) never imports a face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hotspot_kg.core import __version__

if TYPE_CHECKING:
    from hotspot_kg.api import KnowledgeGraph, connect

__all__ = ["KnowledgeGraph", "__version__", "connect"]


def __getattr__(name: str) -> Any:
    if name in ("connect", "KnowledgeGraph"):
        from hotspot_kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'hotspot_kg' has no attribute {name!r}")
