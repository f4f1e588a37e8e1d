"""The common switches of the indicators (``shared/spec/indicators.md``) and the periods.

:class:`Switches` holds every switch with its default and checks the values; indicators read the
ones they use. Periods are ``(name, first year, last year)``; the default is the study's three
stages, the last one ending in the last year of the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

import pandas as pd

from hotspot_kg.core.errors import IndicatorError

GEOS = ("applicant", "inventor")
COUNTINGS = ("fractional", "whole")
YEARS = ("filing", "priority")
IPC_LEVELS = ("subclass", "main_group", "group")
TECH_UNITS = ("field35", "ipc")
SELF_CITATIONS = ("include", "exclude")
METHODS = ("eigen", "reflections")
CONVENTIONS = ("default", "econgeo", "ecomplexity")
GREATER_CHINA = ("separate", "domestic")  # HK, MO, TW apart from CN (by ISO code), or domestic for China
UNITS = ("patent", "family")
SCOPES = ("all", "international")
GEO_UNITS = ("city", "cluster")
CLUSTER_POINTS = ("inventor", "inventor+applicant")
# The GII's published DBSCAN parameters (Bergquist, Fink and Raffo 2017; docs/indicators.md)
GII_RADIUS_KM = 13.0
GII_MIN_WEIGHT = 4000.0
_PERIOD = re.compile(r"^\s*([^:]+?)\s*:\s*(\d{4})\s*-\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    name: str
    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise IndicatorError(f"period {self.name!r} starts in {self.first}, after its end {self.last}")

    def __str__(self) -> str:
        return f"{self.name}:{self.first}-{self.last}"


def parse_period(text: str) -> Period:
    """``NAME:FIRST-LAST``, e.g. ``stage2:1992-2005``."""
    match = _PERIOD.match(text)
    if not match:
        raise IndicatorError(f"period {text!r} is not NAME:FIRST-LAST (for example stage2:1992-2005)")
    return Period(match.group(1), int(match.group(2)), int(match.group(3)))


def parse_periods(values: str | Period | Iterable[str | Period] | None) -> tuple[Period, ...]:
    """Periods given as ``NAME:FIRST-LAST`` text (one, or several), or as :class:`Period` objects."""
    if values is None:
        return ()
    items = [values] if isinstance(values, str | Period) else list(values)
    return tuple(v if isinstance(v, Period) else parse_period(str(v)) for v in items)


def stages(last_year: int, windows: tuple[tuple[str, int, int | None], ...] | None = None) -> list[Period]:
    """The study's stages: 1980-1991, 1992-2005 and 2006 to ``last_year``."""
    windows = windows or (("stage1", 1980, 1991), ("stage2", 1992, 2005), ("stage3", 2006, None))
    periods = []
    for name, first, last in windows:
        end = last_year if last is None else last
        if end >= first:
            periods.append(Period(name, first, end))
    return periods


def check_periods(periods: list[Period]) -> list[Period]:
    names = [p.name for p in periods]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise IndicatorError(
            f"period name(s) {', '.join(duplicated)} given twice; give each period its own name"
        )
    return periods


def assign_periods(years: pd.Series, periods: list[Period]) -> pd.DataFrame:
    """One row per (index of ``years``, period) for every period holding the year (periods may overlap)."""
    parts = [
        pd.DataFrame({"row": years.index[mask], "period": p.name})
        for p in periods
        if (mask := years.between(p.first, p.last).to_numpy()).any()
    ]
    if not parts:
        return pd.DataFrame({"row": pd.Series(dtype=years.index.dtype), "period": pd.Series(dtype=str)})
    return pd.concat(parts, ignore_index=True)


def _check(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise IndicatorError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


@dataclass(frozen=True)
class Switches:
    """Every switch of the spec, with the spec's defaults."""

    geo: str | None = None  # None: the indicator's default (applicant; inventor for collaboration)
    counting: str = "fractional"
    year: str = "filing"
    ipc_level: str = "subclass"
    pool_years: int = 5
    tech_unit: str | None = None  # None: the indicator's own default (field35 for RSI, ipc for KCI)
    periods: tuple[Period, ...] | None = None  # None: the stages, ending in the data's last year
    cities: tuple[str, ...] | None = None
    self_citations: str = "include"
    method: str = "eigen"
    convention: str = "default"
    threshold: float = 1.0
    steps: int = 20
    greater_china: str = "separate"
    unit: str = "patent"
    scope: str = "all"
    geo_unit: str = "city"
    cluster_points: str = "inventor"
    cluster_radius_km: float = GII_RADIUS_KM
    cluster_min_weight: float = GII_MIN_WEIGHT

    def __post_init__(self) -> None:
        if self.geo is not None:
            _check("geo", self.geo, GEOS)
        _check("counting", self.counting, COUNTINGS)
        _check("year", self.year, YEARS)
        _check("ipc_level", self.ipc_level, IPC_LEVELS)
        if self.tech_unit is not None:
            _check("tech_unit", self.tech_unit, TECH_UNITS)
        _check("self_citations", self.self_citations, SELF_CITATIONS)
        _check("method", self.method, METHODS)
        _check("convention", self.convention, CONVENTIONS)
        _check("greater_china", self.greater_china, GREATER_CHINA)
        _check("unit", self.unit, UNITS)
        _check("scope", self.scope, SCOPES)
        _check("geo_unit", self.geo_unit, GEO_UNITS)
        _check("cluster_points", self.cluster_points, CLUSTER_POINTS)
        if not self.cluster_radius_km > 0:
            raise IndicatorError(f"cluster_radius_km must be above 0; got {self.cluster_radius_km!r}")
        if not self.cluster_min_weight > 0:
            raise IndicatorError(f"cluster_min_weight must be above 0; got {self.cluster_min_weight!r}")
        if self.steps < 1:
            raise IndicatorError(f"steps must be at least 1; got {self.steps}")
        if not isinstance(self.pool_years, int) or self.pool_years < 0:
            raise IndicatorError(f"pool_years must be a whole number >= 0; got {self.pool_years!r}")
        if self.periods is not None:
            check_periods(list(self.periods))

    def with_(self, **changes: Any) -> Switches:
        return replace(self, **changes)

    @property
    def by_family(self) -> bool:
        """Whether the counted units are not single patents as loaded (families, or a scope filter)."""
        return self.unit == "family" or self.scope == "international"

    def cluster_settings(self) -> dict[str, Any]:
        """The switches that decide the clusters (the points, their weights and DBSCAN's parameters)."""
        return {
            "cluster_points": self.cluster_points, "cluster_radius_km": float(self.cluster_radius_km),
            "cluster_min_weight": float(self.cluster_min_weight), "unit": self.unit, "scope": self.scope,
            "year": self.year,
        }  # fmt: skip

    def resolved_periods(self, last_year: int | None) -> list[Period]:
        if self.periods is not None:
            return list(self.periods)
        if last_year is None:
            return []
        return stages(last_year)

    def query_params(self) -> dict[str, Any]:
        """The switches as the Cypher library names them."""
        return {
            "geo": self.geo or "applicant",
            "counting": self.counting,
            "year_basis": self.year,
            "ipc_level": self.ipc_level,
        }

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["periods"] = None if self.periods is None else [str(p) for p in self.periods]
        d["cities"] = None if self.cities is None else list(self.cities)
        return d
