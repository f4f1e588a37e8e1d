"""The parity conventions of KCI/TCI, for users who must match another tool.

``econgeo`` follows EconGeo 2.0's ``kci()``/``tci()`` (R, Balland), read from its source:

- M from RCA: EconGeo's ``rca(mat, binary = TRUE)`` sets ``lq < 1`` to 0 and ``lq > 1`` to 1 and
  then rounds to 2 decimals, so M = [RSI >= 1] exactly (the rounding acts on 0/1 values only).
  We reproduce that: M = [RSI >= threshold], unrounded (see docs/indicators.md).
- ``CC = round(D^-1 M U^-1 M^T, 4)``; R's ``eigen`` orders eigenvalues by decreasing modulus; the
  second eigenvector ``v`` is returned as ``v / sum(v)`` (no z-score).
- KCI sign: flipped when its Pearson correlation with ``morc(M, steps = 20)`` is negative.
- TCI: ``tt = round(U^-1 M^T D^-1 M, 4)``, same eigenvector and scaling; flipped when its Spearman
  correlation with ubiquity is positive.

``ecomplexity`` follows py-ecomplexity 0.5.3: ``kp`` = the unit eigenvector of the second largest
eigenvalue of ``U^-1 M^T D^-1 M``; ``kc = D^-1 M kp``; both flipped by the sign of corr(diversity,
kc); ``pci = (pci - mean(eci)) / std(eci)``; ``eci = z(eci)`` (numpy std, ddof = 0).
"""

from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from analytics.presence import Presence, second_singular
from hotspot_kg.core.errors import IndicatorError

ECONGEO_DENSE_LIMIT = 20_000


def compute(p: Presence, convention: str) -> tuple[np.ndarray, np.ndarray, float]:
    """KCI, TCI and the second eigenvalue under a parity ``convention`` (econgeo or ecomplexity)."""
    if convention == "econgeo":
        return econgeo(p)
    if convention == "ecomplexity":
        return ecomplexity(p)
    raise IndicatorError(f"no parity convention {convention!r}; use econgeo or ecomplexity")


def ecomplexity(p: Presence) -> tuple[np.ndarray, np.ndarray, float]:
    """py-ecomplexity's ECI and PCI (its normalisation: PCI with ECI's mean and std)."""
    eigenvalue, _, kp = second_singular(p)
    kp = kp / np.linalg.norm(kp)
    kc = (p.m @ kp) / p.diversity
    if np.corrcoef(p.diversity, kc)[0, 1] < 0:
        kc, kp = -kc, -kp
    mean, sd = kc.mean(), kc.std()
    return (kc - mean) / sd, (kp - mean) / sd, eigenvalue


def econgeo(p: Presence) -> tuple[np.ndarray, np.ndarray, float]:
    """EconGeo 2.0's kci() and tci() on the presence matrix."""
    if max(p.m.shape) > ECONGEO_DENSE_LIMIT:
        raise IndicatorError(
            f"convention econgeo works on dense matrices like EconGeo; {p.m.shape} is too large: "
            "use the default convention or a coarser ipc_level"
        )
    m = p.m.toarray()
    d, u = p.diversity, p.ubiquity
    rs = m / d[:, None]
    cs = m.T / u[:, None]
    kci, eigenvalue = _second_by_modulus(np.round(rs @ cs, 4))
    if np.corrcoef(kci, morc(m, 20))[0, 1] < 0:
        kci = -kci
    tci, _ = _second_by_modulus(np.round(cs @ rs, 4))
    rho = spearmanr(tci, u).statistic
    if np.isnan(rho):
        raise IndicatorError("EconGeo's tci sign rule is undefined here (constant ubiquity or TCI)")
    if rho > 0:
        tci = -tci
    return kci, tci, eigenvalue


def _second_by_modulus(a: np.ndarray) -> tuple[np.ndarray, float]:
    """R's ``eigen(a)$vec[, 2]`` scaled by its sum (eigenvalues in decreasing modulus, stable order)."""
    values, vectors = np.linalg.eig(a)
    order = np.argsort(-np.abs(values), kind="stable")
    v = np.real(vectors[:, order[1]])
    total = v.sum()
    if abs(total) < 1e-12:
        raise IndicatorError("EconGeo's scaling v / sum(v) is undefined: the eigenvector sums to zero")
    return v / total, float(np.real(values[order[1]]))


def morc(m: np.ndarray, steps: int = 20) -> np.ndarray:
    """EconGeo's ``morc()``: the method of reflections for regions, rescaled to 0..100 after step 2."""
    diversification = m.sum(axis=1)
    ubiquity = m.sum(axis=0)
    city = np.zeros(m.shape[0])
    tech = np.zeros(m.shape[1])
    for i in range(1, steps + 1):
        if i == 1:
            city_next = (m @ ubiquity) / diversification
            tech_next = (m.T @ diversification) / ubiquity
        else:
            city_next = (m @ tech) / diversification
            tech_next = (m.T @ city) / ubiquity
            if i > 2:
                city_next, tech_next = _rescale(city_next), _rescale(tech_next)
        city, tech = city_next, tech_next
    return city if steps else diversification


def _rescale(x: np.ndarray) -> np.ndarray:
    span = x.max() - x.min()
    return (x - x.min()) / span * 100 if span > 0 else np.full_like(x, np.nan)


__all__ = ["compute", "ecomplexity", "econgeo", "morc"]
