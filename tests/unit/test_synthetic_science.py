"""The science side of the SIMULATION: the study's science facts, measured with the project's own
science indicators (analytics.science) on the generated CSV files, and a folder that validates cleanly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics import science
from analytics.switches import stages
from graph.ingest.science.load import prepare
from graph.ingest.synthetic.science import write_science
from graph.ingest.synthetic.world import World, build_world

WORKS, SEED = 40_000, 1


@pytest.fixture(scope="module")
def world() -> World:
    return build_world()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, world: World) -> Path:
    out = tmp_path_factory.mktemp("science")
    write_science(out, world, WORKS, SEED)
    return out


@pytest.fixture(scope="module")
def links(folder: Path) -> pd.DataFrame:
    works = pd.read_csv(folder / "works.csv")
    authored = pd.read_csv(folder / "work_institutions.csv")
    institutions = pd.read_csv(folder / "institutions.csv")
    joined = authored.merge(works, on="work_id").merge(institutions, on="institution_id")
    return joined[science.LINK_COLUMNS]


def city(world: World, name: str) -> str:
    return str(world.ids[world.index(name)])


def test_a_weak_local_science_base_in_ict(links: pd.DataFrame, world: World) -> None:
    profile = science.profile(science.city_field_counts(links), stages(2020))
    late = profile[profile["period"] == "stage3"].set_index(["city_id", "field"])
    sz, bj = city(world, "Shenzhen"), city(world, "Beijing")
    assert late.loc[(sz, 17), "rsi"] < 0.85  # computer science: not specialised
    assert late.loc[(bj, 17), "rsi"] > 1.0
    works = late.groupby(level="city_id")["works"].sum()
    assert works[sz] < works[bj] / 5  # few works: a weak science base


def test_science_collaboration_does_not_turn_local(links: pd.DataFrame, world: World) -> None:
    table = science.collaboration(links)
    sz = table[table["city_id"] == city(world, "Shenzhen")]
    period = pd.cut(sz["year"], [1991, 2005, 2020], labels=["stage2", "stage3"])
    sums = sz.groupby(period, observed=True)[["local", "domestic", "international"]].sum()
    shares = sums.div(sums.sum(axis=1), axis=0)
    assert shares.loc["stage3", "local"] <= shares.loc["stage2", "local"] + 0.05
    assert shares.loc["stage3", "local"] < 0.25 and shares.loc["stage3", "international"] > 0.4


def test_hong_kong_is_shenzhen_s_first_foreign_partner(links: pd.DataFrame, world: World) -> None:
    sz = city(world, "Shenzhen")
    with_sz = links[links["work_id"].isin(links.loc[links["city_id"] == sz, "work_id"])]
    foreign = with_sz[with_sz["country"] != "CN"].drop_duplicates(["work_id", "city_id"])
    assert foreign["city_id"].value_counts().index[0] == city(world, "Hong Kong")


def test_the_context_is_unknown_before_its_sources_start_and_the_folder_validates(
    folder: Path, world: World, tmp_path: Path
) -> None:
    context = pd.read_csv(folder / "city_context.csv")
    early = context[context["year"] < 1995]
    assert early["rd_intensity"].isna().all() and early["gdp_per_capita"].notna().all()
    shares = context[["rd_share_basic", "rd_share_applied", "rd_share_experimental"]].dropna().sum(axis=1)
    assert shares.to_numpy() == pytest.approx(1.0)
    assert context["source"].str.startswith("SIMULATION").all()
    (folder / "cities.csv").write_text(
        "city_id,name,country,lat,lon\n"
        + "".join(f"{i},{n},{c},{la},{lo}\n" for i, n, c, la, lo in
                  zip(world.ids, world.names, world.countries, world.lat, world.lon, strict=True)),
        encoding="utf-8",
    )  # fmt: skip
    outcome = prepare(folder, tmp_path / "rejects.csv")
    try:
        assert outcome.rejected == 0 and outcome.by_table["works"] == WORKS
    finally:
        outcome.staging.remove()
