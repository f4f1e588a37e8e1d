"""Validation of the science tables, with the patent tables' machinery (:mod:`graph.ingest.validate`).

Tables are checked in ``SCIENCE_ORDER`` (cities, institutions, works, work_institutions, city_context);
a row gets the reason of the first check it fails and goes to the rejects file with file and line; a
reference to a rejected or undefined row is rejected; a duplicate key with other content is rejected
(an exact duplicate is dropped). In ``city_context.csv`` an empty value is unknown, never zero:
validation keeps it empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd

from graph.ingest import derive
from graph.ingest.cities import gazetteer
from graph.ingest.records import CONTEXT_VALUES, SCIENCE_ORDER
from graph.ingest.science.fields import field, fields
from graph.ingest.staging import Staging
from graph.ingest.validate import (
    Bad,
    Check,
    Outcome,
    Validator,
    _nullable,
    _write_rejects,
    frame_of,
    parse_country,
    parse_float,
    parse_int,
    parse_year,
)

# OpenAlex's institution types (https://docs.openalex.org, Institution object, `type`)
INSTITUTION_TYPES = (
    "education", "healthcare", "company", "archive", "nonprofit", "government", "facility", "funder", "other",
)  # fmt: skip
SHARES = tuple(c for c in CONTEXT_VALUES if c.startswith("rd_share_"))
SHARE_GROUPS = {
    "type": ("rd_share_basic", "rd_share_applied", "rd_share_experimental"),
    "performer": ("rd_share_business", "rd_share_government", "rd_share_higher_education"),
}
SHARE_TOLERANCE = 0.01  # shares are rounded in statistical tables
_ROR = re.compile(r"^(?:https?://ror\.org/)?(0[a-z0-9]{6}[0-9]{2})$", re.IGNORECASE)
_GEONAMES = re.compile(r"^gn:(\d+)$")


def parse_ror(raw: str) -> str:
    match = _ROR.match(raw)
    if not match:
        raise Bad(f"ror {raw!r} is not a ROR id such as https://ror.org/03vek6s52")
    return f"https://ror.org/{match.group(1).lower()}"


def parse_institution_type(raw: str) -> str:
    kind = raw.strip().lower()
    if kind not in INSTITUTION_TYPES:
        raise Bad(f"type {raw!r} is not one of OpenAlex's institution types {', '.join(INSTITUTION_TYPES)}")
    return kind


def parse_field(raw: str) -> int:
    found = field(raw)
    if found is None:
        raise Bad(f"field {raw!r} is not one of OpenAlex's 26 fields (an id 11-36, its URL or its name)")
    return found.id


def parse_amount(column: str, raw: str) -> float:
    """A number >= 0 (thousands separators refused: they are ambiguous across locales)."""
    return parse_float(column, 0, float("inf"), raw)


class ScienceValidator(Validator):
    """The checks of the science tables; cities are checked as for patents."""

    def __init__(self, known_cities: dict[str, str] | None = None) -> None:
        super().__init__()
        self.added_cities: dict[str, dict[str, object]] = {}
        self.known_cities = known_cities or {}  # id -> country of the cities already in the graph
        self.city_countries: dict[str, str] = dict(self.known_cities)

    def institutions(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("city_id", "cities", self.keys["cities"])
        kind = c.parse("type", parse_institution_type)
        ror = c.parse("ror", parse_ror)
        country = c.parse("country", parse_country)
        city_country = r["city_id"].map(self.city_countries)
        mismatch = country.notna() & city_country.notna() & (country != city_country)
        if mismatch.any():
            c.fail(mismatch, "country " + country[mismatch].astype(str) + " is not the country of its city "
                   + r["city_id"][mismatch].astype(str) + " (" + city_country[mismatch].astype(str) + ")")  # fmt: skip
        country = country.where(country.notna(), city_country)
        return pd.DataFrame({"id": r["institution_id"], "name": r["name"], "type": _nullable(kind),
                             "ror": _nullable(ror), "country": _nullable(country),
                             "city_id": r["city_id"]})  # fmt: skip

    def works(self, c: Check) -> pd.DataFrame:
        r = c.raw
        year = c.parse("year", partial(parse_year, "year"), "Int64")
        field_id = c.parse("field", parse_field, "Int64")
        by_id = {f.id: f for f in fields()}
        domain = field_id.map(lambda f: by_id[int(f)].domain, na_action="ignore")
        given = r["domain"].astype("string").str.strip()
        clash = (
            given.notna() & domain.notna() & (given.str.casefold() != domain.astype("string").str.casefold())
        )
        if clash.any():
            c.fail(clash, "domain " + given[clash].astype(str) + " is not the domain of field "
                   + field_id[clash].astype(str) + " (" + domain[clash].astype(str) + ")")  # fmt: skip
        return pd.DataFrame({"id": r["work_id"], "year": _nullable(year), "type": r["type"],
                             "field": _nullable(field_id),
                             "field_name": _nullable(field_id.map(lambda f: by_id[int(f)].name, na_action="ignore")),
                             "domain": _nullable(domain.where(domain.notna(), given))})  # fmt: skip

    def work_institutions(self, c: Check) -> pd.DataFrame:
        r = c.raw
        c.defined("work_id", "works", self.keys["works"])
        c.defined("institution_id", "institutions", self.keys["institutions"])
        seq = c.parse("seq", partial(parse_int, "seq"), "Int64")
        return pd.DataFrame({"work_id": r["work_id"], "institution_id": r["institution_id"],
                             "seq": _nullable(seq)})  # fmt: skip

    def city_context(self, c: Check) -> pd.DataFrame:
        r = c.raw
        area, kind = self._areas(c, r["area_id"])
        year = c.parse("year", partial(parse_year, "year"), "Int64")
        values = {name: self._value(c, name) for name in CONTEXT_VALUES}
        given = pd.DataFrame(values).notna()
        c.fail(~given.any(axis=1), "the row gives no value (an empty value is unknown: leave the row out)")
        money = values["gdp_per_capita"].notna() | values["rd_expenditure"].notna()
        c.fail(money & r["currency_basis"].isna(), "currency_basis is missing (say e.g. constant 2015 USD)")
        for group, columns in SHARE_GROUPS.items():
            total = pd.DataFrame({col: values[col] for col in columns}).fillna(0.0).sum(axis=1)
            over = total > 1 + SHARE_TOLERANCE
            c.fail(
                over,
                f"the R&D {group} shares add up to " + total[over].round(3).astype(str) + ", more than 1",
            )
        records = {
            "area_id": area,
            "year": _nullable(year),
            "kind": kind,
            "currency_basis": r["currency_basis"],
        }
        records.update({name: _nullable(v) for name, v in values.items()})
        return pd.DataFrame({**records, "source": r["source"]})

    def _value(self, c: Check, name: str) -> pd.Series:
        if name in SHARES:
            parser: Callable[[str], float] = partial(parse_float, name, 0.0, 1.0)
        elif name == "rd_intensity":
            parser = partial(parse_float, name, 0.0, 100.0)
        else:
            parser = partial(parse_amount, name)
        return c.parse(name, parser).astype(float)

    def _areas(self, c: Check, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
        """The area ids (country codes upper-cased) and their kind, 'country' or 'city'; unknown ones fail."""
        area = raw.copy()
        kind = pd.Series(None, index=raw.index, dtype=object)
        is_country = raw.astype("string").str.fullmatch(r"[A-Za-z]{2}").fillna(False).astype(bool)
        area[is_country] = raw[is_country].astype("string").str.upper()
        kind[is_country] = "country"
        is_city = ~is_country & raw.isin(self.keys["cities"])
        kind[is_city] = "city"
        for i in raw.index[~is_country & ~is_city & raw.notna()]:
            if self._gazetteer_city(str(raw[i])):
                kind[i] = "city"
        unknown = raw.notna() & kind.isna()
        if unknown.any():
            c.fail(unknown, "area_id " + raw[unknown].map(repr) + " is neither a country code (CN) nor a city "
                   "of cities.csv nor a GeoNames id of the gazetteer (gn:1795565)")  # fmt: skip
        return area, kind

    def _gazetteer_city(self, area: str) -> bool:
        match = _GEONAMES.match(area)
        if match is None:
            return False
        if area not in self.added_cities:
            gaz = gazetteer()
            if match.group(1) not in gaz.cities:
                return False
            city = gaz.city(match.group(1))
            self.added_cities[area] = {"id": city.id, "name": city.name, "country": city.country,
                                       "province": city.province, "lat": city.lat, "lon": city.lon,
                                       "location_source": "gazetteer"}  # fmt: skip
        return True

    def _remember(self, table: str, kept: pd.DataFrame) -> None:
        super()._remember(table, kept)
        if table == "cities":
            self.city_countries = {**self.known_cities, **dict(zip(kept["id"], kept["country"], strict=True))}
            self.keys["cities"] = pd.Index(list(self.city_countries))
        elif table == "institutions":
            self.countries.update(kept["country"].dropna())


def validate_science(
    frames: dict[str, pd.DataFrame],
    rejects_file: Path,
    staging: Staging,
    known_cities: dict[str, str] | None = None,
) -> Outcome:
    """Check the science tables, stage the valid rows (and what they imply: countries, the 26 fields,
    gazetteer cities named by city_context) and write the rejects CSV (file, line, table, reason).

    ``known_cities`` (id -> country) are the cities already in the graph: rows may name them without a
    cities.csv row (see :func:`graph.ingest.science.load.graph_cities`)."""
    validator = ScienceValidator(known_cities)
    outcome = Outcome(Path(rejects_file), staging)
    rejected = []
    for table in SCIENCE_ORDER:
        frame = frames.get(table)
        frame = frame_of(table, []) if frame is None else frame
        outcome.rows += len(frame)
        kept, rejects = validator.check(table, frame.reset_index(drop=True))
        rejects = rejects.assign(file=rejects["file"].astype(str)) if len(rejects) else rejects
        staging.put(table, kept)
        rejected.append(rejects)
    contexts = staging.frame("city_context")
    if len(contexts):
        validator.countries.update(contexts.loc[contexts["kind"] == "country", "area_id"])
    if validator.added_cities:
        staging.extend("cities", list(validator.added_cities.values()))
        validator.countries.update(str(c["country"]) for c in validator.added_cities.values())
    staging.extend("countries", [derive.country(c) for c in sorted(validator.countries)])
    staging.extend("science_fields", [{"id": f.id, "name": f.name, "domain": f.domain,
                                       "domain_id": f.domain_id} for f in fields()])  # fmt: skip
    _write_rejects(Path(rejects_file), rejected)
    outcome.rejected = int(sum(len(r) for r in rejected))
    outcome.duplicates = validator.duplicates
    outcome.by_table = {t: staging.count(t) for t in SCIENCE_ORDER}
    return outcome
