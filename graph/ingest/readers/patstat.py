"""PATSTAT Global table exports as CSV (comma-separated, header row, UTF-8), plain or zipped, in parts.

A folder holds the tables under their PATSTAT names (``tls201_appln.csv``, or the parts of the
EPO delivery, ``tls201_part01.csv``/``.zip``); the columns read are:

====================  ======================================================================
``tls201_appln``      appln_id, appln_auth, appln_nr, appln_kind, appln_filing_date,
                      appln_filing_year, earliest_filing_year, docdb_family_id (required)
``tls206_person``     person_id, person_name, person_address, person_ctry_code, psn_id, psn_name,
                      psn_sector (nuts when present)
``tls207_pers_appln`` person_id, appln_id, applt_seq_nr, invt_seq_nr
``tls209_appln_ipc``  appln_id, ipc_class_symbol (``H04L  29/06``)
``tls211_pat_publn``  pat_publn_id, appln_id (to map citing and cited publications to applications)
``tls212_citation``   pat_publn_id, cited_pat_publn_id, cited_appln_id, citn_origin
``tls904_nuts``       nuts, nuts_label (optional: places persons whose address names no city)
====================  ======================================================================

The unit is the application: patent id ``appln:<appln_id>``, office ``appln_auth``, kind
``appln_kind``, family ``docdb_family_id``, priority year ``earliest_filing_year``; PATSTAT's
"unknown" defaults (``9999-12-31``, ``9999``, ``0``) are read as empty. A person is an applicant
when ``applt_seq_nr > 0`` and an inventor when ``invt_seq_nr > 0``. Applicants are identified by
their PATSTAT Standardized Name (``psn:<psn_id>``, name ``psn_name``) when PATSTAT gives one and
the person is not an individual, else by ``person:<person_id>``; inventors by ``person:<person_id>``.
``psn_sector`` types the applicant. The city is looked for in the comma-separated parts of
``person_address`` from the last part back, then in the NUTS label. Citations link the
applications of the citing and cited publications (``appln:<id>``; a cited publication that is
not in ``tls211`` becomes ``publn:<pat_publn_id>``); ``citn_origin`` APP is ``applicant``, the
search and examination origins (SEA, ISR, SUP, EXA, PRS, IPE) are ``examiner``, others ``unknown``.
Every citation row between two applications is passed on; validation makes one citation per pair
with all its origins. Rows that link no two applications (non-patent literature, a citing publication
outside the extract, an application citing itself) are skipped with one notice per reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.ingest.readers.common import Emitter, Notices, Record, iso_date, reject, text
from graph.ingest.readers.tables import TableRow, find_tables, read_table
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError

COLUMNS: dict[str, tuple[str, ...]] = {
    "tls201_appln": ("appln_id", "appln_auth", "appln_nr", "appln_kind", "appln_filing_date",
                     "appln_filing_year", "earliest_filing_year", "docdb_family_id"),
    "tls206_person": ("person_id", "person_name", "person_address", "person_ctry_code", "psn_id", "psn_name",
                      "psn_sector"),
    "tls207_pers_appln": ("person_id", "appln_id", "applt_seq_nr", "invt_seq_nr"),
    "tls209_appln_ipc": ("appln_id", "ipc_class_symbol"),
    "tls211_pat_publn": ("pat_publn_id", "appln_id"),
    "tls212_citation": ("pat_publn_id", "cited_pat_publn_id", "cited_appln_id", "citn_origin"),
    "tls904_nuts": ("nuts", "nuts_label"),
}  # fmt: skip
CANONICAL = {"tls201_appln": "patents", "tls206_person": "applicants",
             "tls207_pers_appln": "patent_applicants", "tls209_appln_ipc": "patent_ipc",
             "tls211_pat_publn": "citations", "tls212_citation": "citations",
             "tls904_nuts": "cities"}  # fmt: skip
ORIGINS = {"APP": "applicant", "SEA": "examiner", "ISR": "examiner", "SUP": "examiner", "EXA": "examiner",
           "PRS": "examiner", "IPE": "examiner"}  # fmt: skip
UNKNOWN = frozenset({"9999-12-31", "9999", "0"})


def _v(values: dict[str, str | None], key: str) -> str | None:
    value = text(values.get(key))
    return None if value is None or value in UNKNOWN else value


def _positive(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0


@dataclass
class _Read:
    folder: Path
    emit: Emitter
    patents: set[str] = field(default_factory=set)
    persons: dict[str, dict[str, str | None]] = field(default_factory=dict)
    nuts: dict[str, str] = field(default_factory=dict)
    places: dict[str, tuple[str | None, list[Row]]] = field(default_factory=dict)
    publications: dict[str, str] = field(default_factory=dict)

    def table(self, name: str) -> Iterator[tuple[str, TableRow]]:
        for path in find_tables(self.folder, name[:6]):  # tls201_appln.csv or tls201_part01.zip
            for row in read_table(path, ",", COLUMNS[name]):
                yield str(path), row

    def usable(self, name: str) -> Iterator[Row | tuple[str, int, dict[str, str | None]]]:
        for file, row in self.table(name):
            if row.problem:
                yield reject(file, row.line, CANONICAL[name], f"{name}: {row.problem}")
            else:
                yield file, row.line, row.values

    def patent_rows(self) -> Iterator[Record]:
        for item in self.usable("tls201_appln"):
            if isinstance(item, Row):
                yield item
                continue
            file, line, v = item
            appln = _v(v, "appln_id")
            date, year = iso_date(_v(v, "appln_filing_date")), _v(v, "appln_filing_year")
            if appln is None or not (date or year):
                yield reject(file, line, "patents", f"appln_id {appln}: no appln_id or no filing date/year")
                continue
            pid = f"appln:{appln}"
            self.patents.add(pid)
            values = {"patent_id": pid, "filing_date": date, "year": year or (date[:4] if date else None),
                      "priority_year": _v(v, "earliest_filing_year"), "office": _v(v, "appln_auth"),
                      "kind": _v(v, "appln_kind"), "family_id": _v(v, "docdb_family_id"),
                      "title": None}  # fmt: skip
            yield Row("patents", values, file, line)

    def load_lookups(self) -> Iterator[Record]:
        for name in ("tls904_nuts", "tls206_person", "tls211_pat_publn"):
            for item in self.usable(name):
                if isinstance(item, Row):
                    yield item
                    continue
                _, _, v = item
                if name == "tls904_nuts" and v["nuts"] and v["nuts_label"]:
                    self.nuts[v["nuts"]] = v["nuts_label"]
                elif name == "tls206_person" and v["person_id"]:
                    self.persons[v["person_id"]] = v
                elif name == "tls211_pat_publn" and _v(v, "pat_publn_id") and _v(v, "appln_id"):
                    self.publications[v["pat_publn_id"] or ""] = f"appln:{v['appln_id']}"

    def place(
        self, file: str, line: int, person_id: str, p: dict[str, str | None], who: str
    ) -> tuple[str | None, list[Row]]:
        """(city id, new city rows) of a person, from the address parts (last first), then the NUTS label."""
        if person_id not in self.places:
            country = _v(p, "person_ctry_code")
            parts = [part for part in reversed((p.get("person_address") or "").split(",")) if part.strip()]
            label = self.nuts.get(p.get("nuts") or "")
            parts += [label.split(",")[0]] if label else []
            gaz = self.emit.gazetteer()
            found = next((c for c in (gaz.resolve(part, country) for part in parts) if c), None)
            if found is None:
                where = "; ".join(x for x in (p.get("person_address"), label, country) if x) or "no address"
                self.emit.notice(file, line, "cities", f"{who}: no city found in {where!r}; left unlocated")
                self.places[person_id] = (None, [])
            else:
                self.places[person_id] = self.emit.city(file, line, found)
        city_id, rows = self.places[person_id]
        self.places[person_id] = (city_id, [])
        return city_id, rows

    def person_rows(self) -> Iterator[Record]:
        for item in self.usable("tls207_pers_appln"):
            if isinstance(item, Row):
                yield item
                continue
            file, line, v = item
            pid, person_id = f"appln:{v['appln_id']}", v["person_id"] or ""
            if pid not in self.patents:
                continue
            p = self.persons.get(person_id)
            if p is None:
                yield reject(
                    file, line, "patent_applicants", f"{pid}: person_id {person_id} not in tls206_person"
                )
                continue
            applicant, inventor = _positive(v["applt_seq_nr"]), _positive(v["invt_seq_nr"])
            if applicant:
                yield from self.applicant(file, line, pid, person_id, p, applicant)
            if inventor:
                yield from self.inventor(file, line, pid, person_id, p, inventor)

    def applicant(
        self, file: str, line: int, pid: str, person_id: str, p: dict[str, str | None], seq: int
    ) -> Iterator[Record]:
        sector = _v(p, "psn_sector")
        use_psn = _v(p, "psn_id") is not None and sector != "INDIVIDUAL" and _v(p, "psn_name")
        aid = f"psn:{p['psn_id']}" if use_psn else f"person:{person_id}"
        name = _v(p, "psn_name") if use_psn else _v(p, "person_name")
        city_id, cities = self.place(file, line, person_id, p, f"{pid} applicant {name}")
        yield from cities
        values = {"applicant_id": aid, "name": name, "type": None, "type_rule": None, "city_id": city_id}
        yield from self.emit.applicant(file, line, values, psn_sector=sector)
        yield Row("patent_applicants", {"patent_id": pid, "applicant_id": aid, "seq": str(seq)}, file, line)

    def inventor(
        self, file: str, line: int, pid: str, person_id: str, p: dict[str, str | None], seq: int
    ) -> Iterator[Record]:
        iid = f"person:{person_id}"
        city_id, cities = self.place(file, line, person_id, p, f"{pid} inventor {p.get('person_name')}")
        yield from cities
        yield from self.emit.inventor(
            file, line, {"inventor_id": iid, "name": _v(p, "person_name"), "city_id": city_id}
        )
        yield Row("patent_inventors", {"patent_id": pid, "inventor_id": iid, "seq": str(seq)}, file, line)

    def ipc_rows(self) -> Iterator[Record]:
        seqs: dict[str, int] = {}
        for item in self.usable("tls209_appln_ipc"):
            if isinstance(item, Row):
                yield item
                continue
            file, line, v = item
            pid = f"appln:{v['appln_id']}"
            if pid in self.patents and v["ipc_class_symbol"]:
                seqs[pid] = seqs.get(pid, 0) + 1
                values: dict[str, str | None] = {
                    "patent_id": pid,
                    "ipc_code": v["ipc_class_symbol"],
                    "seq": str(seqs[pid]),
                }
                yield Row("patent_ipc", values, file, line)

    def citation_rows(self) -> Iterator[Record]:
        """A citation row per tls212 row that links two applications; validation merges the rows of one
        pair (the A1 and B1 of an application, the search report and the applicant citing alike) into
        one citation with all their origins. Rows left out are counted in one notice per reason."""
        skipped: dict[str, int] = {}
        for item in self.usable("tls212_citation"):
            if isinstance(item, Row):
                yield item
                continue
            file, line, v = item
            citing = self.publications.get(v["pat_publn_id"] or "")
            cited_appln, cited_publn = _v(v, "cited_appln_id"), _v(v, "cited_pat_publn_id")
            if citing is None or citing not in self.patents:
                why = "the citing publication is not in tls211_pat_publn or its application not in tls201"
            elif not cited_appln and not cited_publn:
                why = "non-patent literature (no cited publication or application)"
            else:
                if cited_publn and cited_publn in self.publications:
                    cited = self.publications[cited_publn]
                else:
                    cited = f"appln:{cited_appln}" if cited_appln else f"publn:{cited_publn}"
                if cited != citing:
                    origin = ORIGINS.get((v["citn_origin"] or "").strip().upper(), "unknown")
                    values: dict[str, str | None] = {"citing_id": citing, "cited_id": cited, "origin": origin}
                    yield Row("citations", values, file, line)
                    continue
                why = "a publication citing another publication of its own application"
            skipped[why] = skipped.get(why, 0) + 1
        for why, n in skipped.items():
            self.emit.notice(str(self.folder), 0, "citations", f"tls212_citation: {n} row(s) skipped: {why}")


def opened(path: Path, notices: Notices | None = None) -> _Read:
    """The state of a read of the folder at ``path``, checked: tls201 is there, the missing optional tables
    are noticed (the headers are checked as each table is read)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; give the folder that holds the PATSTAT tls*.csv exports")
    if not find_tables(folder, "tls201"):
        raise InputError(f"{folder}: table tls201_appln (.csv or .zip) is missing; it is required")
    state = _Read(folder, Emitter(notices))
    for name in COLUMNS:
        if name != "tls201_appln" and not find_tables(state.folder, name[:6]):
            state.emit.notice(str(folder), 0, name, f"table {name} not found; nothing read from it")
    return state


def read(path: Path, notices: Notices | None = None) -> Iterator[Record]:
    """Records of a folder of PATSTAT tls* CSV exports."""
    state = opened(path, notices)
    yield from state.patent_rows()
    yield from state.load_lookups()
    yield from state.person_rows()
    yield from state.ipc_rows()
    yield from state.citation_rows()
