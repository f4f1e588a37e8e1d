"""Patent families for the simulated universe: some inventions are also filed in other offices.

Off by default (``family_share = 0``): the generator then writes what it always wrote, byte for byte, and
every patent is a family of its own. With a share s > 0, each invention of a year is, with probability s,
filed again in one to three other offices (US, EP, JP, CN, KR), and with probability ``pct_share`` one of
those filings is a PCT application (office WO). A further filing is a patent of its own (id
``SIM-P<invention's number>-<office>``) with the invention's family id, applicants, inventors and IPC codes, filed in
the same year or the next (never after the last year) with the invention's year as its priority year; it
cites nothing and nothing cites it, so the citation facts are unchanged. Its draws come from a random
stream of their own, so the inventions, and everything calibrated on them, are the same with or without
families.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph.ingest.synthetic.curves import LAST_YEAR
from graph.ingest.synthetic.draws import expand
from graph.ingest.synthetic.engine import YearOutput

OFFICES = np.array(["US", "EP", "JP", "CN", "KR"])
PCT = "WO"
STREAM = 15  # the families' own random stream: (seed, year, part, STREAM)


@dataclass(frozen=True)
class Members:
    """The further filings of a chunk: patents (ids and columns), and their applicant, inventor and IPC
    links (rows of the invention's links, repeated for each member)."""

    patents: dict[str, np.ndarray]
    patent_applicants: dict[str, np.ndarray]
    patent_inventors: dict[str, np.ndarray]
    patent_ipc: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.patents["number"])


def _offices(home: np.ndarray, counts: np.ndarray, pct: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each invention with k further filings, k distinct offices other than its own; the first is WO
    where ``pct`` is set."""
    row, slot = expand(counts)
    keys = rng.random((len(home), len(OFFICES)))
    keys[OFFICES[None, :] == home[:, None]] = 2.0  # never the invention's own office
    order = np.argsort(keys, axis=1)
    office = OFFICES[order[row, slot]].astype(object)
    office[(slot == 0) & pct[row] & (home[row] != PCT)] = PCT  # a PCT invention has its WO filing
    return office


def members(
    out: YearOutput, seed: int, year: int, part: int, family_share: float, pct_share: float
) -> Members:
    """The further filings of the inventions in ``out`` (empty when ``family_share`` is 0)."""
    p = out.patents
    rng = np.random.default_rng([seed, year, part, STREAM])
    n = len(p["number"])
    filed = rng.random(n) < family_share
    counts = np.where(filed, 1 + rng.integers(0, 3, n), 0)
    pct = rng.random(n) < pct_share
    inv, _ = expand(counts)
    office = _offices(p["office"].astype(str), counts, pct, rng)
    later = np.minimum(p["year"][inv] + (rng.random(len(inv)) < 0.5), LAST_YEAR)
    day = (
        later.astype(str).astype(object)
        + "-"
        + np.char.mod("%02d", 1 + rng.integers(0, 12, len(inv)))
        + "-15"
    )
    number = p["number"][inv]
    patents = {"number": number, "filing_date": day.astype(str), "year": later,
               "priority_year": p["year"][inv], "office": office.astype(str),
               "kind": np.where(office == PCT, "A1", "A"), "title": p["title"][inv]}  # fmt: skip
    links = {name: _member_links(getattr(out, name), number)
             for name in ("patent_applicants", "patent_inventors", "patent_ipc")}  # fmt: skip
    return Members(patents, links["patent_applicants"], links["patent_inventors"], links["patent_ipc"])


def _member_links(table: dict[str, np.ndarray], number: np.ndarray) -> dict[str, np.ndarray]:
    """The rows of ``table`` (keyed by ``patent`` number) repeated for each member (``member``: its row)."""
    if len(number) == 0:
        return {**{key: value[:0] for key, value in table.items()}, "member": np.zeros(0, dtype=np.int64)}
    order = np.argsort(table["patent"], kind="stable")
    sorted_patent = table["patent"][order]
    start = np.searchsorted(sorted_patent, number, side="left")
    stop = np.searchsorted(sorted_patent, number, side="right")
    member, slot = expand(stop - start)
    rows = order[start[member] + slot]
    out = {key: value[rows] for key, value in table.items()}
    out["member"] = member
    return out
