"""IPC notations to the canonical form, levels, ancestors and the scheme check."""

from __future__ import annotations

import pytest

from graph.ingest.ipc import UnknownIPC, ancestors, level, normalize_ipc, official, parent, status, title


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("H04L 29/06", "H04L 29/06"),
        ("H04L0029060000", "H04L 29/06"),
        ("H04L29/06", "H04L 29/06"),
        ("H04L  29/06", "H04L 29/06"),
        ("  h04l 29/06 ", "H04L 29/06"),
        ("H04L 29/6", "H04L 29/06"),
        ("H04L 29/06 (2006.01)", "H04L 29/06"),
        ("H04L  29/06        20060101AFI20051220BHEP", "H04L 29/06"),
        ("A61K 31/4164", "A61K 31/4164"),
        ("A61K0031416400", "A61K 31/4164"),
        ("H04L0029000000", "H04L 29/00"),
        ("H04N 101/00", "H04N 101/00"),
        # the fixed-width IPC7 form of the 2005 USPTO file (classification-ipc)
        ("A43B 1314", "A43B 13/14"),
        ("A45F  504", "A45F 5/04"),
        ("H01L 21461", "H01L 21/461"),
        ("H01L 3106", "H01L 31/06"),
        ("A43B 2300", "A43B 23/00"),
        ("C07C24900", "C07C 249/00"),
        ("H04L", "H04L"),
        ("H04", "H04"),
        ("H", "H"),
    ],
)
def test_notations_give_the_canonical_code(raw: str, code: str) -> None:
    assert normalize_ipc(raw) == code


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "unparseable"),
        ("garbage", "unparseable"),
        ("H04L 29/06 xyz", "unparseable"),
        ("Z99Z 1/00", "unparseable"),
        ("H04L 0/00", "unparseable"),
        ("H98Z 1/00", "not in the IPC scheme"),
        ("H98", "not in the IPC scheme"),
    ],
)
def test_bad_codes_are_refused_with_the_reason(raw: str, reason: str) -> None:
    with pytest.raises(UnknownIPC, match=reason) as info:
        normalize_ipc(raw)
    assert isinstance(info.value, ValueError)
    assert info.value.raw == raw


def test_old_edition_codes_are_kept_as_given_and_flagged() -> None:
    # H04Q 7/20 (IPC7 mobile radio) moved to H04W in 2009: kept, flagged, never re-mapped.
    assert normalize_ipc("H04Q 7/20") == "H04Q 7/20"
    assert status("H04Q 7/20") == "subclass_only"
    assert title("H04Q 7/20") is None
    assert status("A01B 1/99") == "main_group_only"
    assert status("H04L 29/06") == "exact"
    with pytest.raises(UnknownIPC, match="only its subclass"):
        normalize_ipc("H04Q 7/20", min_match="main_group")
    with pytest.raises(UnknownIPC, match="only its main group"):
        normalize_ipc("A01B 1/99", min_match="group")
    assert normalize_ipc("A01B 1/99", min_match="main_group") == "A01B 1/99"


def test_levels_and_ancestors() -> None:
    assert [level(c) for c in ("H", "H04", "H04L", "H04L 29/00", "H04L 29/06")] == [
        "section",
        "class",
        "subclass",
        "main_group",
        "group",
    ]
    assert ancestors("H04L 29/06") == {
        "section": "H",
        "class": "H04",
        "subclass": "H04L",
        "main_group": "H04L 29/00",
        "group": "H04L 29/06",
    }
    assert ancestors("H04L 29/00") == {
        "section": "H",
        "class": "H04",
        "subclass": "H04L",
        "main_group": "H04L 29/00",
    }
    assert ancestors("H04") == {"section": "H", "class": "H04"}
    assert [parent(c) for c in ("H04L 29/06", "H04L 29/00", "H04L", "H04", "H")] == [
        "H04L 29/00",
        "H04L",
        "H04",
        "H",
        None,
    ]


def test_titles_and_official_form() -> None:
    assert official("A61K 31/4164") == "A61K0031416400"
    assert official("H04N 101/00") == "H04N0101000000"
    assert title("H") == "ELECTRICITY"
    assert title("H04L 29/06") == "characterised by a protocol"
    assert title("A61K 31/4164") == "1,3-Diazoles"
