"""Families as the counted unit, computed by hand (shared/spec/indicators.md, "Units: families and clusters")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics import families, novelty
from analytics.counting import city_tech_counts
from analytics.links import Links
from analytics.sourcing import citation_table, flows

# Family F: three offices (US, EP, CN), years 2005, 2003, 2004. Family G: two US patents. P6: no family.
# Family H: one PCT filing (WO) only.
PATENTS = pd.DataFrame({
    "node": [10, 11, 12, 13, 14, 15, 16],
    "patent_id": ["P1", "P2", "P3", "P4", "P5", "P6", "P7"],
    "year": [2005, 2003, 2004, 2006, 2007, 2008, 2009],
})  # fmt: skip
FAMILIES = pd.DataFrame({
    "family_id": ["F", "F", "F", "G", "G", "", "H"],
    "office": ["US", "EP", "CN", "US", "US", "US", "WO"],
})  # fmt: skip
TECHS = pd.DataFrame({"patent": [0, 0, 1, 1, 2, 3, 3, 4, 5, 6], "tech": list("ABBCAACBAC")})
CITIES = pd.DataFrame({"patent": [0, 1, 2, 3, 4, 5, 6], "city_id": ["X", "Y", "X", "Z", "Z", "X", "Y"]})
# P4 -> P1 and P5 -> P2: two members of G cite two members of F; P4 -> P5 inside G; P6 -> P1, P6 -> P3;
# P6 -> a patent not loaded (node 99), twice (from nowhere else).
CITATIONS = pd.DataFrame({
    "patent": [3, 4, 3, 5, 5, 5, 5],
    "cited": [0, 1, 4, 0, 2, -1, -1],
    "cited_node": [10, 11, 14, 10, 12, 99, 99],
})  # fmt: skip


def links() -> Links:
    return Links(PATENTS, TECHS, CITIES, CITATIONS, FAMILIES)


def family_links(scope: str = "all", unit: str = "family") -> Links:
    units = families.units_of(PATENTS, FAMILIES, unit, scope)
    return families.apply(links(), units)


def test_a_family_across_three_offices_counts_once() -> None:
    f = family_links()
    assert list(f.patents["patent_id"]) == ["F", "G", "P6", "H"]
    cities = f.cities.rename(columns={"patent": "patent_id"})
    counts = city_tech_counts(cities, f.tech_years().rename(columns={"patent": "patent_id"}), "fractional")
    # F: cities {X, Y}, codes {A, B, C}: 1/6 to each of six cells, one family in all
    f_cells = counts[counts["year"] == 2003]
    assert len(f_cells) == 6 and f_cells["x"].sum() == pytest.approx(1.0)
    assert counts["x"].sum() == pytest.approx(4.0)  # four families, each counted once
    by_patent = city_tech_counts(
        CITIES.rename(columns={"patent": "patent_id"}),
        links().tech_years().rename(columns={"patent": "patent_id"}),
        "fractional",
    )
    assert by_patent["x"].sum() == pytest.approx(7.0)  # seven patents


def test_the_year_of_a_family_is_its_earliest_members() -> None:
    years = dict(zip(family_links().patents["patent_id"], family_links().patents["year"], strict=True))
    assert years == {"F": 2003, "G": 2006, "P6": 2008, "H": 2009}


def test_code_pairs_of_a_family_are_the_union_of_its_members() -> None:
    f = family_links()
    codes = f.techs[f.techs["patent"] == 0]["tech"]
    assert sorted(codes) == ["A", "B", "C"]  # P1 {A, B}, P2 {B, C}, P3 {A}
    cid, names = pd.factorize(f.techs["tech"], sort=True)
    scored = novelty.score_arrays(
        f.patents["patent_id"].to_numpy(), f.patents["year"].to_numpy(), f.techs["patent"].to_numpy(),
        cid, pd.Index(names), pool_years=0,
    )  # fmt: skip
    pairs_of_f = scored.first_pairs[scored.first_pairs["year"] == 2003]
    # F, the first family, introduces A-B, A-C and B-C: A-C comes from no single member
    assert len(pairs_of_f) == 3
    row = scored.patents.set_index("patent_id").loc["F"]
    assert row["new_classes"] == 3 and row["novelty_type"] == "origination"


def test_a_citation_from_two_members_to_two_members_counts_once() -> None:
    f = family_links()
    pairs = list(zip(f.citations["patent"], f.citations["cited"], strict=True))
    # G -> F once; P6 -> F once (from P6 -> P1 and P6 -> P3); P6 -> a patent not loaded once; G -> G dropped
    assert sorted(pairs) == [(1, 0), (2, -1), (2, 0)]
    located = f.cities.rename(columns={"patent": "patent_id"})
    countries = pd.Series({"X": "US", "Y": "DE", "Z": "US"})
    flow, unresolved = flows(citation_table(f), located, countries, "fractional")
    g_flows = flow[flow["city_id"] == "Z"]
    assert g_flows["citations"].sum() == pytest.approx(1.0)  # one family citation, split over X and Y
    assert unresolved["unresolved"].sum() == pytest.approx(1.0)


def test_international_scope_keeps_families_in_two_offices_or_with_a_pct_member() -> None:
    f = family_links(scope="international")
    assert list(f.patents["patent_id"]) == ["F", "H"]
    assert f.citations.empty  # G and P6 are out of scope: their citations go too
    p = family_links(scope="international", unit="patent")
    assert list(p.patents["patent_id"]) == ["P1", "P2", "P3", "P7"]
    assert p.citations.empty  # P4, P5 and P6 (the citing patents) are out of scope


def test_with_patents_a_citation_to_two_members_of_a_family_counts_twice() -> None:
    p = family_links(unit="patent")
    # P6 cites P1 and P3 (both of F): two patents cited, two citations; P6's two to node 99: one
    pairs = sorted(zip(p.citations["patent"], p.citations["cited"], strict=True))
    assert pairs == [(3, 0), (3, 4), (4, 1), (5, -1), (5, 0), (5, 2)]


def test_patents_without_a_family_are_families_of_their_own() -> None:
    none = pd.DataFrame({"family_id": [""] * 7, "office": [""] * 7})
    units = families.units_of(PATENTS, none, "family", "all")
    assert list(units.table["unit_id"]) == list(PATENTS["patent_id"])
    assert np.array_equal(units.code, np.arange(7))


def test_map_rows_replaces_patents_by_families() -> None:
    units = families.units_of(PATENTS, FAMILIES, "family", "all")
    rows = pd.DataFrame(
        {"patent_id": ["P1", "P3", "P4", "P9"], "year": [2005, 2004, 2006, 2001], "person": list("abcd")}
    )
    mapped = families.map_rows(rows, PATENTS["patent_id"].to_numpy(), units)
    assert list(mapped["patent_id"]) == ["F", "F", "G"]
    assert list(mapped["year"]) == [2003, 2003, 2006]


def test_a_lone_patent_whose_id_is_a_family_id_stays_apart() -> None:
    patents = pd.DataFrame({"patent_id": ["F", "P2", "P3"], "year": [2001, 2002, 2003]})
    fams = pd.DataFrame({"family_id": ["", "F", "F"], "office": ["US", "US", "EP"]})
    units = families.units_of(patents, fams, "family", "all")
    assert sorted(units.table["unit_id"]) == ["F", "patent:F"]
