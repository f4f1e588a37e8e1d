"""The data stamp: what the loaded graph holds, as one string that any load or reset changes.

Counts of the loaded nodes and relationships (from the count store, instant at any size) and the last
year (``graph/cypher/stored_stamp.cypher``). Stored result tables are valid only for the stamp they were
computed from, and a lake of validated tables (:mod:`graph.ingest.lake`) only for the stamp of the
database it was loaded into. What the analytics write back (novelty, ``SPECIALISED_IN``, ...) is not
counted, so analysing does not change it.
"""

from __future__ import annotations

import pandas as pd
from neo4j import Driver

from hotspot_kg.core.db import run
from hotspot_kg.core.queries import load


def data_stamp(driver: Driver, database: str | None = None) -> str:
    """The stamp of the data in ``database``: ``patents=...;applicants=...;...;last_year=...``."""
    q = load("stored_stamp")
    row = run(driver, q.text, q.bind(), database=database).iloc[0]
    return ";".join(f"{k}={'' if pd.isna(v) else int(v)}" for k, v in row.items())
