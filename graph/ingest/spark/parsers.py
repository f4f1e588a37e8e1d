"""The parsers of :mod:`graph.ingest.validate` as Spark column expressions, and pandas UDFs for the three
that only Python can run (IPC codes, the gazetteer, applicant classification), applied to distinct values.

A parser takes the raw column (stripped, null when empty) and gives a :data:`Parsed` triple: the value,
whether the raw value is valid (true where it is null: a missing value is not a parse failure), and the
reason for an invalid one, word for word as in-process. Python's ``int()`` and ``float()`` accept what a
Spark cast does not and the other way round, so the casts are gated by regexes of what Python accepts:
signs, ``_`` between digits, exponents, ``nan`` and ``inf`` (out of any range, as Python's comparison
says). ``{raw!r}`` in a reason is Python's repr of a string for quotes, backslashes, tabs and line breaks;
other control or non-printable characters are not escaped as Python would.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from pyspark.sql import Column
from pyspark.sql import functions as F

from graph.ingest.cities import resolve_city
from graph.ingest.stakeholders import classify
from graph.ingest.validate import Bad, parse_ipc

Parsed = tuple[Column, Column, Column]  # value, valid, reason (for an invalid value)

_DIGITS = r"[0-9](?:_?[0-9])*"
INTEGER = rf"^[+-]?{_DIGITS}$"
SPECIAL = r"^[+-]?(?i:inf|infinity|nan)$"
NUMBER = rf"^[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?$"
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
WEEK_DAY = r"^[0-9]{4}-W[0-9]{2}-[0-9]$"  # date.fromisoformat takes ISO week dates of 10 characters too


def py_repr(raw: Column) -> Column:
    """``repr()`` of a string: single quotes unless it holds ``'`` and no ``"``; escapes as Python's."""
    text = F.regexp_replace(raw, r"\\", r"\\\\")
    for char, escape in (("\n", r"\\n"), ("\r", r"\\r"), ("\t", r"\\t")):
        text = F.regexp_replace(text, char, escape)
    double = raw.contains("'") & ~raw.contains('"')
    single = F.concat(F.lit("'"), F.regexp_replace(text, "'", r"\\'"), F.lit("'"))
    return F.when(double, F.concat(F.lit('"'), text, F.lit('"'))).otherwise(single)


def says(column: str, raw: Column, what: str) -> Column:
    return F.concat(F.lit(f"{column} "), py_repr(raw), F.lit(f" {what}"))


def integer(column: str, raw: Column) -> Parsed:
    value = F.regexp_replace(raw, "_", "").cast("long")
    return value, raw.rlike(INTEGER), says(column, raw, "is not an integer")


def year(column: str, raw: Column) -> Parsed:
    value, syntax, reason = integer(column, raw)
    plausible = F.concat(
        F.lit(f"{column} "), F.coalesce(value.cast("string"), raw), F.lit(" is not a plausible year")
    )
    valid = syntax & value.between(1790, 2100)
    return value, valid, F.when(~syntax, reason).otherwise(plausible)


def number(column: str, low: float, high: float, raw: Column) -> Parsed:
    special = raw.rlike(SPECIAL)
    syntax = special | raw.rlike(NUMBER)
    value = F.when(special, F.lit(float("nan"))).otherwise(F.regexp_replace(raw, "_", "").cast("double"))
    outside = F.concat(F.lit(f"{column} "), raw, F.lit(f" is outside {low:g}..{high:g}"))
    valid = syntax & ~special & value.between(low, high)
    return value, valid, F.when(~syntax, says(column, raw, "is not a number")).otherwise(outside)


def date(raw: Column) -> Parsed:
    y = F.substring(raw, 1, 4).cast("int")
    day = F.make_date(y, F.substring(raw, 6, 2).cast("int"), F.substring(raw, 9, 2).cast("int"))
    week, weekday = F.substring(raw, 7, 2).cast("int"), F.substring(raw, 10, 1).cast("int")
    jan4 = F.make_date(y, F.lit(1), F.lit(4))
    monday = F.date_sub(jan4, (F.dayofweek(jan4) + 5) % 7)  # of ISO week 1
    weeks = F.when(F.weekofyear(F.make_date(y, F.lit(12), F.lit(28))) == 53, 53).otherwise(52)
    in_week = week.between(1, weeks) & weekday.between(1, 7)
    by_week = F.date_add(monday, (week - 1) * 7 + weekday - 1)
    value = F.when(raw.rlike(DAY) & (y >= 1), day).when(raw.rlike(WEEK_DAY) & (y >= 1) & in_week, by_week)
    return value, value.isNotNull(), says("filing_date", raw, "is not a date YYYY-MM-DD")


def country(raw: Column) -> Parsed:
    code = F.upper(raw)
    valid = (F.length(code) == 2) & code.rlike(r"^\p{L}{2}$")
    return code, valid, says("country", raw, "is not an ISO 3166-1 alpha-2 code such as CN or US")


def vocabulary(column: str, raw: Column, normal: Column, allowed: Iterable[str]) -> Parsed:
    """A value that must be one of ``allowed`` once normalised (lower or upper case, ``_`` for spaces)."""
    words = list(allowed)
    return normal, normal.isin(words), says(column, raw, f"is not one of {', '.join(words)}")


# -- Python where nothing else will do, over distinct values ---------------------------------------------


def ipc_codes(raw: pd.Series) -> pd.DataFrame:
    """(code, reason) of each raw IPC code, by :func:`graph.ingest.validate.parse_ipc`."""
    codes: list[str | None] = []
    reasons: list[str | None] = []
    for value in raw:
        try:
            codes.append(parse_ipc(value))
            reasons.append(None)
        except Bad as e:
            codes.append(None)
            reasons.append(str(e))
    return pd.DataFrame({"code": codes, "reason": reasons})


def places(name: pd.Series, country: pd.Series, province: pd.Series) -> pd.DataFrame:
    """(lat, lon) of the gazetteer's city of each name in its country (null: not found there)."""
    lats: list[float | None] = []
    lons: list[float | None] = []
    for n, c, p in zip(name, country, province, strict=True):
        placed = resolve_city(str(n), str(c), None if p is None else str(p))
        found = placed is not None and placed.country == c
        lats.append(placed.lat if found and placed is not None else None)
        lons.append(placed.lon if found and placed is not None else None)
    return pd.DataFrame({"lat": pd.array(lats, dtype="Float64"), "lon": pd.array(lons, dtype="Float64")})


def kinds(name: pd.Series) -> pd.DataFrame:
    """(type, rule) of each applicant name, by :func:`graph.ingest.stakeholders.classify`."""
    decided = [classify(str(n)) for n in name]
    return pd.DataFrame({"type": [k for k, _ in decided], "rule": [r for _, r in decided]})


def udfs() -> dict[str, Any]:
    """The pandas UDFs of the three functions above (made when a session runs)."""
    return {
        "ipc": F.pandas_udf(ipc_codes, "code string, reason string"),  # type: ignore[call-overload]
        "place": F.pandas_udf(places, "lat double, lon double"),  # type: ignore[call-overload]
        "kind": F.pandas_udf(kinds, "type string, rule string"),  # type: ignore[call-overload]
    }
