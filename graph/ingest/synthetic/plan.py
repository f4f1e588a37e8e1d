"""The scenario turned into arrays: every parameter for every (year, city)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph.ingest.synthetic import scenario as sc
from graph.ingest.synthetic.curves import YEARS, curve, vector_curve
from graph.ingest.synthetic.technology import N_FIELDS
from graph.ingest.synthetic.world import World

STAKE_TYPES = ("firm", "university", "research_institute", "individual", "government")
OWNERSHIPS = ("SOE", "POE", "HMT", "FJV", "FOE", "COLLECTIVE")
LAG_DECAY_YEARS = 5.0  # mean-ish age of cited prior art
CITE_DISTANCE_KM = 6000.0
PARTNER_DISTANCE_KM = 1500.0  # domestic co-invention and co-application decay
FOREIGN_PARTNER_DISTANCE_KM = 5000.0


def _profile(boost: sc.Boost, extra: sc.Boost | None = None) -> list[float]:
    out = []
    for f in range(1, N_FIELDS + 1):
        w = sc.BASE_FIELDS[f] * boost.get(f, 1.0) * (extra or {}).get(f, 1.0)
        out.append(w)
    return out


@dataclass
class Plan:
    world: World
    volume: np.ndarray  # (Y, C) thousands of patents a year at full scale
    fields: np.ndarray  # (Y, C, F) probabilities
    stake: np.ndarray  # (Y, C, 5)
    owner: np.ndarray  # (Y, C, 6) (zeros outside China)
    explore: np.ndarray  # (Y, C)
    coapp: np.ndarray  # (Y, C)
    collab: np.ndarray  # (Y, C, 3)
    self_cite: np.ndarray  # (Y, C)
    quality: np.ndarray  # (Y, C)
    abroad: np.ndarray  # (Y, C)
    affinity: list[tuple[int, int, np.ndarray]]  # (city, partner, curve over Y)
    dist: np.ndarray  # (C, C) km
    rare: np.ndarray  # (C,) multiplier of the rate of codes from the whole IPC
    niche: np.ndarray  # (C, max niches) subclass indices (into CodeBook.subclasses), -1 padded
    niche_count: np.ndarray  # (C,)

    def partner_weights(self, yi: int) -> tuple[np.ndarray, np.ndarray]:
        """Row-normalised (domestic, foreign) partner probabilities for year index yi."""
        mass = self.volume[: yi + 1].sum(axis=0) ** 0.8
        same = self.world.countries[:, None] == self.world.countries[None, :]
        scale = np.where(same, PARTNER_DISTANCE_KM, FOREIGN_PARTNER_DISTANCE_KM)
        w = mass[None, :] * np.exp(-self.dist / scale)
        for i, j, aff in self.affinity:
            w[i, j] *= aff[yi]
            w[j, i] *= aff[yi]
        np.fill_diagonal(w, 0.0)
        dom, foreign = np.where(same, w, 0.0), np.where(same, 0.0, w)
        return _rownorm(dom, fallback=foreign), _rownorm(foreign, fallback=dom)

    def source_weights(self, yi: int) -> np.ndarray:
        """P(cited city | citing city) for year index yi: self share on the diagonal, the rest by
        recent stock, quality, distance and a home-country bonus."""
        ages = yi - np.arange(yi)
        lag = ages * np.exp(-ages / LAG_DECAY_YEARS)
        stock = (self.volume[:yi] * lag[:, None]).sum(axis=0) if yi else self.volume[0]
        same = self.world.countries[:, None] == self.world.countries[None, :]
        w = (
            (stock * self.quality[yi])[None, :]
            * np.exp(-self.dist / CITE_DISTANCE_KM)
            * np.where(same, 1.5, 1.0)
        )
        np.fill_diagonal(w, 0.0)
        w = _rownorm(w, fallback=np.ones_like(w)) * (1 - self.self_cite[yi])[:, None]
        w[np.arange(len(w)), np.arange(len(w))] = self.self_cite[yi]
        return w / w.sum(axis=1, keepdims=True)


def _rownorm(m: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    s = m.sum(axis=1, keepdims=True)
    fb = fallback / np.maximum(fallback.sum(axis=1, keepdims=True), 1e-300)
    return np.where(s > 0, m / np.where(s > 0, s, 1.0), fb)


def build_plan(world: World, scenario_seed: int = 20221) -> Plan:
    rng = np.random.default_rng(scenario_seed)
    n_c, n_y = len(world.ids), len(YEARS)
    volume, fields = np.zeros((n_y, n_c)), np.zeros((n_y, n_c, N_FIELDS))
    stake, owner = np.zeros((n_y, n_c, 5)), np.zeros((n_y, n_c, 6))
    explore, coapp, self_cite = np.zeros((n_y, n_c)), np.zeros((n_y, n_c)), np.zeros((n_y, n_c))
    quality, abroad, collab = np.zeros((n_y, n_c)), np.zeros((n_y, n_c)), np.zeros((n_y, n_c, 3))
    named = {i: sc.CITIES[str(n)] for i, n in enumerate(world.names) if str(n) in sc.CITIES}
    ict_rise = vector_curve({1985: [1.0, 0.0], 2020: [1.0, 1.0]})[:, 1] * 2  # 0 -> 1 over the years
    for cc, cspec in sc.COUNTRIES.items():
        members = [i for i in np.flatnonzero(world.countries == cc) if i not in named]
        if not members:
            continue
        pop = world.population[members] ** 0.8
        total = curve(cspec.volume, log=True)
        for i, share in zip(members, pop / pop.sum(), strict=True):
            volume[:, i] = total * share
            noise = {f: float(rng.lognormal(0, 0.55)) for f in range(1, N_FIELDS + 1)}
            base = np.array(_profile(cspec.fields, noise))
            ict = np.array(_profile({}, {f: sc.ICT_UP.get(f, 1.0) for f in sc.BASE_FIELDS}))
            prof = base[None, :] * (1 + ict_rise[:, None] * (ict / np.array(_profile({})) - 1))
            fields[:, i] = prof / prof.sum(axis=1, keepdims=True)
            stake[:, i] = vector_curve(sc.STAKE_CN if cc == "CN" else sc.STAKE_FOREIGN)
            explore[:, i], coapp[:, i] = cspec.explore, 0.08
            collab[:, i] = np.array(cspec.collab) / sum(cspec.collab)
            self_cite[:, i], quality[:, i], abroad[:, i] = cspec.self_cite, cspec.quality, 0.1
            if cc == "CN":
                owner[:, i] = vector_curve(sc.OWN_CN)
    for i, spec in named.items():
        _fill_named(
            i, spec, world, volume, fields, stake, owner, explore, coapp, collab, self_cite, quality, abroad
        )
    affinity = []
    for i, spec in named.items():
        for partner, anchors in spec.partners.items():
            affinity.append((i, world.index(partner), curve(anchors)))
    return Plan(
        world,
        volume,
        fields,
        stake,
        owner,
        explore,
        coapp,
        collab,
        self_cite,
        quality,
        abroad,
        affinity,
        world.distances_km(),
        np.array([sc.CITIES[str(n)].rare if str(n) in sc.CITIES else 1.0 for n in world.names]),
        *_niches(world, rng),
    )


def _niches(world: World, rng: np.random.Generator, n_subclasses: int = 645) -> tuple[np.ndarray, np.ndarray]:
    """Each city's niche subclasses: a fixed random set (the scenario seed), sized by the scenario."""
    counts = np.array(
        [sc.CITIES[str(n)].niches if str(n) in sc.CITIES else sc.NICHES_GENERIC for n in world.names]
    )
    out = np.full((len(counts), int(counts.max())), -1, dtype=np.int64)
    for i, k in enumerate(counts):
        out[i, :k] = rng.choice(n_subclasses, size=k, replace=False)
    return out, counts


def _fill_named(
    i: int,
    spec: sc.CitySpec,
    world: World,
    volume: np.ndarray,
    fields: np.ndarray,
    stake: np.ndarray,
    owner: np.ndarray,
    explore: np.ndarray,
    coapp: np.ndarray,
    collab: np.ndarray,
    self_cite: np.ndarray,
    quality: np.ndarray,
    abroad: np.ndarray,
) -> None:
    cc = str(world.countries[i])
    volume[:, i] = curve(spec.volume, log=True)
    fields[:, i] = vector_curve({y: _profile(b) for y, b in spec.fields.items()})
    stake[:, i] = vector_curve(spec.stake or (sc.STAKE_CN if cc == "CN" else sc.STAKE_FOREIGN))
    if cc == "CN":
        owner[:, i] = vector_curve(spec.ownership or sc.OWN_CN)
    explore[:, i], coapp[:, i] = curve(spec.explore), curve(spec.coapp)
    collab[:, i] = vector_curve(spec.collab)
    self_cite[:, i], quality[:, i], abroad[:, i] = (
        curve(spec.self_cite),
        curve(spec.quality),
        curve(spec.abroad),
    )
