"""The generator's families: behind --family-share, leaving the inventions (and so every calibrated fact)
exactly as without it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graph.ingest.synthetic import generate

FILES = ("patents", "applicants", "inventors", "patent_applicants", "patent_inventors", "patent_ipc",
         "citations", "cities", "ownership")  # fmt: skip


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("families")
    generate(root / "plain", patents=2000, seed=3)
    generate(root / "families", patents=2000, seed=3, family_share=0.3, pct_share=0.5)
    return root / "plain", root / "families"


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def test_the_inventions_are_unchanged(folders: tuple[Path, Path]) -> None:
    plain, fams = folders
    for name in FILES:
        a, b = read(plain, name), read(fams, name)
        key = "patent_id" if "patent_id" in b else ("citing_id" if "citing_id" in b else None)
        if key is not None:
            b = b[~b[key].str.contains(r"-[A-Z]{2}$")].reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, obj=name)


def test_some_inventions_are_filed_in_several_offices_a_share_of_them_pct(folders: tuple[Path, Path]) -> None:
    _, fams = folders
    patents = read(fams, "patents")
    members = patents[patents["patent_id"].str.contains(r"-[A-Z]{2}$")]
    inventions = patents.drop(members.index)
    assert len(inventions) == 2000
    sizes = patents.groupby("family_id").size()
    assert sizes.max() <= 4 and (sizes >= 1).all()
    share = (sizes > 1).mean()
    assert 0.25 < share < 0.35  # family_share 0.3
    several = sizes[sizes > 1].index
    pct = patents[(patents["office"] == "WO") & patents["family_id"].isin(several)]["family_id"].nunique()
    assert 0.45 < pct / len(several) < 0.7  # pct_share 0.5, plus the inventions filed as PCT applications
    joined = members.merge(inventions, on="family_id", suffixes=("", "_invention"))
    assert (joined["office"] != joined["office_invention"]).all()
    assert not joined.duplicated(["family_id", "office"]).any()  # one filing per office
    assert (joined["priority_year"] == joined["year_invention"]).all()
    assert (joined["year"].astype(int) >= joined["year_invention"].astype(int)).all()


def test_a_member_has_its_inventions_applicants_inventors_and_codes(folders: tuple[Path, Path]) -> None:
    _, fams = folders
    patents = read(fams, "patents")
    family = patents.set_index("patent_id")["family_id"]
    for name, column in (("patent_applicants", "applicant_id"), ("patent_inventors", "inventor_id"),
                         ("patent_ipc", "ipc_code")):  # fmt: skip
        links = read(fams, name)
        per = links.assign(family=links["patent_id"].map(family)).groupby("patent_id")
        sets = per.agg(family=("family", "first"), items=(column, lambda s: frozenset(s)))
        assert (sets.groupby("family")["items"].nunique() == 1).all(), name


def test_shares_outside_zero_and_one_are_refused(tmp_path: Path) -> None:
    from hotspot_kg.core.errors import ConfigError

    with pytest.raises(ConfigError, match="--family-share"):
        generate(tmp_path, patents=1000, family_share=1.5)
