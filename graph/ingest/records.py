"""The record contract between readers, validation and loaders.

Every reader (``graph.ingest.readers.<format>``) turns its source into :class:`Row` objects of the
canonical tables below (the columns of the canonical CSV input in ``shared/spec/graph-model.md``,
plus ``type_rule`` and ``country``-level extras where a source has them). A row remembers the file
and line it came from, so a rejected row can be named exactly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    key: tuple[str, ...]


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "cities",
            ("city_id", "name", "country", "lat", "lon", "province"),
            ("city_id", "name", "country"),
            ("city_id",),
        ),
        Table(
            "applicants",
            ("applicant_id", "name", "type", "type_rule", "city_id"),
            ("applicant_id", "name"),
            ("applicant_id",),
        ),
        Table("inventors", ("inventor_id", "name", "city_id"), ("inventor_id",), ("inventor_id",)),
        Table(
            "patents",
            ("patent_id", "filing_date", "year", "priority_year", "office", "kind", "family_id", "title"),
            ("patent_id",),
            ("patent_id",),
        ),
        Table(
            "patent_applicants",
            ("patent_id", "applicant_id", "seq"),
            ("patent_id", "applicant_id"),
            ("patent_id", "applicant_id"),
        ),
        Table(
            "patent_inventors",
            ("patent_id", "inventor_id", "seq"),
            ("patent_id", "inventor_id"),
            ("patent_id", "inventor_id"),
        ),
        Table(
            "patent_ipc",
            ("patent_id", "ipc_code", "seq"),
            ("patent_id", "ipc_code"),
            ("patent_id", "ipc_code"),
        ),
        Table(
            "citations",
            ("citing_id", "cited_id", "origin"),
            ("citing_id", "cited_id"),
            ("citing_id", "cited_id"),
        ),
        Table("ownership", ("applicant_id", "ownership"), ("applicant_id", "ownership"), ("applicant_id",)),
    )
}

# The order in which tables are loaded, so that references point at rows already loaded.
LOAD_ORDER: tuple[str, ...] = (
    "cities",
    "applicants",
    "inventors",
    "ownership",
    "patents",
    "patent_applicants",
    "patent_inventors",
    "patent_ipc",
    "citations",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One record of a canonical table, with where it came from."""

    table: str
    values: dict[str, str | None]
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Reject:
    """A row that was not loaded, and why."""

    file: str
    line: int
    table: str
    reason: str
