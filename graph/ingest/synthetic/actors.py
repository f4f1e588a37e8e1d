"""Applicant and inventor pools that grow year by year; an actor's id encodes (city, category, index).

Ids are integers ``10**12 + city * 10**9 + category * 10**7 + index`` (inventors: category 0), so
picking the index-th member of a pool needs no lookup table, and memory stays flat in N: only the
size and cumulative use of each pool are kept. New members are named and written the year they appear.
"""

from __future__ import annotations

import numpy as np

from graph.ingest.synthetic import names
from graph.ingest.synthetic.plan import OWNERSHIPS, STAKE_TYPES, Plan
from graph.ingest.synthetic.world import World

# applicant categories: six ownership types of Chinese firms, then foreign firm and the other stakeholders
CATEGORIES = (*(f"firm:{o}" for o in OWNERSHIPS), "firm", *STAKE_TYPES[1:])
N_CAT = len(CATEGORIES)
CAT_TYPE = np.array([c.split(":")[0] for c in CATEGORIES])
CAT_OWNER = np.array([c.split(":")[1] if ":" in c else "" for c in CATEGORIES])
# pool size as a function of cumulative use: a * cum ** b (at least 1); skew of the index draw
POOL_A = np.array([0.6] * 7 + [0.5, 0.5, 0.85, 0.3])
POOL_B = np.array([0.75] * 7 + [0.4, 0.45, 1.0, 0.3])
SKEW = np.array([2.5] * 7 + [1.5, 1.5, 0.7, 1.0])
BASE = 10**12


def category_probs(plan: Plan, yi: int) -> np.ndarray:
    """(C, N_CAT) probabilities of a patent's applicant category in each city."""
    stake, own = plan.stake[yi], plan.owner[yi]
    is_cn = own.sum(axis=1) > 0
    out = np.zeros((len(stake), N_CAT))
    out[:, :6] = stake[:, :1] * own * is_cn[:, None]
    out[:, 6] = stake[:, 0] * ~is_cn
    out[:, 7:] = stake[:, 1:]
    return out


class ApplicantPools:
    def __init__(self, n_cities: int) -> None:
        self.size = np.zeros(n_cities * N_CAT, dtype=np.int64)
        self.used = np.zeros(n_cities * N_CAT, dtype=np.int64)

    def pick(
        self, city: np.ndarray, cat: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Actor ids for the draws; returns (ids, new_keys, new_index) of members created now."""
        key = city * N_CAT + cat
        self.used += np.bincount(key, minlength=len(self.used))
        cat_all = np.arange(len(self.size)) % N_CAT
        target = np.where(self.used > 0, np.ceil(POOL_A[cat_all] * self.used ** POOL_B[cat_all]), 0).astype(
            np.int64
        )
        target = np.maximum(target, (self.used > 0).astype(np.int64))
        grown = np.maximum(target, self.size)
        new_count = grown - self.size
        new_keys = np.repeat(np.arange(len(self.size)), new_count)
        new_index = np.repeat(self.size, new_count) + (
            np.arange(len(new_keys)) - np.repeat(np.cumsum(new_count) - new_count, new_count)
        )
        self.size = grown
        idx = np.floor(self.size[key] * u ** SKEW[cat]).astype(np.int64)
        ids = BASE + city * 10**9 + cat * 10**7 + np.minimum(idx, self.size[key] - 1)
        return ids, new_keys, new_index


class InventorPools:
    def __init__(self, n_cities: int) -> None:
        self.size = np.zeros(n_cities, dtype=np.int64)

    def pick(self, city: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mostly recent inventors; about one new inventor for three inventor slots."""
        slots = np.bincount(city, minlength=len(self.size))
        new_count = np.ceil(0.35 * slots).astype(np.int64)
        new_city = np.repeat(np.arange(len(self.size)), new_count)
        new_index = np.repeat(self.size, new_count) + (
            np.arange(len(new_city)) - np.repeat(np.cumsum(new_count) - new_count, new_count)
        )
        self.size += new_count
        window = np.minimum(self.size[city], 6 * new_count[city])
        idx = self.size[city] - 1 - np.floor(window * u**1.3).astype(np.int64)
        return BASE + city * 10**9 + np.maximum(idx, 0), new_city, new_index


def applicant_rows(world: World, keys: np.ndarray, index: np.ndarray, draws: np.ndarray) -> dict[str, list]:
    """Name, type, city and ownership of newly created applicants."""
    city, cat = keys // N_CAT, keys % N_CAT
    ids = BASE + city * 10**9 + cat * 10**7 + index
    rows_name = [
        names.organisation(
            CAT_TYPE[k], world.countries[c], world.names[c], world.local_names[c], CAT_OWNER[k], int(d)
        )
        for c, k, d in zip(city.tolist(), cat.tolist(), draws.tolist(), strict=True)
    ]
    return {"id": ids, "name": rows_name, "type": CAT_TYPE[cat], "city": city, "ownership": CAT_OWNER[cat]}


def inventor_names(world: World, city: np.ndarray, draws: np.ndarray) -> list[str]:
    return [
        names.person(world.countries[c], int(d)) for c, d in zip(city.tolist(), draws.tolist(), strict=True)
    ]
