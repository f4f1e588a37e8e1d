"""OpenAlex's 26 science fields in 4 domains (``graph/ingest/data/openalex_fields.csv``).

A work's field is OpenAlex's ``primary_topic.field``; an input may name it by id (``17``), by OpenAlex
URL (``https://openalex.org/fields/17``) or by name (``Computer Science``, any case).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Field:
    id: int
    name: str
    domain_id: int
    domain: str


@cache
def fields() -> tuple[Field, ...]:
    text = resources.files("graph.ingest").joinpath("data/openalex_fields.csv").read_text(encoding="utf-8")
    return tuple(
        Field(int(r["field"]), r["name"], int(r["domain_id"]), r["domain"])
        for r in csv.DictReader(io.StringIO(text))
    )


@cache
def _lookup() -> dict[str, Field]:
    found: dict[str, Field] = {}
    for f in fields():
        found[str(f.id)] = f
        found[f.name.casefold()] = f
    return found


_URL = re.compile(r"^(?:https?://openalex\.org/)?fields/(\d+)$", re.IGNORECASE)


def field(raw: str) -> Field | None:
    """The field an input value names (id, OpenAlex URL or name), None when it names none."""
    text = raw.strip()
    match = _URL.match(text)
    return _lookup().get(match.group(1) if match else text.casefold())


def domains() -> dict[str, int]:
    """Domain name -> OpenAlex domain id."""
    return {f.domain: f.domain_id for f in fields()}
