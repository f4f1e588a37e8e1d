"""Writing the science side of the SIMULATION: institutions, works, their links and the city context.

Drawn with a random stream of its own (``[seed, SCIENCE_STREAM]``), after the patents: the patent draws
are the same with or without it. Files: ``institutions.csv``, ``works.csv``, ``work_institutions.csv``
and ``city_context.csv`` (the science canonical tables, ``hotspot-kg load science DIR``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

import numpy as np

from graph.ingest.records import CONTEXT_COLUMNS, TABLES
from graph.ingest.synthetic import science_plan as sp
from graph.ingest.synthetic.curves import YEARS, curve
from graph.ingest.synthetic.draws import expand, first_unique, largest_remainder, rows_choice
from graph.ingest.synthetic.world import World

SCIENCE_STREAM = 16  # the issue that brought the science side
WORKS_PER_PATENT = 0.25
MIN_WORKS = 500
TYPE_WORDS = {"education": "University", "facility": "Institute", "healthcare": "Hospital",
              "company": "Labs", "government": "Academy"}  # fmt: skip


def default_works(patents: int) -> int:
    return max(MIN_WORKS, int(patents * WORKS_PER_PATENT))


class ScienceDraw:
    """The institutions of every city and the draws of one year's works."""

    def __init__(self, world: World, works: int, rng: np.random.Generator) -> None:
        self.world, self.rng = world, rng
        self.sz, self.hk = world.index("Shenzhen"), world.index("Hong Kong")
        self.volume = sp.city_volume(world.names, world.countries, world.population, self.sz)
        self.per_year = largest_remainder(self.volume.sum(axis=1), works)
        expected = (self.volume / self.volume.sum(axis=1, keepdims=True) * self.per_year[:, None]).sum(axis=0)
        self.n_inst = np.clip(np.ceil(expected / 150), 2, 40).astype(np.int64)
        self.inst_start = np.cumsum(self.n_inst) - self.n_inst
        self.fields = sp.field_weights(world.countries, self.sz)
        same = world.countries[:, None] == world.countries[None, :]
        self.domestic_mask = same & ~np.eye(len(world.ids), dtype=bool)
        self.abroad_mask = ~same

    def partners(self, y: int) -> np.ndarray:
        """(cities, 3) probabilities of a partner's place: same city, same country, abroad."""
        local, domestic, abroad = (c[y] for c in sp.PARTNERS)
        probs = np.tile([local, domestic, abroad], (len(self.world.ids), 1))
        probs[self.sz] = [c[y] for c in sp.SHENZHEN_PARTNERS]
        no_domestic = ~self.domestic_mask.any(axis=1)  # Hong Kong, Singapore: a partner is abroad
        probs[no_domestic, 2] += probs[no_domestic, 1]
        probs[no_domestic, 1] = 0.0
        return probs

    def year(self, y: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(lead city, field, work of each link, institution of each link) of year index ``y``."""
        n, rng = int(self.per_year[y]), self.rng
        weights = self.volume[y]
        lead = rng.choice(len(weights), size=n, p=weights / weights.sum())
        field = sp.FIELD_IDS[rows_choice(self.fields, lead, rng.random(n))]
        k = rng.choice(4, size=n, p=sp.INSTITUTIONS_PER_WORK) + 1
        owner, slot = expand(k)
        city = lead[owner].copy()
        partner = slot > 0
        rel = rows_choice(self.partners(y), lead[owner[partner]], rng.random(int(partner.sum())))
        domestic = rows_choice(self.domestic_mask * weights[None, :] + 1e-12 * self.domestic_mask,
                               lead[owner[partner]], rng.random(int(partner.sum())))  # fmt: skip
        abroad = rows_choice(
            self.abroad_mask * weights[None, :], lead[owner[partner]], rng.random(int(partner.sum()))
        )
        to_hk = (lead[owner[partner]] == self.sz) & (rng.random(int(partner.sum())) < sp.SHENZHEN_HK)
        abroad = np.where(to_hk, self.hk, abroad)
        city[partner] = np.select([rel == 0, rel == 1], [lead[owner[partner]], domestic], abroad)
        rank = np.minimum(
            self.n_inst[city] - 1, (self.n_inst[city] * rng.random(len(city)) ** 2).astype(np.int64)
        )
        institution = self.inst_start[city] + rank
        keep = first_unique(owner, institution)
        return lead, field, owner[keep], institution[keep]


def _writer(out: Path, table: str, columns: tuple[str, ...]) -> tuple[IO[str], csv.DictWriter[str]]:
    handle = (out / f"{table}.csv").open("w", encoding="utf-8", newline="")
    writer = csv.DictWriter(handle, fieldnames=[c for c in columns if c in TABLES[table].columns])
    writer.writeheader()
    return handle, writer


def write_science(out: Path, world: World, works: int, seed: int) -> dict[str, int]:
    """Write the science tables of the simulation into ``out``; rows written per table."""
    draw = ScienceDraw(world, works, np.random.default_rng([seed, SCIENCE_STREAM]))
    rows = {"institutions": int(draw.n_inst.sum()), "works": 0, "work_institutions": 0}
    _write_institutions(out, world, draw)
    works_file, works_out = _writer(out, "works", ("work_id", "year", "type", "field"))
    links_file, links_out = _writer(out, "work_institutions", ("work_id", "institution_id", "seq"))
    try:
        number = 0
        for y, year in enumerate(YEARS):
            lead, field, work, institution = draw.year(y)
            kinds = draw.rng.choice(len(sp.WORK_TYPES), size=len(lead))
            for i in range(len(lead)):
                works_out.writerow({"work_id": f"SIM-W{number + i + 1}", "year": int(year),
                                    "type": sp.WORK_TYPES[kinds[i]], "field": int(field[i])})  # fmt: skip
            seq = np.ones(len(work), dtype=np.int64)
            seq[1:] = np.where(work[1:] == work[:-1], 0, 1)
            positions = np.arange(len(work)) - np.maximum.accumulate(
                np.where(seq == 1, np.arange(len(work)), 0)
            )
            for w, inst, pos in zip(work.tolist(), institution.tolist(), positions.tolist(), strict=True):
                links_out.writerow({"work_id": f"SIM-W{number + w + 1}", "institution_id": f"SIM-S{inst + 1}",
                                    "seq": pos + 1})  # fmt: skip
            number += len(lead)
            rows["work_institutions"] += len(work)
        rows["works"] = number
    finally:
        works_file.close()
        links_file.close()
    rows["city_context"] = _write_context(out, world)
    return rows


def _write_institutions(out: Path, world: World, draw: ScienceDraw) -> None:
    handle, writer = _writer(out, "institutions", ("institution_id", "name", "type", "country", "city_id"))
    kinds = draw.rng.choice(
        len(sp.INSTITUTION_TYPES), size=int(draw.n_inst.sum()), p=sp.INSTITUTION_TYPE_SHARES
    )
    try:
        for city, (start, n) in enumerate(zip(draw.inst_start.tolist(), draw.n_inst.tolist(), strict=True)):
            for rank in range(n):
                kind = sp.INSTITUTION_TYPES[0 if rank == 0 else kinds[start + rank]]
                writer.writerow({"institution_id": f"SIM-S{start + rank + 1}", "type": kind,
                                 "name": f"SIM {world.names[city]} {TYPE_WORDS[kind]} {rank + 1}",
                                 "country": world.countries[city], "city_id": world.ids[city]})  # fmt: skip
    finally:
        handle.close()


def _write_context(out: Path, world: World) -> int:
    handle, writer = _writer(out, "city_context", CONTEXT_COLUMNS)
    written = 0
    try:
        for area, columns in sp.CONTEXT.items():
            area_id = area if len(area) == 2 else str(world.ids[world.index(area)])
            values = {name: _series(anchors) for name, anchors in columns.items()}
            source = "SIMULATION: illustrative values shaped after " + (
                "World Bank WDI" if len(area) == 2 else f"the {area} Statistical Yearbook"
            )
            for y, year in enumerate(YEARS):
                row = {name: _fmt(v[y], name) for name, v in values.items()}
                basic, applied = values["rd_share_basic"][y], values["rd_share_applied"][y]
                row["rd_share_experimental"] = _fmt(1.0 - basic - applied)
                gdp = values["gdp_per_capita"][y] * values["population"][y]
                row["rd_expenditure"] = _fmt(values["rd_intensity"][y] / 100 * gdp, "rd_expenditure")
                writer.writerow({"area_id": area_id, "year": int(year), "currency_basis": "constant 2015 USD",
                                 **row, "source": source})  # fmt: skip
                written += 1
    finally:
        handle.close()
    return written


def _series(anchors: dict[int, float]) -> np.ndarray:
    """The anchored curve, unknown (NaN) before its first anchor."""
    values = curve(anchors)
    return np.where(min(anchors) > YEARS, np.nan, values)


def _fmt(value: float, name: str = "") -> str:
    """A value as written in the CSV: empty when unknown, whole numbers for counts and amounts."""
    if np.isnan(value):
        return ""
    return f"{value:.0f}" if name in ("population", "rd_expenditure", "gdp_per_capita") else f"{value:.4f}"
