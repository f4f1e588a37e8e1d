"""Vectorised sampling helpers shared by the generator's steps."""

from __future__ import annotations

import numpy as np


def rows_choice(prob: np.ndarray, rows: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For each i, a column drawn from the probability row ``prob[rows[i]]`` (inverse CDF, no loop)."""
    n_rows, width = prob.shape
    cum = np.cumsum(prob, axis=1)
    cum /= np.where(cum[:, -1:] > 0, cum[:, -1:], 1.0)
    flat = (cum + np.arange(n_rows)[:, None]).ravel()
    pos = np.searchsorted(flat, rows + u * (1 - 1e-12), side="right") - rows * width
    return np.clip(pos, 0, width - 1)


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, slot): owner i repeated counts[i] times, and 0..counts[i]-1 within each owner."""
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    slot = np.arange(len(owner)) - np.repeat(starts, counts)
    return owner, slot


def first_unique(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mask keeping the first occurrence of each (a, b) pair, in the original order."""
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((np.arange(len(a)), b, a))
    sa, sb = a[order], b[order]
    dup = np.zeros(len(a), dtype=bool)
    dup[1:] = (sa[1:] == sa[:-1]) & (sb[1:] == sb[:-1])
    keep = np.ones(len(a), dtype=bool)
    keep[order[dup]] = False
    return keep


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to weights that sum exactly to total (deterministic)."""
    share = weights / weights.sum() * total
    base = np.floor(share).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(share - base), kind="stable")
    base[order[:rest]] += 1
    return base


def seq_within(owner: np.ndarray) -> np.ndarray:
    """1-based position of each element within its run of equal (sorted, contiguous) owners."""
    if len(owner) == 0:
        return owner.astype(np.int64)
    start = np.r_[True, owner[1:] != owner[:-1]]
    idx = np.arange(len(owner))
    run_start = np.maximum.accumulate(np.where(start, idx, 0))
    return idx - run_start + 1
