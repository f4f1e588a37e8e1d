"""The patents' technology, city and citation links, pulled once for a whole graph.

``patent_nodes`` gives every dated patent (internal node id, patent id, year); ``patent_tech_nodes``
(with ``ipc_techs``), ``patent_city_nodes`` and ``patent_citation_nodes`` give the links by node id,
so the server never reads a patent's properties once per link. They run in one read transaction,
in which node ids are stable. The result is the input of the city x technology counts (RSI,
KCI/TCI), of novelty and of knowledge sourcing. ``patent_family_nodes`` adds each patent's family and
office when the indicators count families (:mod:`analytics.families` turns the patents into families)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from neo4j import Driver, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core.db import memory_explained
from hotspot_kg.core.errors import QueryError
from hotspot_kg.core.queries import load


@dataclass(frozen=True)
class Links:
    """``patents``: node, patent_id (unless pulled without ids), year (dated patents). ``techs``:
    patent (row in ``patents``), tech. ``cities``: patent, city_id. ``citations``: patent (citing),
    cited (row in ``patents``, -1 for a cited patent not loaded), cited_node (the cited patent's
    node id). ``families``: family_id and office ('' when absent) of each row of ``patents``. Links of
    undated citing patents are left out; pairs may repeat. A table not asked for is empty."""

    patents: pd.DataFrame
    techs: pd.DataFrame
    cities: pd.DataFrame
    citations: pd.DataFrame
    families: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"family_id": [], "office": []}))

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
    families: bool = False,
    database: str | None = None,
) -> Links:
    """The dated patents and, as asked, their technologies (``tech_unit``: field35 or ipc at
    ``ipc_level``), their cities under ``geo`` (applicant or inventor), their backward citations and
    their families and offices. ``ids=False`` leaves out the patent ids (``patent_years`` instead of
    ``patent_nodes``)."""
    none: dict[str, list[Any]] = {"node": [], "ipc": [], "tech": [], "city_id": [], "cited": []}
    no_family: dict[str, list[Any]] = {"node": [], "family_id": [], "office": []}

    def work(tx: ManagedTransaction) -> tuple[dict[str, list[Any]], ...]:
        return (
            _columns(tx, "patent_nodes" if ids else "patent_years", {"year_basis": year_basis}),
            _columns(tx, "patent_tech_nodes", {}) if tech_unit else none,
            _columns(tx, "ipc_techs", {"tech_unit": tech_unit, "ipc_level": ipc_level})
            if tech_unit
            else none,
            _columns(tx, "patent_city_nodes", {"geo": geo}) if geo else none,
            _columns(tx, "patent_citation_nodes", {}) if citations else none,
            _columns(tx, "patent_family_nodes", {"year_basis": year_basis}) if families else no_family,
        )

    try:
        with driver.session(database=database) as session, memory_explained():
            patents, classified, ipc, located, cites, family = session.execute_read(work)
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
    cited_node = _ints(cites["cited"])
    citation_table = pd.DataFrame(
        {"patent": citing[citing >= 0], "cited": cited[citing >= 0], "cited_node": cited_node[citing >= 0]}
    )
    return Links(table, techs, cities, citation_table, _families(nodes, family))


def _families(nodes: pd.Index, family: dict[str, list[Any]]) -> pd.DataFrame:
    """family_id and office of every row of the patents table ('' where unknown); empty when not pulled."""
    if not family["node"]:
        return pd.DataFrame({"family_id": [], "office": []})
    out = pd.DataFrame({"family_id": np.full(len(nodes), "", dtype=object), "office": ""})
    rows = nodes.get_indexer(pd.Index(_ints(family["node"])))
    ok = rows >= 0
    out.loc[rows[ok], "family_id"] = np.asarray(family["family_id"], dtype=object)[ok]
    out.loc[rows[ok], "office"] = np.asarray(family["office"], dtype=object)[ok]
    return out


def patent_cities(driver: Driver, year_basis: str, geo: str, database: str | None = None) -> pd.DataFrame:
    """patent_id, city_id: the distinct cities of every dated patent under ``geo`` (the query
    ``patent_cities`` gives the same pairs; this pull by node id is several times faster)."""
    return city_pairs(pull(driver, year_basis=year_basis, geo=geo, database=database))


def city_pairs(links: Links) -> pd.DataFrame:
    """patent_id, city_id: the distinct (patent, city) pairs of ``links`` (pulled with ids and geo)."""
    ids = links.patents["patent_id"].to_numpy()[links.cities["patent"].to_numpy()]
    pairs = pd.DataFrame({"patent_id": ids, "city_id": links.cities["city_id"].to_numpy()})
    return pairs.drop_duplicates().reset_index(drop=True)
