"""The console's parameter handling (pure): which ``$params`` a query uses and how a field's text is read."""

from __future__ import annotations

import json
import re
from typing import Any

from hotspot_kg.core import gds_calls

_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def parameters(query: str) -> list[str]:
    """The ``$names`` a query uses, in order of first use (strings and comments ignored)."""
    return list(dict.fromkeys(_PARAM.findall(_STRING.sub("", query))))


def value(text: str) -> Any:
    """A field's value: JSON when it parses (numbers, true/false/null, lists, maps, "strings"), else the text."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        if stripped.startswith("'") and stripped.endswith("'") and len(stripped) >= 2:
            return stripped[1:-1]
        return stripped


def show(default: Any) -> str:
    """A default value as the text of its field."""
    return "" if default is None else json.dumps(default)


_CHANGES = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|GRANT|DENY|REVOKE|FOREACH|LOAD\s+CSV|"
    r"IN\s+TRANSACTIONS|TERMINATE|START|STOP|ENABLE|RENAME)\b|\.(write|mutate|drop)\b|\bdbms\.",
    re.IGNORECASE,
)


def may_change(query: str) -> bool:
    """Whether a query's text holds a clause that writes, changes the schema or administers, a GDS call
    that writes, mutates or drops, or a ``dbms.`` procedure (not planned as a read); strings and
    comments ignored. A cheap filter for the console's examples; the server still plans every query
    that runs, and refuses whatever is not a read (and GDS calls off the allow-list of
    :mod:`hotspot_kg.core.gds_calls`)."""
    changes = bool(_CHANGES.search(_STRING.sub("", query)))
    return changes or bool(gds_calls.refused(gds_calls.gds_names(query)))
