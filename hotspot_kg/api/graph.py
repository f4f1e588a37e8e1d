"""``KnowledgeGraph``: the graph of patents and its indicators, for notebooks.

One object holds one driver (built from the CLI's settings by :func:`hotspot_kg.api.connect`) and gives
the CLI's verbs as methods, with the CLI's names: ``indicator`` (``hotspot-kg export``, as a DataFrame whose
``attrs`` hold what ``.meta.json`` holds), ``export``, ``load``, ``analyze``, ``cypher`` (read-only) and
``gds`` (the official Graph Data Science client on the same database).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from graphdatascience import GraphDataScience
from neo4j import Driver

from analytics import analyze as analyze_steps
from analytics import export_file, exports
from graph.ingest import lake as lake_module
from graph.ingest import load_online, pipeline
from graph.ingest.load_path import engine_and_lake, finish_load, load_path
from hotspot_kg.api import options
from hotspot_kg.core import gds_client
from hotspot_kg.core.readonly import run_read_only
from hotspot_kg.core.settings import Settings


class KnowledgeGraph:
    """The hotspot-kg graph at ``settings`` over ``driver`` (which it closes on :meth:`close`)."""

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings
        self.database = settings.database

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.settings.uri}, database={self.database!r})"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if "gds" in self.__dict__:
            self.gds.close()  # leaves the driver open: it is ours, closed next
        self.driver.close()

    @staticmethod
    def indicators() -> list[str]:
        """The names ``indicator`` takes (those of ``hotspot-kg export``)."""
        return list(exports.EXPORTS)

    def indicator(self, name: str, **switches: Any) -> pd.DataFrame:
        """Indicator ``name`` as ``hotspot-kg export NAME`` computes it, with the same switches as keyword
        arguments (``tech_unit="field35"``, ``period="stage3:2006-2020"`` or a list of periods,
        ``city=[...]``). The settings in force, the version, the database counts and what the indicator
        reports aside are in ``DataFrame.attrs``, as in ``.meta.json``.

        Example: ``kg.indicator("rsi", period="stage3:2006-2020", tech_unit="field35")``
        """
        given = options.indicator_switches(name, switches)
        table, meta = export_file.table_and_meta(self.driver, name, given, self.database)
        table.attrs.update(meta)
        return table

    def export(
        self,
        name: str,
        out: str | Path,
        *,
        engine: str = "graph",
        lake: str | Path | None = None,
        master: str | None = None,
        **switches: Any,
    ) -> Path:
        """Write indicator ``name`` to ``out`` (CSV) and its ``.meta.json``, as ``hotspot-kg export``; the
        meta file's path. ``engine="spark"`` computes it on Spark from ``lake`` (default: the database's).

        Example: ``kg.export("rsi", "rsi.csv", engine="spark", counting="whole")``
        """
        given = options.indicator_switches(name, switches)
        lake_root = None
        if engine == "spark":
            lake_root = Path(lake) if lake is not None else lake_module.default_root(self.settings)
        _, meta_path = export_file.export(self.driver, name, given, Path(out), self.database, engine=engine,
                                          lake_root=lake_root, master=master)  # fmt: skip
        return meta_path

    def load(
        self,
        fmt: str,
        path: str | Path,
        *,
        bulk: bool = False,
        batch_size: int = load_online.DEFAULT_BATCH_SIZE,
        max_reject_rate: float = 0.01,
        rejects: str | Path | None = None,
        lake: str | Path | None = None,
        engine: str = "auto",
        master: str | None = None,
    ) -> pd.DataFrame:
        """Load ``path`` in format ``fmt`` (``canonical``, ``patentsview``, ``patstat``, ``uspto-xml``), as
        ``hotspot-kg load``; what was created, by kind and name, with the rows read and rejected in
        ``attrs``. Raises when more than ``max_reject_rate`` of the rows were rejected (the good rows load).
        With ``lake``, the validated tables are also kept there as Parquet, as ``load --lake`` does.
        ``engine`` and ``master`` are ``load --engine`` and ``--master``: ``"spark"`` loads on Apache Spark.

        Example: ``kg.load("patentsview", "data/pv", bulk=True)``
        """
        if not 0 <= max_reject_rate <= 1:
            raise ValueError(f"max_reject_rate must be within 0 and 1; got {max_reject_rate}")
        engine, lake_root = engine_and_lake(
            self.settings, engine, fmt, Path(path), None if lake is None else Path(lake), master
        )
        outcome, created = load_path(
            self.settings, None if bulk else self.driver, fmt, Path(path), bulk=bulk, batch_size=batch_size,
            rejects_file=None if rejects is None else Path(rejects), lake_root=lake_root, engine=engine,
            master=master,
        )  # fmt: skip
        finish_load(self.driver, self.settings, fmt, Path(path), outcome, lake_root)
        rows = [("node", k, n) for k, n in created.nodes.items()]
        rows += [("relationship", k, n) for k, n in created.relationships.items()]
        table = pd.DataFrame(rows, columns=["kind", "name", "created"])
        table.attrs.update(
            rows=outcome.rows, rejected=outcome.rejected, duplicates=outcome.duplicates,
            reject_rate=outcome.reject_rate, rejects_file=str(outcome.rejects_file),
        )  # fmt: skip
        pipeline.check_reject_rate(outcome, max_reject_rate)
        return table

    def analyze(
        self,
        *names: str,
        engine: str = "graph",
        lake: str | Path | None = None,
        master: str | None = None,
        **switches: Any,
    ) -> pd.DataFrame:
        """Run the analysis steps ``names`` (all of them when none), as ``hotspot-kg analyze``, with its
        switches as keyword arguments (``geo``, ``counting``, ``year``, ``ipc_level``, ``pool_years``,
        ``period``, and the units: ``unit``, ``scope``, ``geo_unit``, ``cluster_*``); one row per step: its
        summary and seconds. ``engine="spark"`` computes the Spark steps from ``lake`` (default: the
        database's) as ``--engine spark``; ``"auto"`` as ``--engine auto``.

        Example: ``kg.analyze("novelty", "complexity")``
        """
        chosen = analyze_steps.steps(list(names))
        s = options.analyze_switches(switches)
        lake_root = Path(lake) if lake is not None else lake_module.default_root(self.settings)
        if engine == "auto":
            from analytics.spark.analyze import choose

            engine = choose(self.driver, lake_root, self.database)
        done = analyze_steps.run_all(self.driver, chosen, s, self.database, engine=engine, lake_root=lake_root,
                                     master=master, config=self.settings)  # fmt: skip
        rows = []
        for name, summary, seconds in done:
            rows.append({"step": name, "summary": summary, "seconds": seconds})
        table = pd.DataFrame(rows, columns=["step", "summary", "seconds"])
        table.attrs["settings"] = s.as_dict()
        return table

    def cypher(
        self, query: str, params: dict[str, Any] | None = None, *, timeout: float = 60.0, **kwparams: Any
    ) -> pd.DataFrame:
        """Run one read-only query (as ``hotspot-kg cypher``: writes, schema changes and GDS catalog calls
        are refused) with ``$parameters`` as keyword arguments (or in ``params``); a DataFrame.

        Example: ``kg.cypher("MATCH (c:City {name: $n}) RETURN c.id AS id", n="Shenzhen")``
        """
        bound = {**(params or {}), **kwparams}
        return run_read_only(self.driver, query, bound, database=self.database, timeout=timeout)

    @cached_property
    def gds(self) -> GraphDataScience:
        """A ``graphdatascience.GraphDataScience`` on the same driver and database."""
        return gds_client.client(self.driver, self.database)
