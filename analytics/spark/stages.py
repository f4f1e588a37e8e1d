"""Stages per city with the novelty-versus-complexity position, from the Spark novelty and counts
(:func:`analytics.stages.compute` in the graph, whose pure parts this reuses)."""

from __future__ import annotations

import pandas as pd

from analytics import complexity_graph, stages
from analytics.spark import counting, novelty
from analytics.spark.lake import Lake
from analytics.switches import Switches


def compute(lake: Lake, switches: Switches) -> pd.DataFrame:
    """Stages per city (``stages.COLUMNS``) under ``switches`` (KCI: tech_unit ipc by default)."""
    every = switches.with_(cities=None)
    yearly, _, _ = novelty.cities(lake, every)
    tables = complexity_graph.from_counts(counting.counts(lake, every, every.tech_unit or "ipc"), every)
    periods = tables.periods or switches.resolved_periods(int(yearly["year"].max()) if len(yearly) else None)
    table = stages.combine(stages.novelty_by_period(yearly, periods), tables.kci)
    if switches.cities is not None:
        table = table[table["city_id"].isin(switches.cities)].reset_index(drop=True)
    return table
