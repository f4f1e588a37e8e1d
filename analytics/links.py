"""The patents' technology, city and citation links, pulled once for a whole graph.

``patent_nodes`` gives every dated patent (internal node id, patent id, year); ``patent_tech_nodes``
(with ``ipc_techs``), ``patent_city_nodes`` and ``patent_citation_nodes`` give the links by node id,
so the server never reads a patent's properties once per link. They run in one read transaction,
in which node ids are stable. The result is the input of the city x technology counts (RSI,
KCI/TCI), of novelty and of knowledge sourcing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from neo4j import Driver, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core.errors import QueryError
from hotspot_kg.core.queries import load


@dataclass(frozen=True)
class Links:
    """``patents``: node, patent_id (unless pulled without ids), year (dated patents). ``techs``:
    patent (row in ``patents``), tech. ``cities``: patent, city_id. ``citations``: patent (citing),
    cited (row in ``patents``, -1 for a cited patent not loaded). Links of undated citing patents
    are left out; pairs may repeat. A table not asked for is empty."""

    patents: pd.DataFrame
    techs: pd.DataFrame
    cities: pd.DataFrame
    citations: pd.DataFrame

    def tech_years(self) -> pd.DataFrame:
        """patent, tech, year: each technology link with its patent's year."""
        years = self.patents["year"].to_numpy(dtype=np.int64)
        return self.techs.assign(year=years[self.techs["patent"].to_numpy()])


def _columns(tx: ManagedTransaction, name: str, params: Mapping[str, Any]) -> dict[str, list[Any]]:
    q = load(name)
    record = tx.run(q.text, q.bind(params)).single(strict=True)
    return {key: list(value or []) for key, value in zip(record.keys(), record.values(), strict=True)}


def _ints(values: list[Any]) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def _values(values: list[Any]) -> np.ndarray:
    return pd.Series(values, dtype=None if values else object).to_numpy()


def pull(
    driver: Driver,
    *,
    year_basis: str = "filing",
    tech_unit: str | None = None,
    ipc_level: str = "subclass",
    geo: str | None = None,
    citations: bool = False,
    ids: bool = True,
    database: str | None = None,
) -> Links:
    """The dated patents and, as asked, their technologies (``tech_unit``: field35 or ipc at
    ``ipc_level``), their cities under ``geo`` (applicant or inventor) and their backward citations.
    ``ids=False`` leaves out the patent ids (``patent_years`` instead of ``patent_nodes``)."""
    none: dict[str, list[Any]] = {"node": [], "ipc": [], "tech": [], "city_id": [], "cited": []}

    def work(tx: ManagedTransaction) -> tuple[dict[str, list[Any]], ...]:
        return (
            _columns(tx, "patent_nodes" if ids else "patent_years", {"year_basis": year_basis}),
            _columns(tx, "patent_tech_nodes", {}) if tech_unit else none,
            _columns(tx, "ipc_techs", {"tech_unit": tech_unit, "ipc_level": ipc_level})
            if tech_unit
            else none,
            _columns(tx, "patent_city_nodes", {"geo": geo}) if geo else none,
            _columns(tx, "patent_citation_nodes", {}) if citations else none,
        )

    try:
        with driver.session(database=database) as session:
            patents, classified, ipc, located, cites = session.execute_read(work)
    except neo4j_errors.ClientError as e:
        raise QueryError(f"pulling the patents' links failed ({e.code}): {e.message}") from e
    nodes = pd.Index(_ints(patents["node"]))
    table = pd.DataFrame({"node": nodes, "year": _ints(patents["year"])})
    if ids:
        table.insert(1, "patent_id", _values(patents["patent_id"]))
    patent = nodes.get_indexer(_ints(classified["node"]))
    code = pd.Index(_ints(ipc["ipc"])).get_indexer(_ints(classified["ipc"]))
    known = (patent >= 0) & (code >= 0)
    techs = pd.DataFrame({"patent": patent[known], "tech": _values(ipc["tech"])[code[known]]})
    city = nodes.get_indexer(_ints(located["node"]))
    cities = pd.DataFrame({"patent": city[city >= 0], "city_id": _values(located["city_id"])[city >= 0]})
    citing = nodes.get_indexer(_ints(cites["node"]))
    cited = nodes.get_indexer(_ints(cites["cited"]))
    citation_table = pd.DataFrame({"patent": citing[citing >= 0], "cited": cited[citing >= 0]})
    return Links(table, techs, cities, citation_table)


def patent_cities(driver: Driver, year_basis: str, geo: str, database: str | None = None) -> pd.DataFrame:
    """patent_id, city_id: the distinct cities of every dated patent under ``geo`` (the query
    ``patent_cities`` gives the same pairs; this pull by node id is several times faster)."""
    return city_pairs(pull(driver, year_basis=year_basis, geo=geo, database=database))


def city_pairs(links: Links) -> pd.DataFrame:
    """patent_id, city_id: the distinct (patent, city) pairs of ``links`` (pulled with ids and geo)."""
    ids = links.patents["patent_id"].to_numpy()[links.cities["patent"].to_numpy()]
    pairs = pd.DataFrame({"patent_id": ids, "city_id": links.cities["city_id"].to_numpy()})
    return pairs.drop_duplicates().reset_index(drop=True)
