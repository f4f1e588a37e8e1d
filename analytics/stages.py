"""Stages per city and the novelty-versus-complexity position of every city.

The stages are periods (default: the study's 1980-1991, 1992-2005 and 2006 to the last year;
settable through ``Switches.periods``). Per city and stage: patents and novel patents (scored
years only, under ``geo`` and ``counting``), the novel share, and KCI of that stage. The position
places each city against the median city of the stage: ``high``/``low`` novelty (novel share)
by ``high``/``low`` complexity (KCI), e.g. ``high novelty, low complexity``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import complexity_graph, novelty_graph
from analytics.switches import Period, Switches, assign_periods

COLUMNS = ["city_id", "period", "patents", "novel_patents", "novel_share", "kci", "position"]


def novelty_by_period(yearly: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    """Sum the novelty city-year table into periods: city_id, period, patents, novel_patents, novel_share."""
    if yearly.empty:
        return pd.DataFrame({c: [] for c in ["city_id", "period", "patents", "novel_patents", "novel_share"]})
    rows = assign_periods(yearly["year"], periods)
    per = yearly.loc[rows["row"]].reset_index(drop=True).assign(period=rows["period"].to_numpy())
    out = per.groupby(["city_id", "period"])[["patents", "novel_patents"]].sum().reset_index()
    out["novel_share"] = out["novel_patents"] / out["patents"]
    return out


def position(table: pd.DataFrame) -> pd.Series:
    """``high|low novelty, high|low complexity`` against the stage's median city (ties count as high)."""
    med_share = table.groupby("period")["novel_share"].transform("median")
    med_kci = table.groupby("period")["kci"].transform("median")
    novelty = np.where(table["novel_share"] >= med_share, "high novelty", "low novelty")
    complexity = np.where(table["kci"] >= med_kci, "high complexity", "low complexity")
    label = pd.Series([f"{n}, {c}" for n, c in zip(novelty, complexity, strict=True)], index=table.index)
    return label.where(table["kci"].notna() & table["novel_share"].notna())


def combine(novelty_table: pd.DataFrame, kci: pd.DataFrame) -> pd.DataFrame:
    """Join novelty per period with KCI per period and add the position."""
    table = novelty_table.merge(kci[["city_id", "period", "kci"]], on=["city_id", "period"], how="outer")
    table["position"] = position(table)
    return table[COLUMNS].sort_values(["period", "city_id"]).reset_index(drop=True)


def compute(driver: Driver, switches: Switches, database: str | None = None) -> pd.DataFrame:
    """Stages per city with the novelty-versus-complexity position (KCI: tech_unit ipc by default)."""
    run = novelty_graph.compute(driver, switches, database, with_cities=True)
    yearly = novelty_graph.cities(driver, switches.with_(cities=None), run, database)
    tables = complexity_graph.compute(driver, switches.with_(cities=None), database=database)
    periods = tables.periods or switches.resolved_periods(int(yearly["year"].max()) if len(yearly) else None)
    table = combine(novelty_by_period(yearly, periods), tables.kci)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
