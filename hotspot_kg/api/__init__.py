"""The Python API for notebooks: ``import hotspot_kg as hk; kg = hk.connect()``.

The names are the CLI's: ``kg.indicator(NAME, **switches)`` is ``hotspot-kg export``, ``kg.load``,
``kg.analyze`` and ``kg.cypher`` are the commands of those names, and ``kg.gds`` is the official Graph Data
Science client on the same database. README, section "From Python".
"""

from __future__ import annotations

from collections.abc import Mapping

from hotspot_kg.api.graph import KnowledgeGraph
from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module

__all__ = ["KnowledgeGraph", "connect"]


def connect(env: Mapping[str, str] | None = None) -> KnowledgeGraph:
    """Connect with the CLI's settings (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; without
    NEO4J_URI the project's local server), or with those of ``env`` when given; checks that the server
    answers and accepts the credentials."""
    settings = settings_module.current() if env is None else settings_module.load(env)
    return KnowledgeGraph(db.connect(settings), settings)
