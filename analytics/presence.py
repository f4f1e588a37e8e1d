"""The presence matrix M of a city x technology table and its second eigenvector (numpy/scipy; no Neo4j).

M(c, t) = 1 where RSI(c, t) >= threshold, with all-zero rows and columns dropped and listed. The
eigenvectors come from the symmetric form: with ``A = D^-1/2 M U^-1/2``, the singular vectors
of ``A`` give the eigenvectors of ``M~ = D^-1 M U^-1 M^T`` (``D^-1/2 u``) and of
``U^-1 M^T D^-1 M`` (``U^-1/2 v``), with eigenvalues ``sigma^2``. When one side is small (up to
GRAM_LIMIT), its Gram matrix ``A A^T`` (or ``A^T A``) is solved with a dense symmetric eigensolver
and the other side's vector is ``A^T u / sigma``; otherwise a dense SVD (small matrices) or
``scipy.sparse.linalg.svds``. Both :mod:`analytics.complexity` and :mod:`analytics.complexity_parity`
build on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.linalg import svds

from analytics.rsi import rsi_sparse, sparse_counts
from hotspot_kg.core.errors import IndicatorError

DENSE_LIMIT = 400  # below this many rows or columns the dense SVD is exact and fast
GRAM_LIMIT = 3000  # up to this many cities (or technologies) on the small side, eigh of its Gram matrix


@dataclass(frozen=True)
class Presence:
    """The binary matrix M after dropping all-zero rows and columns, with its labels."""

    m: sp.csr_matrix
    cities: pd.Index
    techs: pd.Index
    dropped_cities: list[object] = field(default_factory=list)
    dropped_techs: list[object] = field(default_factory=list)

    @property
    def diversity(self) -> np.ndarray:
        return np.asarray(self.m.sum(axis=1)).ravel()

    @property
    def ubiquity(self) -> np.ndarray:
        return np.asarray(self.m.sum(axis=0)).ravel()


def presence(
    x: pd.DataFrame,
    *,
    threshold: float = 1.0,
    city: str = "city_id",
    tech: str = "tech",
    value: str = "x",
) -> Presence:
    """M(c, t) = 1 where RSI(c, t) >= threshold; all-zero rows and columns are dropped and listed."""
    counts, cities, techs = sparse_counts(x, city=city, tech=tech, value=value)
    rsi = rsi_sparse(counts)
    return presence_from_rsi(rsi, cities, techs, threshold)


def presence_from_rsi(rsi: sp.csr_matrix, cities: pd.Index, techs: pd.Index, threshold: float) -> Presence:
    """Threshold an RSI matrix into M, dropping (and listing) all-zero rows and columns."""
    coo = sp.coo_matrix(rsi)
    keep = coo.data >= threshold
    m = sp.csr_matrix(
        (np.ones(int(keep.sum())), (coo.row[keep], coo.col[keep])), shape=rsi.shape, dtype=float
    )
    row_ok = np.asarray(m.sum(axis=1)).ravel() > 0
    col_ok = np.asarray(m.sum(axis=0)).ravel() > 0
    m = m[row_ok][:, col_ok].tocsr()
    if m.shape[0] < 2 or m.shape[1] < 2:
        raise IndicatorError(
            f"complexity needs at least 2 cities and 2 technologies with RSI >= {threshold}; "
            f"found {m.shape[0]} and {m.shape[1]}: load more data or lower the threshold"
        )
    return Presence(
        m,
        cities[row_ok],
        techs[col_ok],
        list(cities[~row_ok]),
        list(techs[~col_ok]),
    )


def presence_from_binary(m: pd.DataFrame) -> Presence:
    """A presence matrix given as a 0/1 DataFrame (cities in rows, technologies in columns)."""
    values = m.to_numpy(dtype=float)
    if not np.isin(values, (0.0, 1.0)).all():
        raise IndicatorError("a presence matrix holds only 0 and 1")
    return presence_from_rsi(sp.csr_matrix(values), pd.Index(m.index), pd.Index(m.columns), 1.0)


def second_singular(p: Presence) -> tuple[float, np.ndarray, np.ndarray]:
    """The second eigenvalue of M~ and the (unscaled) eigenvectors for cities and technologies."""
    d = p.diversity
    u = p.ubiquity
    a = sp.csr_matrix(sp.diags(1.0 / np.sqrt(d)) @ p.m @ sp.diags(1.0 / np.sqrt(u)))
    found = _second_by_gram(a) if min(a.shape) <= GRAM_LIMIT else None
    if found is None:
        found = _second_by_svd(a)
    s2, u2, v2 = found
    return float(s2**2), u2 / np.sqrt(d), v2 / np.sqrt(u)


def _second_by_gram(a: sp.csr_matrix) -> tuple[float, np.ndarray, np.ndarray] | None:
    """The second singular triplet of ``a`` from the small side's Gram matrix (``a a^T`` or
    ``a^T a``, at most GRAM_LIMIT square) with a dense symmetric eigensolver: the same vectors as
    the SVD, at a fraction of its cost when one side is much longer (a few hundred cities, thousands
    of IPC main groups). None when the second singular value is zero (the SVD decides then)."""
    rows_side = a.shape[0] <= a.shape[1]
    gram = (a @ a.T if rows_side else a.T @ a).toarray()
    values, vectors = np.linalg.eigh(gram)  # ascending
    if len(values) < 2 or values[-2] <= 0:
        return None
    sigma = float(np.sqrt(values[-2]))
    x = vectors[:, -2]
    other = np.asarray((a.T @ x) if rows_side else (a @ x)).ravel() / sigma
    return (sigma, x, other) if rows_side else (sigma, other, x)


def _second_by_svd(a: sp.csr_matrix) -> tuple[float, np.ndarray, np.ndarray]:
    if min(a.shape) <= DENSE_LIMIT:
        left, sigma, right_t = np.linalg.svd(a.toarray(), full_matrices=False)
        i = np.argsort(-sigma)[1]
    else:
        v0 = np.full(min(a.shape), 1.0 / np.sqrt(min(a.shape)))
        left, sigma, right_t = svds(a, k=2, which="LM", tol=0, v0=v0)
        i = int(np.argmin(sigma))
    return float(sigma[i]), left[:, i], right_t[i, :]
