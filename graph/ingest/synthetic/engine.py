"""One simulated year at a time: patents, applicants, inventors, IPC codes and citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from graph.ingest.synthetic.actors import (
    ApplicantPools,
    InventorPools,
    applicant_rows,
    category_probs,
    inventor_names,
)
from graph.ingest.synthetic.citations import CitationStore
from graph.ingest.synthetic.curves import YEARS
from graph.ingest.synthetic.draws import expand, first_unique, rows_choice, seq_within
from graph.ingest.synthetic.plan import Plan
from graph.ingest.synthetic.technology import FIELDS, N_FIELDS, TechSampler

HOME_OFFICE = {"CN": "CN", "US": "US", "JP": "JP", "KR": "KR", "TW": "TW", "DE": "DE", "FR": "FR", "GB": "GB"}
EUROPE = {"IT", "NL", "CH", "SE", "FI", "DK", "NO", "BE", "AT", "ES", "IE"}
ANYWHERE_RATE = 0.006  # share of extra codes drawn from the whole IPC (times the city's `rare` factor)
NICHE_RATE = 0.03  # share of patents that are niche patents
MODE_P = np.array([0.35, 0.35, 0.30])  # extra code: same unit, same field, related field (after exploration)


def _related_fields() -> np.ndarray:
    sectors = [FIELDS[f][1] for f in range(1, N_FIELDS + 1)]
    prob = np.array(
        [
            [1.0 if sectors[a] == sectors[b] and a != b else 0.0 for b in range(N_FIELDS)]
            for a in range(N_FIELDS)
        ]
    )
    return prob / prob.sum(axis=1, keepdims=True)


@dataclass
class YearOutput:
    patents: dict[str, np.ndarray]
    applicants: dict[str, Any]
    inventors: dict[str, Any]
    patent_applicants: dict[str, np.ndarray]
    patent_inventors: dict[str, np.ndarray]
    patent_ipc: dict[str, np.ndarray]
    citations: dict[str, np.ndarray]


MEAN_CITATIONS = 3.25  # the average over the years of the calibrated citations a patent


class Engine:
    def __init__(self, plan: Plan, tech: TechSampler, seed: int, citations: float | None = None) -> None:
        self.plan, self.tech, self.seed = plan, tech, seed
        # the calibrated mean rises from 1.5 to 5 citations a patent over the years (3.25 on average); a
        # given ``citations`` scales that curve to this average (before repeated pairs are dropped)
        self.citation_scale = 1.0 if citations is None else citations / MEAN_CITATIONS
        n_c = len(plan.world.ids)
        self.apps, self.invs, self.store = ApplicantPools(n_c), InventorPools(n_c), CitationStore(n_c)
        self.next_number = 1
        self.related = _related_fields()
        cc = plan.world.countries
        self.home_office = np.array([HOME_OFFICE.get(c, "EP" if c in EUROPE else "WO") for c in cc])

    def chunk(self, yi: int, n: int, part: int) -> YearOutput:
        """``n`` patents of year index ``yi`` (part ``part`` of the year; parts keep memory flat in N)."""
        plan, rng = self.plan, np.random.default_rng([self.seed, int(YEARS[yi]), part])
        vol = plan.volume[yi]
        city = np.repeat(np.arange(len(vol)), rng.multinomial(n, vol / vol.sum()))
        fld = rows_choice(plan.fields[yi], city, rng.random(n))
        numbers = np.arange(self.next_number, self.next_number + n, dtype=np.int64)
        self.next_number += n
        patents = self._patents(yi, city, numbers, rng)
        pa, apps = self._applicants(yi, city, rng)
        pi, invs = self._inventors(yi, city, rng)
        ipc = self._ipc(yi, city, fld, rng)
        patents["title"] = self.tech.book.titles[ipc["code"][ipc["seq"] == 1]]
        mean_cit = (1.5 + 3.5 * yi / (len(YEARS) - 1)) * self.citation_scale
        c_row, cited = self.store.draw(plan, yi, city, fld, rng, mean_cit)
        keep = first_unique(c_row, cited)
        us = patents["office"][c_row[keep]] == "US"
        origin = np.where(rng.random(int(keep.sum())) < np.where(us, 0.55, 0.12), "applicant", "examiner")
        self.store.add_pending(yi, city, fld, numbers)
        return YearOutput(
            patents=patents,
            applicants=apps,
            inventors=invs,
            patent_applicants={"patent": numbers[pa["row"]], "id": pa["id"], "seq": pa["seq"]},
            patent_inventors={"patent": numbers[pi["row"]], "id": pi["id"], "seq": pi["seq"]},
            patent_ipc={
                "patent": numbers[ipc["row"]],
                "code": self.tech.book.codes[ipc["code"]],
                "seq": ipc["seq"],
            },
            citations={"citing": numbers[c_row[keep]], "cited": cited[keep], "origin": origin},
        )

    def _patents(self, yi: int, city: np.ndarray, numbers: np.ndarray, rng: np.random.Generator) -> dict:
        year = int(YEARS[yi])
        n = len(city)
        abroad = rng.random(n) < self.plan.abroad[yi][city]
        office = np.where(abroad, np.where(rng.random(n) < 0.6, "US", "WO"), self.home_office[city])
        kind = np.where(
            np.isin(office, ["CN", "JP", "KR", "TW"]) | ((office == "US") & (year < 2001)), "A", "A1"
        )
        day = np.datetime64(f"{year}-01-01") + rng.integers(0, 365, n).astype("timedelta64[D]")
        priority = np.where(abroad & (rng.random(n) < 0.8), year - 1, year)
        return {
            "number": numbers,
            "filing_date": day.astype(str),
            "year": np.full(n, year),
            "priority_year": priority,
            "office": office,
            "kind": kind,
        }

    def _partner_city(
        self, yi: int, city: np.ndarray, rng: np.random.Generator, local_ok: bool
    ) -> np.ndarray:
        dom, foreign = self.plan.partner_weights(yi)
        probs = self.plan.collab[yi][city]
        if not local_ok:
            probs = probs.copy()
            probs[:, 0] = 0.0
        mode = rows_choice(probs, np.arange(len(city)), rng.random(len(city)))
        d = rows_choice(dom, city, rng.random(len(city)))
        f = rows_choice(foreign, city, rng.random(len(city)))
        return np.where(mode == 0, city, np.where(mode == 1, d, f))

    def _applicants(self, yi: int, city: np.ndarray, rng: np.random.Generator) -> tuple[dict, dict]:
        n = len(city)
        counts = 1 + (rng.random(n) < self.plan.coapp[yi][city]).astype(np.int64)
        row, slot = expand(counts)
        a_city = city[row].copy()
        second = slot > 0
        a_city[second] = np.where(
            rng.random(int(second.sum())) < 0.5,
            city[row[second]],
            self._partner_city(yi, city[row[second]], rng, local_ok=False),
        )
        cat = rows_choice(category_probs(self.plan, yi), a_city, rng.random(len(row)))
        ids, new_keys, new_index = self.apps.pick(a_city, cat, rng.random(len(row)))
        keep = first_unique(row, ids)
        seq = seq_within(row[keep])
        apps = applicant_rows(self.plan.world, new_keys, new_index, rng.integers(0, 2**62, len(new_keys)))
        return {"row": row[keep], "id": ids[keep], "seq": seq}, apps

    def _inventors(self, yi: int, city: np.ndarray, rng: np.random.Generator) -> tuple[dict, dict]:
        lam = 0.8 + 1.0 * yi / (len(YEARS) - 1)
        counts = 1 + np.minimum(rng.poisson(lam, len(city)), 7)
        row, slot = expand(counts)
        i_city = city[row].copy()
        extra = slot > 0
        i_city[extra] = self._partner_city(yi, city[row[extra]], rng, local_ok=True)
        ids, new_city, new_index = self.invs.pick(i_city, rng.random(len(row)))
        keep = first_unique(row, ids)
        names = inventor_names(self.plan.world, new_city, rng.integers(0, 2**62, len(new_city)))
        new_ids = ids.dtype.type(10**12) + new_city * 10**9 + new_index
        return (
            {"row": row[keep], "id": ids[keep], "seq": seq_within(row[keep])},
            {"id": new_ids, "name": names, "city": new_city},
        )

    def _ipc(self, yi: int, city: np.ndarray, fld: np.ndarray, rng: np.random.Generator) -> dict:
        tech = self.tech
        n = len(city)
        unit0 = tech.unit_of_field(fld, rng.random(n))
        counts = 1 + np.minimum(rng.poisson(1.3, n), 6)
        row, slot = expand(counts)
        m = len(row)
        u1, u2 = rng.random(m), rng.random(m)
        code = tech.code_in_unit(unit0[row], u1)
        extra = slot > 0
        u_mode = rng.random(m)
        cross = extra & (u_mode < self.plan.explore[yi][city[row]])  # a far field: new combinations
        anywhere = (
            extra & ~cross & (u_mode > 1 - ANYWHERE_RATE * self.plan.rare[city[row]])
        )  # any subclass of the IPC, same rate everywhere
        mode = rows_choice(MODE_P[None, :], np.zeros(m, dtype=np.int64), rng.random(m))
        other_field = rows_choice(self.related, fld[row], rng.random(m))
        f_unit = tech.unit_of_field(np.where(mode == 2, other_field, fld[row]), rng.random(m))
        f_unit = np.where(cross, np.floor(u2 * len(tech.unit_start)).astype(np.int64), f_unit)
        normal = extra & ~anywhere
        code = np.where(normal & ((mode > 0) | cross), tech.code_in_unit(f_unit, u1), code)
        code = np.where(anywhere, tech.code_anywhere(u2, u1), code)
        code = self._niche_codes(city, row, code, rng)
        keep = first_unique(row, code)
        row, code = row[keep], code[keep]
        return {"row": row, "code": code, "seq": seq_within(row)}

    def _niche_codes(
        self, city: np.ndarray, row: np.ndarray, code: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray:
        """Niche patents: every code from one subclass of the city's niche set."""
        plan, book = self.plan, self.tech.book
        n = len(city)
        niche = rng.random(n) < NICHE_RATE
        pick = np.floor(rng.random(n) * plan.niche_count[city]).astype(np.int64)
        sub = plan.niche[city, pick]
        start, count = book.sub_start[sub[row]], book.sub_count[sub[row]]
        inside = start + np.floor(count * rng.random(len(row)) ** 2.5).astype(np.int64)
        return np.where(niche[row], inside, code)
