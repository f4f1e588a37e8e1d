"""KCI (cities) and TCI (technologies) from a city x technology count table (numpy/scipy; no Neo4j).

Steps, after ``shared/spec/indicators.md``: RSI -> M = [RSI >= threshold] -> drop all-zero rows and
columns (reported) -> KCI/TCI by ``method`` (``eigen`` or ``reflections``) under a ``convention``
(``default``, ``econgeo`` or ``ecomplexity``; the parity modes live in :mod:`analytics.complexity_parity`).

The presence matrix M and its second eigenvector are in :mod:`analytics.presence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analytics import complexity_parity
from analytics.presence import Presence, presence, second_singular
from hotspot_kg.core.errors import IndicatorError

Method = Literal["eigen", "reflections"]
Convention = Literal["default", "econgeo", "ecomplexity"]
METHODS: tuple[str, ...] = ("eigen", "reflections")
CONVENTIONS: tuple[str, ...] = ("default", "econgeo", "ecomplexity")


@dataclass(frozen=True)
class ComplexityResult:
    """KCI per city and TCI per technology, with what was dropped and the settings used."""

    cities: pd.DataFrame  # city_id, diversity, kci
    techs: pd.DataFrame  # tech, ubiquity, tci
    dropped_cities: list[object]
    dropped_techs: list[object]
    settings: dict[str, object]
    eigenvalue: float | None = None  # the second largest eigenvalue (eigen method)


def reflections(p: Presence, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Hidalgo-Hausmann reflections: k_c,N and k_p,N after ``steps`` iterations.

    Each step is centred and scaled; M~ maps constants to constants, so this changes the values
    only by a positive affine map, which the z-score (and any correlation sign) ignores, and it
    keeps the signal from drowning in the converged constant.
    """
    if steps < 1:
        raise IndicatorError(f"steps must be at least 1 for the reflections method; got {steps}")
    d = p.diversity
    u = p.ubiquity
    kc, kp = d.astype(float), u.astype(float)
    for _ in range(steps):
        kc, kp = (p.m @ kp) / d, (p.m.T @ kc) / u
        kc, kp = _standardise(kc), _standardise(kp)
    return kc, kp


def _standardise(v: np.ndarray) -> np.ndarray:
    sd = v.std()
    return (v - v.mean()) / sd if sd > 0 else v - v.mean()


def zscore(v: np.ndarray) -> np.ndarray:
    """Population z-score (ddof = 0); a constant vector becomes zeros."""
    return _standardise(np.asarray(v, dtype=float))


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def orient(v: np.ndarray, reference: np.ndarray, positive: bool) -> np.ndarray:
    """Flip ``v`` so that its correlation with ``reference`` is positive (or negative).

    When the correlation is zero or undefined, the largest absolute value is made positive
    (or negative), so the result is still deterministic.
    """
    r = _corr(v, reference)
    if r == 0.0:
        r = float(v[np.argmax(np.abs(v))]) if len(v) else 1.0
    return v if (r > 0) == positive else -v


def complexity(
    x: pd.DataFrame,
    *,
    threshold: float = 1.0,
    method: str = "eigen",
    steps: int = 20,
    convention: str = "default",
    city: str = "city_id",
    tech: str = "tech",
    value: str = "x",
) -> ComplexityResult:
    """KCI and TCI of a long city/tech/value table (the patent counts of one period)."""
    if method not in METHODS:
        raise IndicatorError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if convention not in CONVENTIONS:
        raise IndicatorError(f"convention must be one of {', '.join(CONVENTIONS)}; got {convention!r}")
    settings: dict[str, object] = {
        "threshold": threshold,
        "method": method,
        "steps": steps,
        "convention": convention,
    }
    if convention != "default" and method != "eigen":
        raise IndicatorError(
            f"convention {convention!r} computes the eigenvector method only; use method=eigen"
        )
    p = presence(x, threshold=threshold, city=city, tech=tech, value=value)
    return complexity_of(p, method=method, steps=steps, convention=convention, settings=settings)


def complexity_of(
    p: Presence,
    *,
    method: str = "eigen",
    steps: int = 20,
    convention: str = "default",
    settings: dict[str, object] | None = None,
) -> ComplexityResult:
    """KCI and TCI of a presence matrix M (see :func:`presence` and :func:`presence_from_binary`)."""
    settings = settings or {"method": method, "steps": steps, "convention": convention}
    if convention != "default":
        kci, tci, second = complexity_parity.compute(p, convention)
        return result(p, kci, tci, settings, second)
    eigenvalue: float | None = None
    if method == "eigen":
        second, kc, kp = second_singular(p)
        eigenvalue = second
    else:
        kc, kp = reflections(p, steps)
    kci = zscore(orient(kc, p.diversity, positive=True))
    tci = zscore(orient(kp, p.ubiquity, positive=False))
    return result(p, kci, tci, settings, eigenvalue)


def result(
    p: Presence, kci: np.ndarray, tci: np.ndarray, settings: dict[str, object], eigenvalue: float | None
) -> ComplexityResult:
    cities = pd.DataFrame({"city_id": p.cities.to_numpy(), "diversity": p.diversity.astype(int), "kci": kci})
    techs = pd.DataFrame({"tech": p.techs.to_numpy(), "ubiquity": p.ubiquity.astype(int), "tci": tci})
    return ComplexityResult(cities, techs, p.dropped_cities, p.dropped_techs, settings, eigenvalue)
