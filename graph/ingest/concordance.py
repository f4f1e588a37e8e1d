"""WIPO's IPC-technology concordance: IPC codes to the 35 technology fields in 5 sectors.

The table is project data (``graph/ingest/data/technology_concordance.csv``, see the README there for
the source and attribution: WIPO, after Schmoch 2008). Each row maps a subclass (``H04L``) or a
main group (``H04N 21/00``) to a field; a main-group row overrides the row of its subclass, so
``H04N 21/12`` is in field 4 (digital communication) while ``H04N 5/44`` is in field 2.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graph.ingest.ipc import ancestors


@dataclass(frozen=True, slots=True)
class TechField:
    id: int
    name: str
    sector: str


@dataclass(frozen=True, slots=True)
class Concordance:
    fields: dict[int, TechField]
    by_subclass: dict[str, int]
    by_main_group: dict[str, int]


@lru_cache(maxsize=1)
def concordance() -> Concordance:
    """The concordance table, loaded once."""
    text = (
        resources.files("graph.ingest")
        .joinpath("data/technology_concordance.csv")
        .read_text(encoding="utf-8")
    )
    fields: dict[int, TechField] = {}
    by_level: dict[str, dict[str, int]] = {"subclass": {}, "main_group": {}}
    for row in csv.DictReader(io.StringIO(text)):
        field = TechField(int(row["field_id"]), row["field"], row["sector"])
        fields.setdefault(field.id, field)
        by_level[row["level"]][row["ipc"]] = field.id
    return Concordance(fields, by_level["subclass"], by_level["main_group"])


def field_of(code: str) -> int | None:
    """The WIPO field (1..35) of a canonical IPC code, None above subclass level or when unmapped."""
    table = concordance()
    lineage = ancestors(code)
    main_group = lineage.get("main_group")
    if main_group is not None and main_group in table.by_main_group:
        return table.by_main_group[main_group]
    subclass = lineage.get("subclass")
    return table.by_subclass.get(subclass) if subclass is not None else None


def fields() -> list[TechField]:
    """The 35 technology fields, by id."""
    return sorted(concordance().fields.values(), key=lambda f: f.id)
