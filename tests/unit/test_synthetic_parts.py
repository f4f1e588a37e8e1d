"""The generator's building blocks: IPC codes, world, technology clusters, sampling helpers."""

from __future__ import annotations

import numpy as np
import pytest

from graph.ingest.concordance import field_of
from graph.ingest.synthetic.draws import expand, first_unique, largest_remainder, rows_choice, seq_within
from graph.ingest.synthetic.ipc import canonical, load_codebook
from graph.ingest.synthetic.technology import FIELDS, TechSampler
from graph.ingest.synthetic.world import COUNTRY_CITIES, HOTSPOTS, build_world


@pytest.fixture(scope="module")
def book():
    return load_codebook()


def test_canonical_codes() -> None:
    assert canonical("H04L0029060000") == "H04L 29/06"
    assert canonical("A61K0031416400") == "A61K 31/4164"
    assert canonical("A01B0001000000") == "A01B 1/00"
    assert canonical("G06F0003048100") == "G06F 3/0481"


def test_codebook_holds_real_group_codes(book) -> None:
    codes = set(book.codes.tolist())
    assert {"H04L 29/06", "H04W 4/00", "A61K 31/4164", "G01N 33/53"} <= codes
    assert len(book.subclasses) > 600
    assert len(set(book.codes.tolist())) == len(book.codes)  # all_ipc.csv repeats some main groups
    assert book.unit("G01N 33/")[1] > 50
    lo, n = book.unit("H04L")
    assert all(c.startswith("H04L ") for c in book.codes[lo : lo + n])


def test_every_cluster_prefix_lies_in_its_wipo_field(book) -> None:
    """Checked with the project's concordance; a few main groups may sit elsewhere (B01D 53/ is field 24)."""
    for number, (_, _, prefixes) in FIELDS.items():
        for prefix, _ in prefixes:
            lo, n = book.unit(prefix)
            mapped = [field_of(str(c)) for c in book.codes[lo : lo + n]]
            share = mapped.count(number) / n
            assert share > 0.75, f"{prefix} is meant for field {number} but only {share:.0%} of its codes are"


def test_world_has_the_hotspots_with_geonames_coordinates() -> None:
    w = build_world()
    assert 280 <= len(w.ids) <= 320
    assert set(w.countries) == set(COUNTRY_CITIES)
    for name, cc in HOTSPOTS:
        assert w.countries[w.index(name)] == cc
    sz = w.index("Shenzhen")
    assert (round(w.lat[sz], 2), round(w.lon[sz], 2)) == (22.55, 114.07)
    assert w.local_names[sz] == "深圳"
    assert len(set(w.ids.tolist())) == len(w.ids)
    d = w.distances_km()
    assert 1900 < d[sz, w.index("Beijing")] < 2000  # Shenzhen-Beijing is about 1,940 km


def test_code_draws_stay_inside_their_units(book) -> None:
    tech = TechSampler(book, np.random.default_rng(0))
    rng = np.random.default_rng(1)
    fields = rng.integers(0, 35, 5000)
    units = tech.unit_of_field(fields, rng.random(5000))
    codes = tech.code_in_unit(units, rng.random(5000))
    assert (
        (codes >= tech.unit_start[units]) & (codes < tech.unit_start[units] + tech.unit_count[units])
    ).all()
    anywhere = tech.code_anywhere(rng.random(5000), rng.random(5000))
    assert len({str(c)[:4] for c in book.codes[anywhere]}) > 400


def test_largest_remainder_is_exact() -> None:
    assert largest_remainder(np.array([1.0, 1.0, 1.0]), 10).tolist() == [4, 3, 3]
    assert largest_remainder(np.array([0.5, 0.25, 0.25]), 7).tolist() == [3, 2, 2]  # 3.5, 1.75, 1.75


def test_expand_first_unique_and_seq() -> None:
    owner, slot = expand(np.array([2, 0, 3]))
    assert owner.tolist() == [0, 0, 2, 2, 2]
    assert slot.tolist() == [0, 1, 0, 1, 2]
    keep = first_unique(np.array([0, 0, 2, 2, 2]), np.array([7, 7, 5, 6, 5]))
    assert keep.tolist() == [True, False, True, True, False]
    assert seq_within(np.array([0, 2, 2, 5])).tolist() == [1, 1, 2, 1]


def test_rows_choice_follows_row_probabilities() -> None:
    prob = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]])
    rows = np.array([0, 0, 1, 1])
    u = np.array([0.0, 0.99, 0.25, 0.75])
    assert rows_choice(prob, rows, u).tolist() == [1, 1, 0, 2]
