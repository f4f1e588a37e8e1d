"""The Balassa index of specialisation (RSI) on a city x technology table (pure numpy/pandas).

``RSI(c, t) = (x(c, t) / sum_t x(c, t)) / (sum_c x(c, t) / sum_{c,t} x(c, t))``; the symmetric form is
``(RSI - 1) / (RSI + 1)``. Only cells with ``x > 0`` are kept (an absent cell has RSI 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from hotspot_kg.core.errors import IndicatorError


def rsi_long(x: pd.DataFrame, *, city: str = "city_id", tech: str = "tech", value: str = "x") -> pd.DataFrame:
    """RSI of every (city, tech) cell with ``value > 0``: the input columns plus ``rsi`` and ``rsi_sym``.

    Rows of the same (city, tech) are summed first. Sums run over the whole table, so the reference is
    everything the table holds.
    """
    missing = [c for c in (city, tech, value) if c not in x.columns]
    if missing:
        raise IndicatorError(f"the RSI table lacks column(s) {', '.join(missing)}; it has {list(x.columns)}")
    values = pd.to_numeric(x[value], errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise IndicatorError(f"column {value!r} must hold numbers >= 0 to compute RSI")
    cells = (
        x.assign(**{value: values.astype(float)})
        .groupby([city, tech], as_index=False, sort=True)[value]
        .sum()
    )
    cells = cells[cells[value] > 0].reset_index(drop=True)
    if cells.empty:
        return cells.assign(rsi=pd.Series(dtype=float), rsi_sym=pd.Series(dtype=float))
    total = cells[value].sum()
    city_sum = cells.groupby(city)[value].transform("sum")
    tech_sum = cells.groupby(tech)[value].transform("sum")
    rsi = (cells[value] / city_sum) / (tech_sum / total)
    return cells.assign(rsi=rsi, rsi_sym=(rsi - 1.0) / (rsi + 1.0))


def sparse_counts(
    x: pd.DataFrame, *, city: str = "city_id", tech: str = "tech", value: str = "x"
) -> tuple[sp.csr_matrix, pd.Index, pd.Index]:
    """The table as a sparse city x tech matrix of summed values, with its row and column labels (sorted)."""
    cells = x.groupby([city, tech], sort=True)[value].sum()
    cells = cells[cells > 0]
    cities = pd.Index(sorted(cells.index.get_level_values(0).unique()), name=city)
    techs = pd.Index(sorted(cells.index.get_level_values(1).unique()), name=tech)
    rows = cities.get_indexer(cells.index.get_level_values(0))
    cols = techs.get_indexer(cells.index.get_level_values(1))
    matrix = sp.csr_matrix(
        (cells.to_numpy(dtype=float), (rows, cols)), shape=(len(cities), len(techs)), dtype=float
    )
    return matrix, cities, techs


def rsi_sparse(counts: sp.csr_matrix) -> sp.csr_matrix:
    """RSI on the nonzero cells of a sparse count matrix (absent cells are 0)."""
    counts = sp.csr_matrix(counts, dtype=float)
    total = counts.sum()
    if total <= 0:
        raise IndicatorError("the city x technology table is empty: no patent is located in a city")
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel()
    coo = counts.tocoo()
    data = coo.data * total / (row[coo.row] * col[coo.col])
    return sp.csr_matrix((data, (coo.row, coo.col)), shape=counts.shape)
