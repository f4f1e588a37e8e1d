"""Anchored curves: a parameter given at a few years and interpolated in between."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

FIRST_YEAR = 1985
LAST_YEAR = 2020
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)

Anchors = Mapping[int, float]
VectorAnchors = Mapping[int, Sequence[float]]


def curve(anchors: Anchors, log: bool = False) -> np.ndarray:
    """Values for every year of YEARS, linear (or log-linear) between anchors, flat outside them."""
    xs = np.array(sorted(anchors), dtype=float)
    ys = np.array([anchors[int(x)] for x in xs], dtype=float)
    if log:
        return np.exp(np.interp(YEARS, xs, np.log(np.maximum(ys, 1e-9))))
    return np.interp(YEARS, xs, ys)


def vector_curve(anchors: VectorAnchors) -> np.ndarray:
    """(years, k) array: every component interpolated linearly, then rows normalised to sum 1."""
    xs = sorted(anchors)
    mat = np.array([anchors[x] for x in xs], dtype=float)
    out = np.column_stack([np.interp(YEARS, xs, mat[:, j]) for j in range(mat.shape[1])])
    return out / out.sum(axis=1, keepdims=True)
