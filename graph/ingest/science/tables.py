"""Reader of a science folder (or .zip): the canonical CSV files of the science side.

``cities.csv`` (as for patents), ``institutions.csv``, ``works.csv``, ``work_institutions.csv`` and
``city_context.csv``; any may be absent but the folder must hold at least one of works, institutions and
city_context. The files are read with the canonical reader (:mod:`graph.ingest.readers.canonical`), so a
malformed file (unknown columns, binary, bad encoding) fails as a whole with one InputError, and each
row keeps its file and line for the rejects.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.ingest.readers.canonical import Folder
from graph.ingest.records import SCIENCE_ORDER
from graph.ingest.validate import frame_of
from hotspot_kg.core.errors import InputError

ANY_OF = ("works", "institutions", "city_context")


def folder(path: Path) -> Folder:
    """The science files of ``path``, every header checked; InputError when none is there."""
    found = Folder(Path(path), required=())
    if not any(t in found.files for t in ANY_OF):
        raise InputError(
            f"{path}: no science table found; give a folder with works.csv, work_institutions.csv, "
            "institutions.csv, cities.csv or city_context.csv"
        )
    for table in SCIENCE_ORDER:
        if table in found.files:
            found.header(table)
    return found


def frames(path: Path) -> dict[str, pd.DataFrame]:
    """Every science table at ``path`` as a frame of strings with file and line (absent: empty)."""
    found = folder(path)
    return {t: found.frame(t) if t in found.files else frame_of(t, []) for t in SCIENCE_ORDER}
