"""KCI and TCI per period from the graph: the city x technology counts pulled once (aggregated in
the database), then :func:`analytics.complexity.complexity` per period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from neo4j import Driver

from analytics import specialisation
from analytics.complexity import complexity
from analytics.switches import Period, Switches

KCI_COLUMNS = ["city_id", "period", "diversity", "kci"]
TCI_COLUMNS = ["tech", "period", "ubiquity", "tci"]


@dataclass(frozen=True)
class ComplexityTables:
    kci: pd.DataFrame
    tci: pd.DataFrame
    dropped: dict[str, dict[str, list[object]]]  # period -> {"cities": [...], "techs": [...]}
    periods: list[Period]


def compute(
    driver: Driver,
    switches: Switches,
    *,
    threshold: float = 1.0,
    method: str = "eigen",
    steps: int = 20,
    convention: str = "default",
    database: str | None = None,
) -> ComplexityTables:
    """KCI/TCI in every period with at least two cities and two technologies (tech_unit default ipc)."""
    yearly = specialisation.counts(driver, switches, switches.tech_unit or "ipc", database)
    return from_counts(
        yearly, switches, threshold=threshold, method=method, steps=steps, convention=convention
    )


def from_counts(
    yearly: pd.DataFrame,
    switches: Switches,
    *,
    threshold: float = 1.0,
    method: str = "eigen",
    steps: int = 20,
    convention: str = "default",
) -> ComplexityTables:
    """KCI/TCI per period of the yearly counts (city_id, tech, year, x): what both engines do once the
    counts are made."""
    periods = switches.resolved_periods(specialisation.last_year(yearly))
    per = specialisation.by_period(yearly, periods)
    kci, tci, dropped = [], [], {}
    for period in periods:
        cells = per[per["period"] == period.name]
        if cells["city_id"].nunique() < 2 or cells["tech"].nunique() < 2:
            continue
        r = complexity(cells, threshold=threshold, method=method, steps=steps, convention=convention)
        kci.append(r.cities.assign(period=period.name)[KCI_COLUMNS])
        tci.append(r.techs.assign(period=period.name)[TCI_COLUMNS])
        dropped[period.name] = {"cities": r.dropped_cities, "techs": r.dropped_techs}
    kci_df = pd.concat(kci, ignore_index=True) if kci else pd.DataFrame({c: [] for c in KCI_COLUMNS})
    tci_df = pd.concat(tci, ignore_index=True) if tci else pd.DataFrame({c: [] for c in TCI_COLUMNS})
    if switches.cities is not None:
        kci_df = kci_df[kci_df["city_id"].isin(switches.cities)].reset_index(drop=True)
    return ComplexityTables(kci_df, tci_df, dropped, periods)
