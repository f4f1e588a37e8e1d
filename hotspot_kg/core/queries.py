"""The Cypher query library: one named query per ``graph/cypher/NAME.cypher`` file.

A file opens with a header of ``//`` comment lines, its docstring, in which parameters are
declared the way Neo4j Browser sets them, so the file runs unchanged after the ``:param`` lines::

    // Patents per city and year.
    // :param first_year => 1980
    // :param cities => null
    MATCH (p:Patent) WHERE p.year >= $first_year ...

Parameters are checked when the file loads (every ``$name`` used is declared, every declared one
is used) and when the query is called (unknown names are refused; undeclared defaults must be
given). Errors name the file and line.

A file may hold several statements separated by ``;`` at the end of a line (the schema does);
:meth:`NamedQuery.statements` splits them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from hotspot_kg.core.errors import QueryError

CYPHER_DIR = Path(__file__).resolve().parents[2] / "graph" / "cypher"  # the query files stay with the graph

_PARAM_DECL = re.compile(r"^//\s*:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.*?)\s*;?\s*$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_REQUIRED = object()


def _literal(text: str, where: str) -> Any:
    """A Cypher literal from a ``:param`` line (numbers, strings, booleans, null, lists, maps)."""
    if text in ("", "required"):
        return _REQUIRED
    py = re.sub(r"\btrue\b", "True", text)
    py = re.sub(r"\bfalse\b", "False", py)
    py = re.sub(r"\bnull\b", "None", py)
    py = re.sub(r"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:", r"\1'\2':", py)
    try:
        return ast.literal_eval(py)
    except (ValueError, SyntaxError):
        raise QueryError(f"{where}: the default {text!r} is not a Cypher literal") from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    doc: str
    text: str
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @property
    def params(self) -> list[str]:
        return list(self.defaults)

    def bind(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The parameters to send: defaults overridden by ``params``; unknown or missing ones refused."""
        params = dict(params or {})
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            raise QueryError(
                f"query {self.name!r} ({self.path}) takes no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(self.defaults) or 'none'}"
            )
        bound = {k: params.get(k, v) for k, v in self.defaults.items()}
        missing = [k for k, v in bound.items() if v is _REQUIRED]
        if missing:
            raise QueryError(f"query {self.name!r} ({self.path}) needs a value for {', '.join(missing)}")
        return bound

    def statements(self) -> list[str]:
        """The statements of the file, split at ``;`` that ends a line (comments removed)."""
        body = "\n".join(line for line in self.text.splitlines() if not line.lstrip().startswith("//"))
        return [s.strip() for s in re.split(r";\s*$", body, flags=re.MULTILINE) if s.strip()]


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    doc: list[str] = []
    defaults: dict[str, Any] = {}
    declared_at: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        match = _PARAM_DECL.match(stripped)
        if match:
            name, value = match.groups()
            if name in defaults:
                raise QueryError(f"{path}:{number}: parameter ${name} is declared twice")
            defaults[name] = _literal(value, f"{path}:{number}")
            declared_at[name] = number
        else:
            doc.append(stripped[2:].strip())
    if not any(doc):
        raise QueryError(f"{path}:1: a query file opens with a // comment that says what it computes")
    used: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        code = line.split("//", 1)[0] if not line.lstrip().startswith("//") else ""
        for name in _PARAM_USE.findall(_STRING.sub("''", code)):
            used.setdefault(name, number)
    for name, number in used.items():
        if name not in defaults:
            raise QueryError(
                f"{path}:{number}: ${name} is used but not declared; add `// :param {name} => <default>` "
                "to the header"
            )
    for name, number in declared_at.items():
        if name not in used:
            raise QueryError(f"{path}:{number}: ${name} is declared but never used")
    return NamedQuery(path.stem, path, "\n".join(doc).strip(), text, defaults)


@cache
def load(name: str) -> NamedQuery:
    """The named query ``graph/cypher/<name>.cypher``."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in CYPHER_DIR.glob("*.cypher")))
        raise QueryError(f"no query named {name!r} in {CYPHER_DIR}; known: {known}")
    return parse(path)


def names() -> list[str]:
    return sorted(p.stem for p in CYPHER_DIR.glob("*.cypher"))
