"""The PATSTAT reader on Spark: a folder of ``tls*`` CSV exports (plain, zipped, in parts) to the canonical
tables as DataFrames, with the records, rejects and notices of the in-process
:mod:`graph.ingest.readers.patstat`.

The tables are read by :mod:`graph.ingest.spark.tables` (CSV quoting, ``NULL``, fields over several lines)
and turned into canonical rows with Spark SQL. Each canonical frame carries ``_rank``, the place of its
source file in the in-process reading order (tls201, tls904, tls206, tls211, tls207, tls209, tls212, each in
its parts' order), so the validator sees the rows of a table in the order the in-process reader yields them.

What the in-process reader does once is done once here too, in the same order:

* a NUTS label, a person and a publication are the last row of ``tls904``, ``tls206``, ``tls211`` that
  gives them;
* a person is placed once, at the first ``tls207`` row that needs it (about a patent read, the person
  known, an applicant or inventor sequence above 0): the parts of its address (last first), then its NUTS
  label, are resolved by the gazetteer in a pandas UDF over the distinct (part, country) pairs, and the
  first part found wins; a person placed nowhere is noticed at that row, a city row comes with the first
  person placed there;
* an applicant (inventor) row is made from the first ``tls207`` row that names it, and applicants are typed
  by :func:`graph.ingest.stakeholders.classify` in a pandas UDF over the distinct (name, psn_sector);
* IPC rows are numbered per application in reading order; citations skipped are counted per reason.

Python's whitespace (``str.split``) is matched by an explicit class; the rare values with other non-ASCII
characters where Python and Spark SQL differ (``str.isdigit``, ``\\d`` in dates, ``str.upper``) are mapped
by the in-process functions on the driver (distinct values) and joined back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from graph.ingest.cities import gazetteer
from graph.ingest.readers import patstat as local
from graph.ingest.readers.common import Notices, iso_date
from graph.ingest.readers.tables import find_tables
from graph.ingest.records import ROW_ERROR
from graph.ingest.spark import rows as R
from graph.ingest.spark import tables
from graph.ingest.spark.delimited import RANK
from graph.ingest.stakeholders import classify
from graph.ingest.validate import FILE, LINE

# the in-process reading order of the tables (tls904, tls206 and tls211 are read before tls207)
ORDER = ("tls201_appln", "tls904_nuts", "tls206_person", "tls211_pat_publn", "tls207_pers_appln",
         "tls209_appln_ipc", "tls212_citation")  # fmt: skip
OPTIONAL = {"tls206_person": ("nuts",)}
# the characters of Python's str.split() and str.strip()
SPACE = (
    r"[\t\n\x0B\f\r\x1C-\x1F \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]+"
)
CITY = ("city_id", "name", "country", "lat", "lon", "province")


def text(raw: Column) -> Column:
    """:func:`graph.ingest.readers.common.text` of a value the table reader has stripped."""
    return F.regexp_replace(raw, SPACE, " ")


def v(raw: Column | str) -> Column:
    """The in-process ``_v``: the value as :func:`text` gives it, null for PATSTAT's "unknown" defaults."""
    value = text(F.col(raw) if isinstance(raw, str) else raw)
    return F.when(~value.isin(*local.UNKNOWN), value)


def positive(raw: Column) -> Column:
    """``str(_positive(raw))`` for an ASCII ``raw``, null where it is 0."""
    number = F.regexp_replace(raw, "^0+", "")
    return F.when(raw.rlike("^[0-9]+$") & (number != ""), number)


def origin(raw: Column) -> Column:
    """The canonical origin of an ASCII ``citn_origin``."""
    names = F.create_map(*[F.lit(x) for pair in local.ORIGINS.items() for x in pair])
    return F.coalesce(names[F.upper(F.coalesce(raw, F.lit("")))], F.lit("unknown"))


def _python_day(raw: str | None) -> str | None:
    return iso_date(local._v({"x": raw}, "x"))


def _python_positive(raw: str | None) -> str | None:
    return str(n) if (n := local._positive(raw)) else None


def _python_origin(raw: str | None) -> str | None:
    return local.ORIGINS.get((raw or "").strip().upper(), "unknown")


def _resolve() -> Any:
    """The pandas UDF of the gazetteer: the ``cities`` row values of each (part, country), null where none."""

    def resolve(part: pd.Series, country: pd.Series) -> pd.DataFrame:
        gaz = gazetteer()
        rows: list[dict[str, str | None]] = []
        for p, c in zip(part, country, strict=True):
            found = gaz.resolve(None if p is None else str(p), None if c is None else str(c))
            rows.append(found.row() if found is not None else dict.fromkeys(CITY))
        return pd.DataFrame(rows, columns=list(CITY))

    schema = ", ".join(f"{c} string" for c in CITY)
    return F.pandas_udf(resolve, schema)  # type: ignore[call-overload]


def _kind() -> Any:
    """The pandas UDF of :func:`classify` of an applicant's name and psn_sector."""

    def kinds(name: pd.Series, sector: pd.Series) -> pd.DataFrame:
        decided = [classify(None if n is None else str(n), psn_sector=None if s is None else str(s))
                   for n, s in zip(name, sector, strict=True)]  # fmt: skip
        return pd.DataFrame(decided, columns=["type", "rule"])

    return F.pandas_udf(kinds, "type string, rule string")  # type: ignore[call-overload]


class _Spark(R.Reading):
    """One read: the source frames (with ``_rank``), the rows made so far per canonical table, notices."""

    state: local._Read

    def good(self, name: str) -> DataFrame:
        """The readable rows of ``name``; the others are rejected as the in-process ``usable`` does."""
        frame = self.source[name]
        table = local.CANONICAL[name]
        problems = frame.where(F.col(ROW_ERROR).isNotNull())
        self.out[table].append(R.rejects(table, problems, F.concat(F.lit(f"{name}: "), F.col(ROW_ERROR))))
        return frame.where(F.col(ROW_ERROR).isNull())

    def read(self) -> dict[str, DataFrame]:
        known = self.patents()
        nuts = self.lookups()
        self.persons(known, nuts)
        self.ipc(known)
        self.citations(known)
        return self.tables()

    def patents(self) -> DataFrame:
        """The patents rows and rejects; the ids of the patents read (``_known``: ``patents`` in process)."""
        rows = R.exactly(self.good("tls201_appln"), {"_date": ("appln_filing_date", R.day(v("appln_filing_date")),
                                                                _python_day)})  # fmt: skip
        appln, year = v("appln_id"), v("appln_filing_year")
        bad = appln.isNull() | (F.col("_date").isNull() & year.isNull())
        reason = F.concat(F.lit("appln_id "), F.coalesce(appln, F.lit("None")),
                          F.lit(": no appln_id or no filing date/year"))  # fmt: skip
        self.out["patents"].append(R.rejects("patents", rows.where(bad), reason))
        good = rows.where(~bad).withColumn("_pid", F.concat(F.lit("appln:"), appln))
        values = {"patent_id": F.col("_pid"), "filing_date": F.col("_date"),
                  "year": F.coalesce(year, F.substring(F.col("_date"), 1, 4)),
                  "priority_year": v("earliest_filing_year"), "office": v("appln_auth"),
                  "kind": v("appln_kind"), "family_id": v("docdb_family_id")}  # fmt: skip
        self.out["patents"].append(R.rows("patents", good, values))
        return self.keep(good.select(F.col("_pid").alias("_known")).distinct())

    def lookups(self) -> DataFrame:
        """The last label of each NUTS code (``_nuts``, ``_label``); persons and publications are read when
        used. Rejects the unreadable rows of the three lookup tables, in the in-process order."""
        nuts = self.good("tls904_nuts").where(F.col("nuts").isNotNull() & F.col("nuts_label").isNotNull())
        nuts = R.first(nuts, "nuts", last=True).select(
            F.col("nuts").alias("_nuts"), F.col("nuts_label").alias("_label")
        )
        self.people = R.first(
            self.good("tls206_person").where(F.col("person_id").isNotNull()), "person_id", last=True
        )
        publications = self.good("tls211_pat_publn").where(
            v("pat_publn_id").isNotNull() & v("appln_id").isNotNull()
        )
        publications = R.first(publications, "pat_publn_id", last=True)
        self.publications = self.keep(publications.select(
            F.col("pat_publn_id").alias("_publn"), F.concat(F.lit("appln:"), F.col("appln_id")).alias("_appln")
        ))  # fmt: skip
        return nuts

    def persons(self, known: DataFrame, nuts: DataFrame) -> None:
        """The rows of tls207: applicants, inventors, their links and cities."""
        rows = self.good("tls207_pers_appln")
        rows = rows.withColumn(
            "_pid", F.concat(F.lit("appln:"), F.coalesce(F.col("appln_id"), F.lit("None")))
        )
        rows = rows.join(known, F.col("_pid") == F.col("_known"), "left_semi")
        rows = rows.withColumn("_person", F.coalesce(F.col("person_id"), F.lit("")))
        people = self.people.select(
            F.col("person_id").alias("_p_id"),
            *[F.col(c).alias(f"_p_{c}") for c in [*local.COLUMNS["tls206_person"][1:], "nuts"]],
        )
        rows = rows.drop("person_id").join(people, F.col("_person") == F.col("_p_id"), "left")
        unknown = F.concat(
            F.col("_pid"), F.lit(": person_id "), F.col("_person"), F.lit(" not in tls206_person")
        )
        self.out["patent_applicants"].append(R.rejects("patent_applicants", rows.where(F.col("_p_id").isNull()),
                                                      unknown))  # fmt: skip
        rows = rows.where(F.col("_p_id").isNotNull())
        rows = R.exactly(rows, {"_applicant": ("applt_seq_nr", positive(F.col("applt_seq_nr")), _python_positive),
                               "_inventor": ("invt_seq_nr", positive(F.col("invt_seq_nr")), _python_positive)})  # fmt: skip
        rows = rows.where(F.col("_applicant").isNotNull() | F.col("_inventor").isNotNull())
        sector = v("_p_psn_sector")
        use_psn = v("_p_psn_id").isNotNull() & ~sector.eqNullSafe("INDIVIDUAL") & v("_p_psn_name").isNotNull()
        name = F.when(use_psn, v("_p_psn_name")).otherwise(v("_p_person_name"))
        rows = rows.select(
            "*",
            sector.alias("_sector"),
            F.when(use_psn, F.concat(F.lit("psn:"), F.col("_p_psn_id")))
            .otherwise(F.concat(F.lit("person:"), F.col("_person")))
            .alias("_aid"),
            name.alias("_name"),
            F.concat(F.lit("person:"), F.col("_person")).alias("_iid"),
        )
        who = F.when(
            F.col("_applicant").isNotNull(),
            F.concat(F.col("_pid"), F.lit(" applicant "), F.coalesce(F.col("_name"), F.lit("None"))),
        ).otherwise(
            F.concat(F.col("_pid"), F.lit(" inventor "), F.coalesce(F.col("_p_person_name"), F.lit("None")))
        )
        rows = self.keep(rows.withColumn("_who", who))
        placed = self.places(rows, nuts)
        rows = rows.join(placed, "_person", "left")
        applicants = rows.where(F.col("_applicant").isNotNull())
        first = R.first(applicants, "_aid")
        kinds = first.select(F.col("_name").alias("_k_name"), F.col("_sector").alias("_k_sector")).distinct()
        kinds = kinds.select("*", _kind()("_k_name", "_k_sector").alias("_kind"))
        on = F.col("_name").eqNullSafe(F.col("_k_name")) & F.col("_sector").eqNullSafe(F.col("_k_sector"))
        typed = first.join(kinds, on, "left")
        self.out["applicants"].append(R.rows("applicants", typed, {
            "applicant_id": F.col("_aid"), "name": F.col("_name"), "type": F.col("_kind.type"),
            "type_rule": F.col("_kind.rule"), "city_id": F.col("_city")}))  # fmt: skip
        self.out["patent_applicants"].append(R.rows("patent_applicants", applicants, {
            "patent_id": F.col("_pid"), "applicant_id": F.col("_aid"), "seq": F.col("_applicant")}))  # fmt: skip
        inventors = rows.where(F.col("_inventor").isNotNull())
        self.out["inventors"].append(R.rows("inventors", R.first(inventors, "_iid"), {
            "inventor_id": F.col("_iid"), "name": v("_p_person_name"), "city_id": F.col("_city")}))  # fmt: skip
        self.out["patent_inventors"].append(R.rows("patent_inventors", inventors, {
            "patent_id": F.col("_pid"), "inventor_id": F.col("_iid"), "seq": F.col("_inventor")}))  # fmt: skip

    def places(self, rows: DataFrame, nuts: DataFrame) -> DataFrame:
        """``(_person, _city)`` of every person placed, at its first row (``place`` in process): the city rows
        of the first person placed in each city, and a notice for each person placed nowhere."""
        first = R.first(rows, "_person").join(F.broadcast(nuts), F.col("_p_nuts") == F.col("_nuts"), "left")
        country = v("_p_person_ctry_code")
        address = F.reverse(F.split(F.coalesce(F.col("_p_person_address"), F.lit("")), ","))
        label = F.when(F.col("_label").isNotNull(), F.array(F.substring_index(F.col("_label"), ",", 1)))
        parts = F.concat(address, F.coalesce(label, F.array().cast("array<string>")))
        first = self.keep(first.select("_person", "_who", "_p_person_address", "_label", country.alias("_country"),
                                       parts.alias("_parts"), *R.PROVENANCE))  # fmt: skip
        exploded = first.select("_person", "_country", F.posexplode("_parts").alias("_pos", "_part"))
        pairs = exploded.select("_part", "_country").distinct()
        pairs = pairs.select("*", _resolve()("_part", "_country").alias("_found")).where(
            F.col("_found.city_id").isNotNull()
        )
        on = (F.col("_part") == F.col("_r_part")) & F.col("_country").eqNullSafe(F.col("_r_country"))
        pairs = pairs.select(F.col("_part").alias("_r_part"), F.col("_country").alias("_r_country"), "_found")
        found = (
            exploded.join(pairs, on, "inner")
            .groupBy("_person")
            .agg(F.min_by(F.col("_found"), F.col("_pos")).alias("_found"))
        )
        located = self.keep(first.join(found, "_person", "left"))
        unplaced = located.where(F.col("_found").isNull()).orderBy(RANK, LINE)
        columns = (FILE, LINE, "_who", "_p_person_address", "_label", "_country")
        for row in unplaced.select(*columns).toLocalIterator():  # in reading order, streamed: may be many
            where = "; ".join(x for x in (row[3], row[4], row[5]) if x) or "no address"
            self.notice(row[0], row[1], "cities", f"{row[2]}: no city found in {where!r}; left unlocated")
        placed = located.where(F.col("_found").isNotNull())
        cities = R.first(placed, F.col("_found.city_id"))
        self.out["cities"].append(R.rows("cities", cities, {c: F.col(f"_found.{c}") for c in CITY}))
        return placed.select("_person", F.col("_found.city_id").alias("_city"))

    def ipc(self, known: DataFrame) -> None:
        rows = self.good("tls209_appln_ipc")
        rows = rows.withColumn(
            "_pid", F.concat(F.lit("appln:"), F.coalesce(F.col("appln_id"), F.lit("None")))
        )
        rows = rows.join(known, F.col("_pid") == F.col("_known"), "left_semi").where(
            F.col("ipc_class_symbol").isNotNull()
        )
        number = F.row_number().over(Window.partitionBy("_pid").orderBy(RANK, LINE))
        self.out["patent_ipc"].append(R.rows("patent_ipc", rows, {
            "patent_id": F.col("_pid"), "ipc_code": F.col("ipc_class_symbol"), "seq": number}))  # fmt: skip

    def citations(self, known: DataFrame) -> None:
        rows = self.good("tls212_citation")
        publications = self.publications
        citing = publications.select(F.col("_publn").alias("_c_publn"), F.col("_appln").alias("_citing"))
        rows = rows.join(citing, F.col("pat_publn_id") == F.col("_c_publn"), "left")
        rows = rows.join(known, F.col("_citing") == F.col("_known"), "left")
        cited_publn, cited_appln = v("cited_pat_publn_id"), v("cited_appln_id")
        cited = publications.select(F.col("_publn").alias("_d_publn"), F.col("_appln").alias("_d_appln"))
        rows = rows.withColumn("_cited_publn", cited_publn)
        rows = rows.join(cited, F.col("_cited_publn") == F.col("_d_publn"), "left")
        fallback = F.when(cited_appln.isNotNull(), F.concat(F.lit("appln:"), cited_appln)).otherwise(
            F.concat(F.lit("publn:"), cited_publn)
        )
        rows = rows.withColumn("_cited", F.coalesce(F.col("_d_appln"), fallback))
        why = (
            F.when(F.col("_known").isNull(), F.lit("the citing publication is not in tls211_pat_publn or its "
                                                   "application not in tls201"))
            .when(cited_appln.isNull() & cited_publn.isNull(),
                  F.lit("non-patent literature (no cited publication or application)"))
            .when(F.col("_cited") == F.col("_citing"),
                  F.lit("a publication citing another publication of its own application"))
        )  # fmt: skip
        rows = self.keep(rows.withColumn("_why", why))
        skipped = (
            rows.where(F.col("_why").isNotNull())
            .groupBy("_why")
            .agg(F.count("*").alias("_n"), F.min(F.struct(RANK, LINE)).alias("_at"))
        )
        for reason, n, _ in sorted(skipped.collect(), key=lambda r: tuple(r[2])):  # first skipped first
            self.notice(
                str(self.state.folder), 0, "citations", f"tls212_citation: {n} row(s) skipped: {reason}"
            )
        linked = R.exactly(rows.where(F.col("_why").isNull()),
                          {"_origin": ("citn_origin", origin(F.col("citn_origin")), _python_origin)})  # fmt: skip
        self.out["citations"].append(R.rows("citations", linked, {
            "citing_id": F.col("_citing"), "cited_id": F.col("_cited"), "origin": F.col("_origin")}))  # fmt: skip


def frames(
    spark: SparkSession,
    path: Path,
    scratch: Path,
    notices: Notices | None = None,
    persisted: list[DataFrame] | None = None,
    min_partitions: int | None = None,
) -> dict[str, DataFrame]:
    """The canonical tables of the PATSTAT folder at ``path`` as DataFrames (with ``_rank``); the notices are
    appended to ``notices``. Zipped tables are unpacked into ``scratch``; the frames read are persisted and
    appended to ``persisted`` (unpersist them when done)."""
    state = local.opened(path, notices)
    wanted = {}
    for name in ORDER:
        files = find_tables(state.folder, name[:6])
        wanted[name] = tables.Table(files, local.COLUMNS[name], OPTIONAL.get(name, ()))
    persisted = [] if persisted is None else persisted
    read = tables.read(spark, wanted, ",", scratch, persisted, min_partitions)
    columns = {name: (*local.COLUMNS[name], *OPTIONAL.get(name, ())) for name in ORDER}
    return _Spark(spark, state, read, columns, persisted).read()
