"""The PatentsView reader on Spark: a folder of ``g_*`` tables (``.tsv`` or ``.tsv.zip``) to the canonical
tables as DataFrames, with the records, rejects and notices of the in-process
:mod:`graph.ingest.readers.patentsview`.

The tables are read by :mod:`graph.ingest.spark.tables` (TSV quoting, ``NULL``, fields over several lines)
and turned into canonical rows with Spark SQL. Each canonical frame carries ``_rank``, the place of its
source file in the in-process reading order (g_application, g_patent, g_location_disambiguated,
g_assignee_disambiguated, g_inventor_disambiguated, g_ipc_at_issue, g_us_patent_citation, each in its
parts' order), so the validator sees the rows of a table in the order the in-process reader yields them.

What the in-process reader does once per thing is done once here too, in the same order:

* the filing date of a patent is the last ``g_application`` row's, a location the last
  ``g_location_disambiguated`` row's;
* an applicant (inventor) row is made from the first assignee (inventor) row that names it;
* a location is placed once, at its first reference, by the in-process code itself on the driver: the
  distinct locations referenced are few (PatentsView has about 100k), and the gazetteer and its notices
  are then the in-process ones exactly; a city row comes with the first reference of a location placed
  there. The result is a broadcast table;
* applicants are typed by :func:`graph.ingest.stakeholders.classify` in a pandas UDF over the distinct
  (name, assignee type, person) of the applicants.

Ids and dates are made by Spark SQL for ASCII values; the rare values with other characters go through
the in-process functions (``publication_id``, ``iso_date``) in a pandas UDF, since Python's ``\\d`` and
``\\s`` match more than Java's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from graph.ingest.readers import patentsview as local
from graph.ingest.readers.common import Notices, iso_date, publication_id
from graph.ingest.readers.tables import find_tables
from graph.ingest.readers.uspto_xml import ORIGINS
from graph.ingest.records import ROW_ERROR, TABLES
from graph.ingest.spark import parsers as P
from graph.ingest.spark import rows as R
from graph.ingest.spark import tables
from graph.ingest.spark.delimited import RANK, union
from graph.ingest.stakeholders import classify
from graph.ingest.validate import FILE, LINE

ORDER = ("g_application", "g_patent", "g_location_disambiguated", "g_assignee_disambiguated",
         "g_inventor_disambiguated", "g_ipc_at_issue", "g_us_patent_citation")  # fmt: skip
OPTIONAL = {"g_patent": ("withdrawn",)}


def us_id(raw: Column) -> Column:
    """``publication_id("US", raw)`` for an ASCII ``raw`` (null where it gives None)."""
    compact = F.regexp_replace(F.upper(F.coalesce(raw, F.lit(""))), r"[ \t\n\x0B\f\r\x1C-\x1F/,.\-]", "")
    compact = F.when(compact.rlike("^US[0-9]"), F.substring(compact, 3, 1 << 30)).otherwise(compact)
    pattern = r"^([A-Z]*)0*([0-9][0-9A-Z]*)$"
    return F.when(
        compact.rlike(pattern),
        F.concat(F.lit("US"), F.regexp_extract(compact, pattern, 1), F.regexp_extract(compact, pattern, 2)),
    )


def _python_us_id(raw: str | None) -> str | None:
    return publication_id("US", raw or "")


def zfill2(raw: Column) -> Column:
    """Python's ``str.zfill(2)``."""
    text = F.coalesce(raw, F.lit(""))
    return (
        F.when(F.length(text) >= 2, text)
        .when(text.isin("+", "-"), F.concat(text, F.lit("0")))
        .otherwise(F.lpad(text, 2, "0"))
    )


def seq(raw: Column) -> Column:
    """PatentsView's sequences count from 0, the canonical one from 1 (``_seq``; ASCII digits only, as
    ``str.isdigit`` and ``int`` agree on them)."""
    return F.when(raw.rlike("^[0-9]+$"), (raw.cast("decimal(38,0)") + 1).cast("string"))


class _Spark(R.Reading):
    """One read: the source frames (with ``_rank``), the rows made so far per canonical table, notices."""

    state: local._Read

    def problems(self, name: str, table: str, prefix: bool = True) -> DataFrame:
        """The rows of ``name`` that could not be read, rejected as the in-process reader does."""
        frame = self.source[name].where(F.col(ROW_ERROR).isNotNull())
        reason = F.concat(F.lit(f"{name}: "), F.col(ROW_ERROR)) if prefix else F.col(ROW_ERROR)
        return R.rejects(table, frame, reason)

    def patents(self) -> DataFrame:
        """The patents rows and rejects; returns the ids of the patents read (``patents`` in process)."""
        app = self.source["g_application"]
        self.out["patents"].append(self.problems("g_application", "patents"))
        filing = R.first(
            app.where(F.col(ROW_ERROR).isNull() & F.col("patent_id").isNotNull()), "patent_id", last=True
        )
        filing = filing.select(F.col("patent_id").alias("_raw"), F.col("filing_date").alias("_filing"))
        filing = R.exactly(filing, {"_date": ("_filing", R.day(F.col("_filing")), iso_date)})
        pat = self.source["g_patent"]
        self.out["patents"].append(self.problems("g_patent", "patents", prefix=False))
        pat = R.exactly(
            pat.where(F.col(ROW_ERROR).isNull()),
            {"_pid": ("patent_id", us_id(F.col("patent_id")), _python_us_id)},
        )
        nonumber = F.concat(F.lit("patent_id "), F.coalesce(P.py_repr(F.col("patent_id")), F.lit("None")),
                            F.lit(" is not a number"))  # fmt: skip
        self.out["patents"].append(R.rejects("patents", pat.where(F.col("_pid").isNull()), nonumber))
        pat = pat.where(F.col("_pid").isNotNull())
        withdrawn = ~F.coalesce(F.col("withdrawn"), F.lit("0")).isin("0", "false", "False")
        for row in pat.where(withdrawn).select(FILE, LINE, "_pid").orderBy(RANK, LINE).collect():
            self.notice(row[0], row[1], "patents", f"{row[2]} is withdrawn; skipped")
        pat = pat.where(~withdrawn).join(filing, F.col("patent_id") == F.col("_raw"), "left")
        nodate = F.concat(F.col("_pid"), F.lit(": no valid filing_date in g_application"))
        self.out["patents"].append(R.rejects("patents", pat.where(F.col("_date").isNull()), nodate))
        good = pat.where(F.col("_date").isNotNull())
        values = {"patent_id": F.col("_pid"), "filing_date": F.col("_date"), "year": F.substring("_date", 1, 4),
                  "office": F.lit("US"), "kind": F.col("wipo_kind"), "title": F.col("patent_title")}  # fmt: skip
        self.out["patents"].append(R.rows("patents", good, values))
        return self.keep(good.select(F.col("_pid").alias("_known")).distinct())

    def about_patents(self, name: str, table: str, known: DataFrame) -> DataFrame:
        """The readable rows of ``name`` about a patent read (``_pid``); the others are rejected (unreadable)
        or skipped and counted (``_skipped``, one notice per table)."""
        self.out[table].append(self.problems(name, table))
        frame = self.source[name].where(F.col(ROW_ERROR).isNull())
        frame = R.exactly(frame, {"_pid": ("patent_id", us_id(F.col("patent_id")), _python_us_id)})
        frame = frame.join(known, F.col("_pid") == F.col("_known"), "left")
        self.skipped[name] = frame.where(F.col("_known").isNull())
        return frame.where(F.col("_known").isNotNull()).drop("_known")

    skipped: dict[str, DataFrame]

    def read(self) -> dict[str, DataFrame]:
        self.skipped = {}
        known = self.patents()
        self.out["cities"].append(self.problems("g_location_disambiguated", "cities"))
        assignees = self.about_patents("g_assignee_disambiguated", "applicants", known)
        inventors = self.about_patents("g_inventor_disambiguated", "inventors", known)
        org = F.col("disambig_assignee_organization")
        person = F.concat_ws(
            " ", "disambig_assignee_individual_name_first", "disambig_assignee_individual_name_last"
        )
        name = F.coalesce(org, F.when(person != "", person))
        assignees = assignees.withColumn("_name", name)
        bad = F.col("assignee_id").isNull() | F.col("_name").isNull()
        self.out["applicants"].append(
            R.rejects(
                "applicants",
                assignees.where(bad),
                F.concat(F.col("_pid"), F.lit(": assignee without id or name")),
            )
        )
        assignees = assignees.where(~bad).withColumn(
            "_who", F.concat(F.col("_pid"), F.lit(" assignee "), F.col("_name"))
        )
        inventor_name = F.concat_ws(" ", "disambig_inventor_name_first", "disambig_inventor_name_last")
        inventors = inventors.withColumn("_name", inventor_name)
        self.out["inventors"].append(
            R.rejects("inventors", inventors.where(F.col("inventor_id").isNull()),
                     F.concat(F.col("_pid"), F.lit(": inventor without inventor_id")))
        )  # fmt: skip
        inventors = inventors.where(F.col("inventor_id").isNotNull())
        inventors = inventors.withColumn("_who", F.concat(F.col("_pid"), F.lit(" inventor "), F.col("_name")))
        placed = self.places(assignees, inventors)
        assignees = self.keep(assignees.join(F.broadcast(placed), "location_id", "left"))
        inventors = self.keep(inventors.join(F.broadcast(placed), "location_id", "left"))
        self.applicants(assignees)
        first = R.first(inventors.withColumn("_iid", F.concat(F.lit("pv:"), "inventor_id")), "_iid")
        self.out["inventors"].append(R.rows("inventors", first, {"inventor_id": F.col("_iid"),
                                                                "name": F.when(F.col("_name") != "", F.col("_name")),
                                                                "city_id": F.col("_city")}))  # fmt: skip
        self.out["patent_inventors"].append(R.rows("patent_inventors", inventors, {
            "patent_id": F.col("_pid"), "inventor_id": F.concat(F.lit("pv:"), "inventor_id"),
            "seq": seq(F.col("inventor_sequence"))}))  # fmt: skip
        self.ipc(self.about_patents("g_ipc_at_issue", "patent_ipc", known))
        self.citations(self.about_patents("g_us_patent_citation", "citations", known))
        self.skip_notices()
        return self.tables()

    def places(self, assignees: DataFrame, inventors: DataFrame) -> DataFrame:
        """``(location_id, _city)`` of every location referenced, placed by the in-process code at its first
        reference; the city rows and notices it makes are the in-process ones."""
        refs = union([f.where(F.col("location_id").isNotNull()).select("location_id", "_who", *R.PROVENANCE)
                       for f in (assignees, inventors)])  # fmt: skip
        first = R.first(refs, "location_id")
        locations = self.source["g_location_disambiguated"].where(
            F.col(ROW_ERROR).isNull() & F.col("location_id").isNotNull()
        )
        locations = R.first(locations, "location_id", last=True).drop(*R.PROVENANCE, ROW_ERROR)
        columns = list(local.COLUMNS["g_location_disambiguated"])
        found = first.join(locations.withColumn("_known", F.lit(True)), "location_id", "left")
        state = self.state
        mapping: list[tuple[str, str | None]] = []
        cities: list[tuple[Any, ...]] = []
        for row in found.orderBy(RANK, LINE).collect():
            location_id = row["location_id"]
            if row["_known"]:
                state.locations[location_id] = {c: row[c] for c in columns}
            city_id, rows = state.place(row[FILE], row[LINE], location_id, row["_who"])
            mapping.append((location_id, city_id))
            for city in rows:
                values = [city.values.get(c) for c in TABLES["cities"].columns]
                cities.append((*values, None, city.file, city.line, row[RANK]))
        if cities:
            self.out["cities"].append(self.frame_of("cities", cities))
        return self.spark.createDataFrame(mapping, "location_id string, _city string")

    def applicants(self, assignees: DataFrame) -> None:
        assignees = assignees.withColumn("_aid", F.concat(F.lit("pv:"), "assignee_id"))
        first = R.first(assignees, "_aid")
        person = F.col("disambig_assignee_organization").isNull()
        kinds = first.select(F.col("_name").alias("_k_name"), F.col("assignee_type").alias("_k_role"),
                             person.alias("_k_person")).distinct()  # fmt: skip
        kinds = kinds.select("*", _kind()("_k_name", "_k_role", "_k_person").alias("_kind"))
        on = (F.col("_name") == F.col("_k_name")) & F.col("assignee_type").eqNullSafe(F.col("_k_role"))
        typed = first.join(kinds, on & (person == F.col("_k_person")), "left")
        self.out["applicants"].append(R.rows("applicants", typed, {
            "applicant_id": F.col("_aid"), "name": F.col("_name"), "type": F.col("_kind.type"),
            "type_rule": F.col("_kind.rule"), "city_id": F.col("_city")}))  # fmt: skip
        self.out["patent_applicants"].append(R.rows("patent_applicants", assignees, {
            "patent_id": F.col("_pid"), "applicant_id": F.col("_aid"), "seq": seq(F.col("assignee_sequence"))}))  # fmt: skip

    def ipc(self, rows: DataFrame) -> None:
        code = F.concat(F.coalesce(F.col("section"), F.lit("")), zfill2(F.col("ipc_class")),
                        F.coalesce(F.col("subclass"), F.lit("")))  # fmt: skip
        group = F.concat(
            F.lit(" "), F.col("main_group"), F.lit("/"), F.coalesce(F.col("subgroup"), F.lit("00"))
        )
        code = F.when(F.col("main_group").isNotNull(), F.concat(code, group)).otherwise(code)
        nosection = F.col("section").isNull()
        self.out["patent_ipc"].append(
            R.rejects(
                "patent_ipc",
                rows.where(nosection),
                F.concat(F.col("_pid"), F.lit(": IPC row without section")),
            )
        )
        self.out["patent_ipc"].append(R.rows("patent_ipc", rows.where(~nosection), {
            "patent_id": F.col("_pid"), "ipc_code": code, "seq": seq(F.col("ipc_sequence"))}))  # fmt: skip

    def citations(self, rows: DataFrame) -> None:
        rows = R.exactly(
            rows, {"_cited": ("citation_patent_id", us_id(F.col("citation_patent_id")), _python_us_id)}
        )
        raw = F.col("citation_patent_id")
        reason = F.concat(F.col("_pid"), F.lit(": citation_patent_id "), F.coalesce(P.py_repr(raw), F.lit("None")),
                          F.lit(" is not a number"))  # fmt: skip
        self.out["citations"].append(R.rejects("citations", rows.where(F.col("_cited").isNull()), reason))
        category = F.lower(F.coalesce(F.col("citation_category"), F.lit("")))
        origin = F.coalesce(F.create_map(*[F.lit(x) for pair in ORIGINS.items() for x in pair])[category],
                            F.lit("unknown"))  # fmt: skip
        self.out["citations"].append(R.rows("citations", rows.where(F.col("_cited").isNotNull()), {
            "citing_id": F.col("_pid"), "cited_id": F.col("_cited"), "origin": origin}))  # fmt: skip

    def skip_notices(self) -> None:
        """One notice per table of the rows about patents not in g_patent (one Spark job for all)."""
        names = list(self.skipped)
        counts = [
            self.skipped[n].agg(F.lit(k).alias("_t"), F.count("*").alias("_n")) for k, n in enumerate(names)
        ]
        for k, n in sorted(tuple(r) for r in union(counts).collect()) if counts else []:
            if n:
                self.notice(
                    str(self.state.folder), 0, names[k], f"{n} row(s) about patents not in g_patent skipped"
                )


def _kind() -> Any:
    def kinds(name: pd.Series, role: pd.Series, person: pd.Series) -> pd.DataFrame:
        decided = [classify(n, uspto_role=None if r is None or r != r else r, person=bool(p))
                   for n, r, p in zip(name, role, person, strict=True)]  # fmt: skip
        return pd.DataFrame(decided, columns=["type", "rule"])

    return F.pandas_udf(kinds, "type string, rule string")  # type: ignore[call-overload]


def frames(
    spark: SparkSession,
    path: Path,
    scratch: Path,
    notices: Notices | None = None,
    persisted: list[DataFrame] | None = None,
    min_partitions: int | None = None,
) -> dict[str, DataFrame]:
    """The canonical tables of the PatentsView folder at ``path`` as DataFrames (with ``_rank``); the
    notices are appended to ``notices``. Zipped tables are unpacked into ``scratch``."""
    state = local.opened(path, notices)
    wanted = {}
    for name in ORDER:
        files = find_tables(state.folder, name)
        for file in files:
            state.check_header(file, name)
        wanted[name] = tables.Table(files, local.COLUMNS[name], OPTIONAL.get(name, ()))
    persisted = [] if persisted is None else persisted
    read = tables.read(spark, wanted, "\t", scratch, persisted, min_partitions)
    columns = {name: (*local.COLUMNS[name], *OPTIONAL.get(name, ())) for name in ORDER}
    return _Spark(spark, state, read, columns, persisted).read()
