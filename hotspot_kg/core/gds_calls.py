"""Which Graph Data Science procedures and functions a read-only path lets through: an allow-list.

GDS declares its catalog procedures (``gds.graph.project``, ``gds.graph.drop``, ``gds.*.mutate``, ...) as
READ procedures: they change no stored data, so Neo4j plans a query calling them as a read. They build and
drop in-memory graphs on the server's heap, though, so a visitor of the explorer's console could fill the
heap (which brings the database down) or drop a projection that an analysis is using. The read-only paths
(``hotspot-kg cypher``, the console, the Python API's ``cypher``) therefore allow only the GDS calls that
read: the ``stream``, ``stats`` and ``estimate`` modes of the algorithms, and the listed catalog, model
and utility calls. Anything else of the ``gds`` namespace is refused, including names GDS adds later.

The names are found in the query's text (strings and comments left out, back-quoted names unquoted,
spaces around dots removed, case ignored, as Cypher resolves functions) and in the names of the
procedures that the server's plan calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# modes of an algorithm (or of a catalog call) that only read the graph
READ_MODES = ("stream", "stats", "estimate")
# whole namespaces of pure functions or read-only lookups
READ_NAMESPACES = ("gds.util.", "gds.similarity.")
READ_CALLS = frozenset(
    name.lower()
    for name in (
        "gds.version",
        "gds.list",
        "gds.license.state",
        "gds.debug.sysInfo",
        "gds.debug.arrow",
        "gds.graph.list",
        "gds.graph.exists",
        "gds.model.list",
        "gds.model.exists",
        "gds.beta.model.list",
        "gds.beta.model.exists",
        "gds.pipeline.list",
        "gds.pipeline.exists",
        "gds.beta.pipeline.list",
        "gds.beta.pipeline.exists",
        "gds.listProgress",
        "gds.beta.listProgress",
        "gds.userLog",
        "gds.alpha.userLog",
        "gds.systemMonitor",
        "gds.alpha.systemMonitor",
        "gds.memory.list",
        "gds.memory.summary",
    )
)

# what a query's text holds besides names: back-quoted names, strings and comments, in order of appearance
_TOKENS = re.compile(
    r"`(?P<quoted>(?:[^`]|``)*)`"
    r"|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
    r"|//[^\n]*|/\*.*?\*/",
    re.DOTALL,
)
_DOT = re.compile(r"\s*\.\s*")
_GDS = re.compile(r"(?<![\w$.])gds(?:\.[A-Za-z_][A-Za-z0-9_]*)+", re.IGNORECASE)


def _names_only(query: str) -> str:
    def keep(match: re.Match[str]) -> str:
        quoted = match.group("quoted")
        return quoted.replace("``", "`") if quoted is not None else " "

    return _DOT.sub(".", _TOKENS.sub(keep, query))


def gds_names(query: str) -> list[str]:
    """The ``gds.*`` procedures and functions named in ``query``, lower case, in order of first use."""
    return list(dict.fromkeys(m.group(0).lower() for m in _GDS.finditer(_names_only(query))))


def allowed(name: str) -> bool:
    """Whether the GDS procedure or function ``name`` only reads (see the module's docstring)."""
    name = name.lower()
    return name in READ_CALLS or name.rsplit(".", 1)[-1] in READ_MODES or name.startswith(READ_NAMESPACES)


def refused(names: Iterable[str]) -> list[str]:
    """The names of ``names`` that a read-only path refuses."""
    return [n for n in dict.fromkeys(n.lower() for n in names) if n.startswith("gds.") and not allowed(n)]
