"""Result tables stored in the graph, so that the explorer and ``hotspot-kg export`` read them at once.

``hotspot-kg analyze`` computes the export tables (``shared/spec/exports.md``) for the switches it ran
with and stores each one as a ``(:ResultTable {name, switches, stamp, columns, dtypes, rows, extra,
computed_at})`` node whose rows are column-wise list properties ``col_<column>`` (nulls listed by
position in ``nulls_<column>``): one node read returns a 30k-row table in a fraction of a second, where
one node per row reads several times slower (``python -m benchmarks ui``). A table lives with its
data: it is deleted by ``hotspot-kg reset``, it works against any server, and Browser users can query it.

A table is found by its name and the canonical key of the switches it used; it is valid only while
the data stamp (node and relationship counts of the loaded graph, and the last year) is the one it was
computed from, so a load that changes the data makes every stored table stale, and they are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from neo4j import Driver

from analytics import exports
from analytics.graphio import query
from analytics.switches import Switches
from graph.stamp import data_stamp as current_stamp

LABEL = "ResultTable"
_NO_IPC_LEVEL = ("rsi", "kci", "tci")  # with tech_unit field35 the IPC level plays no part


@dataclass(frozen=True)
class Stored:
    """A stored table read back: the rows, what its computation reported aside, and when it was made."""

    name: str
    switches: str
    table: pd.DataFrame
    extra: dict[str, Any]
    computed_at: str


def key(name: str, switches: Switches) -> str:
    """The canonical key of the switches that table ``name`` uses, with the values in force."""
    settings = exports.resolved_settings(name, switches) if name in exports.EXPORTS else _own(name, switches)
    if name in _NO_IPC_LEVEL and settings.get("tech_unit") == "field35":
        settings["ipc_level"] = None
    return json.dumps(settings, sort_keys=True, separators=(",", ":"), default=str)


def _own(name: str, switches: Switches) -> dict[str, Any]:
    """Keys of the explorer's own tables (not in the export contract)."""
    if name == "patents-per-year":
        return {"geo": switches.geo or "applicant", "counting": switches.counting}
    if name in ("dataset", "cities"):
        return {}
    if name == "local-network-edges":
        return exports.resolved_settings("local-network", switches)
    raise KeyError(f"no stored table kind {name!r}")


def _encode(table: pd.DataFrame) -> tuple[list[str], list[str], dict[str, list[Any]]]:
    """Column names, dtypes and the list properties of ``table`` (nulls of text columns by position)."""
    columns, dtypes, data = [], [], {}
    for column in table.columns:
        values = table[column]
        dtype = str(values.dtype)
        if values.dtype.kind in "biuf":
            data[f"col_{column}"] = values.tolist()
        else:
            nulls = values.isna().to_numpy()
            kept = values[~nulls]
            if not all(isinstance(v, str) for v in kept):
                dtype = "json"
                kept = kept.map(json.dumps)
            filled = np.full(len(values), "", dtype=object)
            filled[~nulls] = kept.to_numpy()
            data[f"col_{column}"] = filled.tolist()
            if nulls.any():
                data[f"nulls_{column}"] = np.flatnonzero(nulls).tolist()
        columns.append(str(column))
        dtypes.append(dtype)
    return columns, dtypes, data


def _decode(props: dict[str, Any]) -> pd.DataFrame:
    frame = {}
    for column, dtype in zip(props["columns"], props["dtypes"], strict=True):
        values = list(props.get(f"col_{column}") or [])
        if dtype in ("object", "json"):
            if dtype == "json":
                values = [json.loads(v) if v != "" else v for v in values]
            for i in props.get(f"nulls_{column}") or []:
                values[i] = None
            frame[column] = pd.Series(values, dtype=object)
        else:
            frame[column] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(frame, columns=list(props["columns"]))


def save(
    driver: Driver,
    name: str,
    switches: Switches,
    table: pd.DataFrame,
    extra: dict[str, Any],
    data_stamp: str,
    database: str | None = None,
) -> int:
    """Store ``table`` as the result of ``name`` under ``switches`` (replacing the one stored before)."""
    columns, dtypes, data = _encode(table)
    params = {
        "name": name,
        "switches": key(name, switches),
        "stamp": data_stamp,
        "columns": columns,
        "dtypes": dtypes,
        "rows": len(table),
        "extra": json.dumps(extra, default=str),
        "data": data,
    }
    query(driver, "stored_schema", None, database, write=True)
    return int(query(driver, "stored_write", params, database, write=True)["rows"].iloc[0])


def load(
    driver: Driver,
    name: str,
    switches: Switches,
    database: str | None = None,
    data_stamp: str | None = None,
) -> Stored | None:
    """The stored table ``name`` for ``switches``; None when there is none or the data changed since."""
    found = query(driver, "stored_read", {"name": name, "switches": key(name, switches)}, database)
    if found.empty:
        return None
    props = found["table"].iloc[0]
    if props.get("stamp") != (data_stamp if data_stamp is not None else current_stamp(driver, database)):
        return None
    computed = props.get("computed_at")
    return Stored(
        name,
        props["switches"],
        _decode(props),
        json.loads(props.get("extra") or "{}"),
        computed.iso_format() if hasattr(computed, "iso_format") else str(computed),
    )


def listing(driver: Driver, database: str | None = None) -> pd.DataFrame:
    """name, switches, rows, stamp, computed_at of every stored table."""
    return query(driver, "stored_list", None, database)


def clear(driver: Driver, database: str | None = None) -> int:
    return int(query(driver, "stored_clear", None, database, write=True)["deleted"].iloc[0])
