"""PatentsView bulk download tables (granted patents, ``g_*``), plain ``.tsv`` or zipped ``.tsv.zip``.

A folder holds the tables, with PatentsView's own names and columns:

==============================  =====================================================================
``g_patent``                    patent_id, patent_type, patent_date, patent_title, wipo_kind, withdrawn
``g_application``               application_id, patent_id, filing_date (required: the filing year)
``g_assignee_disambiguated``    patent_id, assignee_sequence, assignee_id,
                                disambig_assignee_individual_name_first/_last,
                                disambig_assignee_organization, assignee_type, location_id
``g_inventor_disambiguated``    patent_id, inventor_sequence, inventor_id,
                                disambig_inventor_name_first/_last, location_id
``g_location_disambiguated``    location_id, disambig_city, disambig_state, disambig_country,
                                latitude, longitude
``g_ipc_at_issue``              patent_id, ipc_sequence, section, ipc_class, subclass, main_group, subgroup
``g_us_patent_citation``        patent_id, citation_sequence, citation_patent_id, citation_category
==============================  =====================================================================

``g_patent`` and ``g_application`` are required, the others are read when present. Ids: patents
``US`` + number (``US7864699``, ``USD512345``); applicants ``pv:`` + PatentsView's disambiguated
``assignee_id``, inventors ``pv:`` + ``inventor_id``. Places go through the gazetteer; a PatentsView
location the gazetteer cannot place but that has coordinates becomes its own city ``pv:<location_id>``
(noticed). Withdrawn patents are skipped (noticed); rows of other tables about patents not in
``g_patent`` are skipped with one notice per table (an extract of a few years is fine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.ingest.readers.common import Emitter, Notices, Record, iso_date, publication_id, reject
from graph.ingest.readers.tables import TableRow, find_tables, header, read_table
from graph.ingest.readers.uspto_xml import ORIGINS
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError

COLUMNS: dict[str, tuple[str, ...]] = {
    "g_patent": ("patent_id", "patent_title", "wipo_kind"),
    "g_application": ("patent_id", "filing_date"),
    "g_location_disambiguated": ("location_id", "disambig_city", "disambig_state", "disambig_country",
                                 "latitude", "longitude"),
    "g_assignee_disambiguated": ("patent_id", "assignee_sequence", "assignee_id",
                                 "disambig_assignee_individual_name_first",
                                 "disambig_assignee_individual_name_last", "disambig_assignee_organization",
                                 "assignee_type", "location_id"),
    "g_inventor_disambiguated": ("patent_id", "inventor_sequence", "inventor_id",
                                 "disambig_inventor_name_first", "disambig_inventor_name_last",
                                 "location_id"),
    "g_ipc_at_issue": ("patent_id", "ipc_sequence", "section", "ipc_class", "subclass", "main_group",
                       "subgroup"),
    "g_us_patent_citation": ("patent_id", "citation_patent_id", "citation_category"),
}  # fmt: skip
# The full column lists of the current releases (2024-2026), in PatentsView's order. Columns are matched
# by name: an earlier release with other columns (g_patent had patent_abstract until 2024, g_ipc_at_issue
# had symbol_position until 2023) reads as long as the columns of COLUMNS are there, with a notice.
CURRENT: dict[str, tuple[str, ...]] = {
    "g_patent": ("patent_id", "patent_type", "patent_date", "patent_title", "wipo_kind", "num_claims",
                 "withdrawn", "filename"),
    "g_application": ("application_id", "patent_id", "patent_application_type", "filing_date", "series_code",
                      "rule_47_flag"),
    "g_location_disambiguated": ("location_id", "disambig_city", "disambig_state", "disambig_country",
                                 "latitude", "longitude", "county", "state_fips", "county_fips"),
    "g_assignee_disambiguated": COLUMNS["g_assignee_disambiguated"],
    "g_inventor_disambiguated": ("patent_id", "inventor_sequence", "inventor_id",
                                 "disambig_inventor_name_first", "disambig_inventor_name_last", "gender_code",
                                 "location_id"),
    "g_ipc_at_issue": ("patent_id", "ipc_sequence", "classification_level", "section", "ipc_class", "subclass",
                       "main_group", "subgroup", "classification_value", "classification_status",
                       "classification_data_source", "action_date", "ipc_version_indicator"),
    "g_us_patent_citation": ("patent_id", "citation_sequence", "citation_patent_id", "citation_date",
                             "record_name", "wipo_kind", "citation_category"),
}  # fmt: skip
RELEASE = "PatentsView's granted-patent tables of the 2024-2026 releases"
PLACEHOLDER = (0.1, 0.1)  # coordinates PatentsView gives some locations it could not place
NEAR_KM = 25.0  # coordinates within this distance of a gazetteer city of another country are noticed
REQUIRED = ("g_patent", "g_application")
CANONICAL = {"g_assignee_disambiguated": "applicants", "g_inventor_disambiguated": "inventors",
             "g_ipc_at_issue": "patent_ipc", "g_us_patent_citation": "citations"}  # fmt: skip


Build = Callable[[str, int, str, dict[str, str | None]], Iterator[Record]]


@dataclass
class _Read:
    folder: Path
    emit: Emitter
    patents: set[str] = field(default_factory=set)
    locations: dict[str, dict[str, str | None]] = field(default_factory=dict)
    places: dict[str, tuple[str | None, list[Row]]] = field(default_factory=dict)

    def table(self, name: str) -> Iterator[tuple[str, TableRow]]:
        for path in find_tables(self.folder, name):
            self.check_header(path, name)
            for row in read_table(path, "\t", COLUMNS[name]):
                yield str(path), row

    def check_header(self, path: Path, name: str) -> None:
        """InputError when a column the reader needs is missing; a notice when the release differs."""
        found = header(path, "\t")
        missing = [c for c in COLUMNS[name] if c not in found]
        if missing:
            raise InputError(
                f"{path} line 1: missing column(s) {', '.join(missing)} of {name}; hotspot-kg reads "
                f"{RELEASE}, whose {name} has {', '.join(CURRENT[name])}. Found: "
                f"{', '.join(found[:15])}. Is this the right table (tab-separated), of a recent release?"
            )
        extra = [c for c in found if c not in CURRENT[name]]
        absent = [c for c in CURRENT[name] if c not in found]
        if extra or absent:
            said = "; ".join(
                part for part in (f"extra {', '.join(extra)}" if extra else "",
                                  f"without {', '.join(absent)}" if absent else "") if part
            )  # fmt: skip
            self.emit.notice(
                str(path), 1, CANONICAL.get(name, "patents"),
                f"{name} differs from {RELEASE} ({said}): another release? Columns are read by name",
            )  # fmt: skip

    def rows(self, name: str, build: Build) -> Iterator[Record]:
        """Records built from each row of a table about a patent of g_patent; bad rows rejected."""
        skipped = 0
        for file, row in self.table(name):
            if row.problem:
                yield reject(file, row.line, CANONICAL[name], f"{name}: {row.problem}")
                continue
            pid = publication_id("US", row.values["patent_id"] or "")
            if pid not in self.patents:
                skipped += 1
                continue
            yield from build(file, row.line, pid, row.values)
        if skipped:
            self.emit.notice(
                str(self.folder), 0, name, f"{skipped} row(s) about patents not in g_patent skipped"
            )

    def patent_rows(self) -> Iterator[Record]:
        filing: dict[str, str | None] = {}
        for file, row in self.table("g_application"):
            if row.problem:
                yield reject(file, row.line, "patents", f"g_application: {row.problem}")
            elif row.values["patent_id"]:
                filing[row.values["patent_id"]] = row.values["filing_date"]
        for file, row in self.table("g_patent"):
            v = row.values
            pid = publication_id("US", v.get("patent_id") or "")
            if row.problem or pid is None:
                yield reject(
                    file,
                    row.line,
                    "patents",
                    row.problem or f"patent_id {v.get('patent_id')!r} is not a number",
                )
                continue
            if (v.get("withdrawn") or "0") not in ("0", "false", "False"):
                self.emit.notice(file, row.line, "patents", f"{pid} is withdrawn; skipped")
                continue
            date = iso_date(filing.get(v["patent_id"] or ""))
            if date is None:
                yield reject(file, row.line, "patents", f"{pid}: no valid filing_date in g_application")
                continue
            self.patents.add(pid)
            values = {"patent_id": pid, "filing_date": date, "year": date[:4], "priority_year": None,
                      "office": "US", "kind": v["wipo_kind"], "family_id": None,
                      "title": v["patent_title"]}  # fmt: skip
            yield Row("patents", values, file, row.line)

    def load_locations(self) -> Iterator[Record]:
        for file, row in self.table("g_location_disambiguated"):
            if row.problem:
                yield reject(file, row.line, "cities", f"g_location_disambiguated: {row.problem}")
            elif row.values["location_id"]:
                self.locations[row.values["location_id"]] = row.values

    def place(self, file: str, line: int, location_id: str | None, who: str) -> tuple[str | None, list[Row]]:
        """(city id, new city rows) of a PatentsView location, resolved once per location."""
        if not location_id:
            return None, []
        if location_id not in self.places:
            loc = self.locations.get(location_id)
            if loc is None:
                self.emit.notice(
                    file, line, "cities", f"{who}: location_id {location_id} not in g_location_disambiguated"
                )
                self.places[location_id] = (None, [])
            else:
                self.places[location_id] = self._resolve(file, line, location_id, loc, who)
        city_id, rows = self.places[location_id]
        self.places[location_id] = (city_id, [])  # the city row is emitted once
        return city_id, rows

    def _resolve(
        self, file: str, line: int, location_id: str, loc: dict[str, str | None], who: str
    ) -> tuple[str | None, list[Row]]:
        city, state, country = loc["disambig_city"], loc["disambig_state"], loc["disambig_country"]
        point = self.coordinates(file, line, location_id, loc)
        silent = Emitter(None, self.emit.gaz, self.emit.seen)
        city_id, rows = silent.place(file, line, city, state, country, who)
        self.emit.gaz = silent.gaz
        if city_id is not None:
            return city_id, rows
        if city and country and point is not None:
            own = f"pv:{location_id}"
            self.emit.notice(
                file, line, "cities", f"{who}: {city}, {country} kept with PatentsView's coordinates as {own}"
            )
            values = {"city_id": own, "name": city, "country": country, "lat": str(point[0]),
                      "lon": str(point[1]), "province": state}  # fmt: skip
            return own, [Row("cities", values, file, line)]
        return self.emit.place(file, line, city, state, country, who)

    def coordinates(
        self, file: str, line: int, location_id: str, loc: dict[str, str | None]
    ) -> tuple[float, float] | None:
        """A location's (latitude, longitude) when usable; the known faults are noticed and left out."""
        raw = (loc["latitude"], loc["longitude"])
        if raw[0] is None and raw[1] is None:
            return None
        try:
            lat, lon = float(raw[0] or ""), float(raw[1] or "")
        except ValueError:
            lat = lon = float("nan")
        where = f"location {location_id} ({loc['disambig_city']}, {loc['disambig_country']})"
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.emit.notice(file, line, "cities", f"{where}: coordinates {raw} are not a point; ignored")
            return None
        if (lat, lon) == PLACEHOLDER:
            self.emit.notice(
                file,
                line,
                "cities",
                f"{where}: coordinates (0.1, 0.1) are a placeholder, not a place; ignored",
            )
            return None
        self.country_check(file, line, where, loc["disambig_country"], lat, lon)
        return lat, lon

    def country_check(
        self, file: str, line: int, where: str, country: str | None, lat: float, lon: float
    ) -> None:
        """Notice a location whose coordinates lie at a gazetteer city of another country (none of its own)."""
        gaz = self.emit.gazetteer()
        iso = gaz.country(country) if country else None
        near = gaz.near(lat, lon, NEAR_KM)
        if iso is None or not near or any(c.country == iso for c, _ in near):
            return
        city, km = near[0]
        self.emit.notice(
            file, line, "cities",
            f"{where}: its coordinates ({lat}, {lon}) lie {km:.0f} km from {city.name}, {city.country}, "
            f"not in {iso}; the country is kept as given",
        )  # fmt: skip

    def assignee(self, file: str, line: int, pid: str, v: dict[str, str | None]) -> Iterator[Record]:
        org = v["disambig_assignee_organization"]
        person = " ".join(p for p in (v["disambig_assignee_individual_name_first"],
                                      v["disambig_assignee_individual_name_last"]) if p)  # fmt: skip
        name = org or person or None
        if not v["assignee_id"] or not name:
            yield reject(file, line, "applicants", f"{pid}: assignee without id or name")
            return
        aid = f"pv:{v['assignee_id']}"
        city_id, cities = self.place(file, line, v["location_id"], f"{pid} assignee {name}")
        yield from cities
        values = {"applicant_id": aid, "name": name, "type": None, "type_rule": None, "city_id": city_id}
        yield from self.emit.applicant(file, line, values, uspto_role=v["assignee_type"], person=not org)
        link = {"patent_id": pid, "applicant_id": aid, "seq": _seq(v["assignee_sequence"])}
        yield Row("patent_applicants", link, file, line)

    def inventor(self, file: str, line: int, pid: str, v: dict[str, str | None]) -> Iterator[Record]:
        name = " ".join(p for p in (v["disambig_inventor_name_first"], v["disambig_inventor_name_last"]) if p)
        if not v["inventor_id"]:
            yield reject(file, line, "inventors", f"{pid}: inventor without inventor_id")
            return
        iid = f"pv:{v['inventor_id']}"
        city_id, cities = self.place(file, line, v["location_id"], f"{pid} inventor {name}")
        yield from cities
        yield from self.emit.inventor(
            file, line, {"inventor_id": iid, "name": name or None, "city_id": city_id}
        )
        link = {"patent_id": pid, "inventor_id": iid, "seq": _seq(v["inventor_sequence"])}
        yield Row("patent_inventors", link, file, line)

    def ipc(self, file: str, line: int, pid: str, v: dict[str, str | None]) -> Iterator[Record]:
        section, klass, subclass = v["section"] or "", (v["ipc_class"] or "").zfill(2), v["subclass"] or ""
        code = f"{section}{klass}{subclass}"
        if v["main_group"]:
            code += f" {v['main_group']}/{v['subgroup'] or '00'}"
        if not section:
            yield reject(file, line, "patent_ipc", f"{pid}: IPC row without section")
            return
        yield Row(
            "patent_ipc", {"patent_id": pid, "ipc_code": code, "seq": _seq(v["ipc_sequence"])}, file, line
        )

    def citation(self, file: str, line: int, pid: str, v: dict[str, str | None]) -> Iterator[Record]:
        cited = publication_id("US", v["citation_patent_id"] or "")
        if cited is None:
            yield reject(
                file,
                line,
                "citations",
                f"{pid}: citation_patent_id {v['citation_patent_id']!r} is not a number",
            )
            return
        origin = ORIGINS.get((v["citation_category"] or "").lower(), "unknown")
        yield Row("citations", {"citing_id": pid, "cited_id": cited, "origin": origin}, file, line)


def _seq(raw: str | None) -> str | None:
    """PatentsView sequences count from 0; the canonical seq counts from 1."""
    return str(int(raw) + 1) if raw and raw.isdigit() else None


def opened(path: Path, notices: Notices | None = None) -> _Read:
    """The state of a read of the folder at ``path``, checked: the required tables are there, the missing
    optional ones are noticed (the headers are checked as each table is read)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(
            f"{folder}: not a folder; give the folder that holds the PatentsView g_*.tsv(.zip) tables"
        )
    for name in REQUIRED:
        if not find_tables(folder, name):
            raise InputError(f"{folder}: table {name} (.tsv or .tsv.zip) is missing; it is required")
    state = _Read(folder, Emitter(notices))
    for name in COLUMNS:
        if name not in REQUIRED and not find_tables(folder, name):
            state.emit.notice(str(folder), 0, name, f"table {name} not found; nothing read from it")
    return state


def read(path: Path, notices: Notices | None = None) -> Iterator[Record]:
    """Records of a folder of PatentsView g_* tables (.tsv or .tsv.zip)."""
    state = opened(path, notices)
    yield from state.patent_rows()
    yield from state.load_locations()
    yield from state.rows("g_assignee_disambiguated", state.assignee)
    yield from state.rows("g_inventor_disambiguated", state.inventor)
    yield from state.rows("g_ipc_at_issue", state.ipc)
    yield from state.rows("g_us_patent_citation", state.citation)
