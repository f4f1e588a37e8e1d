"""Backward citations: a compact store of earlier patents and vectorised draws from it.

The store keeps, for every earlier patent, one int64 key ``(year, city, field)`` and its number, sorted
by key (years are appended in order, so it stays sorted). A citation picks a source city (own city with
the city's self-citation share, else by recent stock, quality and distance), a cited year (decaying
with age), the citing patent's field (70%) or any field, and then a uniform member of that bucket.
"""

from __future__ import annotations

import numpy as np

from graph.ingest.synthetic.draws import rows_choice
from graph.ingest.synthetic.plan import LAG_DECAY_YEARS, Plan
from graph.ingest.synthetic.technology import N_FIELDS

SAME_FIELD = 0.7


class CitationStore:
    def __init__(self, n_cities: int) -> None:
        self.n_cities = n_cities
        self.keys = np.zeros(0, dtype=np.int64)
        self.numbers = np.zeros(0, dtype=np.int32)
        self.pending: list[tuple[np.ndarray, np.ndarray]] = []

    def _key(self, yi: np.ndarray, city: np.ndarray, fld: np.ndarray) -> np.ndarray:
        return (yi.astype(np.int64) * self.n_cities + city) * N_FIELDS + fld

    def add_pending(self, yi: int, city: np.ndarray, fld: np.ndarray, numbers: np.ndarray) -> None:
        """Remember patents of the current year; they become citable when the year is closed."""
        self.pending.append((self._key(np.full(len(city), yi), city, fld), numbers))

    def close_year(self) -> None:
        if not self.pending:
            return
        k = np.concatenate([p[0] for p in self.pending])
        numbers = np.concatenate([p[1] for p in self.pending])
        order = np.argsort(k, kind="stable")
        self.keys = np.concatenate([self.keys, k[order]])
        self.numbers = np.concatenate([self.numbers, numbers[order].astype(np.int32)])
        self.pending = []

    def draw(
        self,
        plan: Plan,
        yi: int,
        city: np.ndarray,
        fld: np.ndarray,
        rng: np.random.Generator,
        mean_citations: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(citing row, cited patent number) pairs for the citing patents of year index yi."""
        if yi == 0 or len(self.keys) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        n = rng.poisson(mean_citations, len(city))
        row = np.repeat(np.arange(len(city)), n)
        src = rows_choice(plan.source_weights(yi), city[row], rng.random(len(row)))
        ages = np.arange(1, yi + 1)
        p_age = ages * np.exp(-ages / (LAG_DECAY_YEARS / 2))
        age = ages[rows_choice(p_age[None, :], np.zeros(len(row), dtype=np.int64), rng.random(len(row)))]
        cited_year = yi - age
        same = rng.random(len(row)) < SAME_FIELD
        k_field = self._key(cited_year, src, fld[row])
        lo_f, hi_f = np.searchsorted(self.keys, k_field, "left"), np.searchsorted(self.keys, k_field, "right")
        k_any = self._key(cited_year, src, np.zeros_like(src))
        lo_a = np.searchsorted(self.keys, k_any, "left")
        hi_a = np.searchsorted(self.keys, k_any + N_FIELDS, "left")
        use_field = same & (hi_f > lo_f)
        lo, hi = np.where(use_field, lo_f, lo_a), np.where(use_field, hi_f, hi_a)
        ok = hi > lo
        pick = lo + np.floor(rng.random(len(row)) * (hi - lo)).astype(np.int64)
        return row[ok], self.numbers[pick[ok]].astype(np.int64)
