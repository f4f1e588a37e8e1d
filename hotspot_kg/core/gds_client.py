"""The official Graph Data Science client (``graphdatascience``) on the caller's driver.

``GraphDataScience(driver, ...)`` wraps an open :class:`neo4j.Driver` and never closes it, so the functions
of ``analytics/`` take a driver as everywhere else and build their client from it. Bolt carries everything
(``arrow=False``: OpenGDS has no Arrow Flight server, and client 2.x then skips the discovery through
``gds.debug.arrow``, which OpenGDS lacks and on which the 1.x clients fail) and no progress bars are drawn. The same
code reaches a GDS Session of Aura Graph Analytics when it is given that session's client instead (README,
"From Python").
"""

from __future__ import annotations

from graphdatascience import GraphDataScience
from neo4j import Driver


def client(driver: Driver, database: str | None = None) -> GraphDataScience:
    """A ``GraphDataScience`` on ``driver`` and ``database`` (closing it leaves the driver open)."""
    return GraphDataScience(driver, database=database, arrow=False, show_progress=False)
