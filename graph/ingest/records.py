"""The record contract between readers, validation and loaders.

Every reader (``graph.ingest.readers.<format>``) turns its source into :class:`Row` objects of the
canonical tables below (the columns of the canonical CSV input in ``shared/spec/graph-model.md``,
plus ``type_rule`` and ``country``-level extras where a source has them). A row remembers the file
and line it came from, so a rejected row can be named exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

# The columns of city_context.csv: the key, the economy, R&D spending and performers, and the source.
CONTEXT_VALUES: tuple[str, ...] = (
    "gdp_per_capita",
    "population",
    "rd_expenditure",
    "rd_intensity",
    "rd_share_basic",
    "rd_share_applied",
    "rd_share_experimental",
    "rd_share_business",
    "rd_share_government",
    "rd_share_higher_education",
)
CONTEXT_COLUMNS: tuple[str, ...] = ("area_id", "year", "currency_basis", *CONTEXT_VALUES, "source")


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
        # the science side (graph.ingest.science): publications, their institutions, and the economic context
        Table(
            "institutions",
            ("institution_id", "name", "type", "ror", "country", "city_id"),
            ("institution_id", "name"),
            ("institution_id",),
        ),
        Table("works", ("work_id", "year", "type", "field", "domain"), ("work_id", "year"), ("work_id",)),
        Table(
            "work_institutions",
            ("work_id", "institution_id", "seq"),
            ("work_id", "institution_id"),
            ("work_id", "institution_id"),
        ),
        Table("city_context", CONTEXT_COLUMNS, ("area_id", "year", "source"), ("area_id", "year")),
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

# The science tables (graph.ingest.science), loaded by ``hotspot-kg load science DIR``, in their order.
SCIENCE_ORDER: tuple[str, ...] = ("cities", "institutions", "works", "work_institutions", "city_context")


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


# A reader puts a row-level problem it found (say, the wrong number of fields) under this key of
# ``Row.values``; validation rejects the row with that reason.
ROW_ERROR = "_error"
