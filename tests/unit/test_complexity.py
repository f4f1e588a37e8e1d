"""KCI/TCI: the Hidalgo-Hausmann toy matrix by hand, parity with py-ecomplexity, and properties."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import presence as cx
from analytics.complexity import complexity, complexity_of
from analytics.complexity_parity import morc
from analytics.presence import presence_from_binary
from hotspot_kg.core.errors import IndicatorError

# Hidalgo & Hausmann (2009), SI Fig. S4: C1 makes P1..P4, C2 makes P2, C3 makes P3 and P4, C4 makes P4.
TOY = pd.DataFrame(
    [[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    index=["C1", "C2", "C3", "C4"],
    columns=["P1", "P2", "P3", "P4"],
)


def toy_kci_by_hand() -> np.ndarray:
    """The toy's KCI derived on paper.

    M~ = D^-1 M U^-1 M^T (diversity 4,1,2,1; ubiquity 1,2,2,3) is, row by row,
    [7/12, 1/8, 5/24, 1/12], [1/2, 1/2, 0, 0], [5/12, 0, 5/12, 1/6], [1/3, 0, 1/3, 1/3].
    Its characteristic polynomial is (l - 1)(96 l^3 - 80 l^2 + 17 l - 1) / 96, so the second
    eigenvalue is the largest root of the cubic. From rows C2, C4 and C3 of (M~ - l I) v = 0 with v1 = 1:
    v2 = 1 / (2l - 1), v4 = (1 + v3) / (3l - 1), and 5/12 + (5/12 - l) v3 + v4 / 6 = 0.
    """
    lam = max(np.roots([96, -80, 17, -1]).real)
    a = 3 * lam - 1
    v3 = -(5 / 12 + 1 / (6 * a)) / ((5 / 12 - lam) + 1 / (6 * a))
    v = np.array([1.0, 1 / (2 * lam - 1), v3, (1 + v3) / a])
    if np.corrcoef(v, [4, 1, 2, 1])[0, 1] < 0:
        v = -v
    return (v - v.mean()) / v.std()


def test_toy_mtilde_by_hand() -> None:
    m = TOY.to_numpy()
    d, u = m.sum(axis=1), m.sum(axis=0)
    got = [
        [sum(Fraction(int(m[a, p] * m[b, p]), int(d[a] * u[p])) for p in range(4)) for b in range(4)]
        for a in range(4)
    ]
    F = Fraction
    assert got == [
        [F(7, 12), F(1, 8), F(5, 24), F(1, 12)],
        [F(1, 2), F(1, 2), F(0), F(0)],
        [F(5, 12), F(0), F(5, 12), F(1, 6)],
        [F(1, 3), F(0), F(1, 3), F(1, 3)],
    ]


def test_toy_kci_eigen_matches_hand_computation() -> None:
    r = complexity_of(presence_from_binary(TOY))
    np.testing.assert_allclose(r.cities["kci"], toy_kci_by_hand(), atol=1e-12)
    assert r.eigenvalue == pytest.approx(max(np.roots([96, -80, 17, -1]).real), abs=1e-12)
    assert list(r.cities["diversity"]) == [4, 1, 2, 1]
    assert list(r.techs["ubiquity"]) == [1, 2, 2, 3]
    assert r.cities["kci"].mean() == pytest.approx(0, abs=1e-12)
    assert r.cities["kci"].std(ddof=0) == pytest.approx(1)
    assert np.corrcoef(r.techs["tci"], r.techs["ubiquity"])[0, 1] < 0
    assert np.corrcoef(r.cities["kci"], r.cities["diversity"])[0, 1] > 0


def test_reflections_converge_to_eigen() -> None:
    p = presence_from_binary(TOY)
    eig = complexity_of(p)
    ref = complexity_of(p, method="reflections", steps=200)
    np.testing.assert_allclose(ref.cities["kci"], eig.cities["kci"], atol=1e-9)
    np.testing.assert_allclose(ref.techs["tci"], eig.techs["tci"], atol=1e-9)
    twenty = complexity_of(p, method="reflections", steps=20)
    np.testing.assert_allclose(twenty.cities["kci"], eig.cities["kci"], atol=1e-2)


def test_morc_first_steps_by_hand() -> None:
    m = TOY.to_numpy(dtype=float)
    np.testing.assert_allclose(morc(m, 1), [2, 2, 2.5, 3])  # mean ubiquity of each city's products
    np.testing.assert_allclose(morc(m, 2), [(4 + 2.5 + 3 + 7 / 3) / 4, 2.5, (3 + 7 / 3) / 2, 7 / 3])
    assert morc(m, 20).min() == 0 and morc(m, 20).max() == 100


def test_econgeo_uses_rounded_mtilde_and_sum_scaling() -> None:
    r = complexity_of(presence_from_binary(TOY), convention="econgeo")
    rounded = np.array(
        [
            [0.5833, 0.125, 0.2083, 0.0833],
            [0.5, 0.5, 0, 0],
            [0.4167, 0, 0.4167, 0.1667],
            [0.3333, 0, 0.3333, 0.3333],
        ]
    )
    values, vectors = np.linalg.eig(rounded)
    v = np.real(vectors[:, np.argsort(-np.abs(values))[1]])
    v = v / v.sum()
    if np.corrcoef(v, morc(TOY.to_numpy(dtype=float), 20))[0, 1] < 0:
        v = -v
    np.testing.assert_allclose(r.cities["kci"], v, atol=1e-12)
    assert r.cities["kci"].sum() == pytest.approx(1.0)
    assert r.techs["tci"].sum() == pytest.approx(1.0)


def _ecomplexity(counts: pd.DataFrame, manual: bool) -> pd.DataFrame:
    from ecomplexity import ecomplexity

    data = (
        counts.stack().rename("val").reset_index().set_axis(["loc", "prod", "val"], axis=1).assign(time=2000)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ecomplexity(
            data,
            {"time": "time", "loc": "loc", "prod": "prod", "val": "val"},
            presence_test="manual" if manual else "rca",
            verbose=False,
        )
    return out


def test_parity_with_py_ecomplexity_on_toy() -> None:
    out = _ecomplexity(TOY, manual=True)
    r = complexity_of(presence_from_binary(TOY), convention="ecomplexity")
    eci = out.groupby("loc")["eci"].first().reindex(TOY.index)
    pci = out.groupby("prod")["pci"].first().reindex(TOY.columns)
    np.testing.assert_allclose(r.cities["kci"], eci, atol=1e-9)
    np.testing.assert_allclose(r.techs["tci"], pci, atol=1e-9)


def test_parity_with_py_ecomplexity_on_counts() -> None:
    rng = np.random.default_rng(7)
    counts = pd.DataFrame(
        rng.poisson(3, size=(12, 9)) * rng.integers(0, 2, size=(12, 9)),
        index=[f"c{i:02d}" for i in range(12)],
        columns=[f"t{j}" for j in range(9)],
    )
    out = _ecomplexity(counts, manual=False)
    long = counts.stack().rename("x").reset_index().set_axis(["city_id", "tech", "x"], axis=1)
    r = complexity(long, convention="ecomplexity")
    eci = out.groupby("loc")["eci"].first().reindex(r.cities["city_id"])
    pci = out.groupby("prod")["pci"].first().reindex(r.techs["tech"])
    np.testing.assert_allclose(r.cities["kci"], eci, atol=1e-9)
    np.testing.assert_allclose(r.techs["tci"], pci, atol=1e-9)
    np.testing.assert_allclose(
        r.cities["diversity"], out.groupby("loc")["diversity"].first().reindex(r.cities["city_id"])
    )


def _random_long(seed: int, n_cities: int = 30, n_techs: int = 20) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.poisson(2, size=(n_cities, n_techs)) * (rng.random((n_cities, n_techs)) < 0.5)
    rows = [(f"city{i}", f"T{j}", float(x[i, j])) for i in range(n_cities) for j in range(n_techs) if x[i, j]]
    return pd.DataFrame(rows, columns=["city_id", "tech", "x"])


def test_renaming_and_permuting_cities_changes_nothing() -> None:
    long = _random_long(3)
    base = complexity(long).cities.set_index("city_id")
    rename = {c: f"zz-{i}" for i, c in enumerate(reversed(sorted(long["city_id"].unique())))}
    shuffled = long.sample(frac=1, random_state=1).assign(city_id=lambda d: d["city_id"].map(rename))
    other = complexity(shuffled).cities.set_index("city_id")
    back = other.rename(index={v: k for k, v in rename.items()}).reindex(base.index)
    np.testing.assert_allclose(back["kci"], base["kci"], atol=1e-10)


def test_sparse_path_agrees_with_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    long = _random_long(5, 40, 30)
    dense = complexity(long)
    monkeypatch.setattr(cx, "DENSE_LIMIT", 2)
    sparse = complexity(long)
    np.testing.assert_allclose(sparse.cities["kci"], dense.cities["kci"], atol=1e-8)
    np.testing.assert_allclose(sparse.techs["tci"], dense.techs["tci"], atol=1e-8)
    assert sparse.eigenvalue == pytest.approx(dense.eigenvalue, abs=1e-10)


@pytest.mark.parametrize(("n_cities", "n_techs"), [(30, 120), (120, 30)])
def test_gram_path_agrees_with_both_svds(
    monkeypatch: pytest.MonkeyPatch, n_cities: int, n_techs: int
) -> None:
    long = _random_long(7, n_cities, n_techs)
    gram = complexity(long)
    monkeypatch.setattr(cx, "GRAM_LIMIT", 0)
    dense = complexity(long)
    monkeypatch.setattr(cx, "DENSE_LIMIT", 2)
    sparse = complexity(long)
    for other in (dense, sparse):
        np.testing.assert_allclose(gram.cities["kci"], other.cities["kci"], atol=1e-8)
        np.testing.assert_allclose(gram.techs["tci"], other.techs["tci"], atol=1e-8)
        assert gram.eigenvalue == pytest.approx(other.eigenvalue, abs=1e-10)


def test_dropped_rows_and_columns_are_reported() -> None:
    cells = [("A", "t1", 4.0), ("A", "t2", 1.0), ("B", "t1", 1.0), ("B", "t2", 4.0)]
    cells += [("C", "t1", 1.0), ("C", "t2", 1.0)]
    long = pd.DataFrame(cells, columns=["city_id", "tech", "x"])
    r = complexity(long, threshold=1.01)  # C's profile is the total's: RSI = 1 < 1.01 in both
    assert r.dropped_cities == ["C"]
    assert r.dropped_techs == []
    assert set(r.cities["city_id"]) == {"A", "B"}


def test_bad_settings_are_refused() -> None:
    long = _random_long(1)
    with pytest.raises(IndicatorError, match="method must be one of"):
        complexity(long, method="power")
    with pytest.raises(IndicatorError, match="convention must be one of"):
        complexity(long, convention="stata")
    with pytest.raises(IndicatorError, match="eigenvector method only"):
        complexity(long, convention="econgeo", method="reflections")
    with pytest.raises(IndicatorError, match="at least 2 cities"):
        complexity(pd.DataFrame({"city_id": ["A"], "tech": ["t"], "x": [1.0]}))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 12), st.integers(2, 10))
def test_rsi_weighted_by_total_shares_averages_to_one(seed: int, n_cities: int, n_techs: int) -> None:
    from analytics.rsi import rsi_long

    long = _random_long(seed, n_cities, n_techs)
    if long.empty:
        return
    r = rsi_long(long)
    total = r["x"].sum()
    tech_share = r.groupby("tech")["x"].transform("sum") / total
    city_share = r.groupby("city_id")["x"].transform("sum") / total
    np.testing.assert_allclose(r.assign(w=tech_share * r["rsi"]).groupby("city_id")["w"].sum(), 1.0)
    np.testing.assert_allclose(r.assign(w=city_share * r["rsi"]).groupby("tech")["w"].sum(), 1.0)
    assert ((r["rsi_sym"] > -1) & (r["rsi_sym"] < 1)).all()
