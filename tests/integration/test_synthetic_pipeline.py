"""The synthetic universe end to end: generate, load into Neo4j, and check the study's facts through the
project's own indicator code (analytics.exports, with default switches), at N = 50,000 (1.4% of full scale).

Tolerances are those of tests/unit/test_synthetic_calibration.py, widened where a small N adds noise.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from neo4j import Driver

from analytics import exports
from analytics.graphio import query
from analytics.switches import Period
from graph.ingest import load_online, pipeline
from graph.ingest.synthetic import generate
from hotspot_kg.core.maintenance import reset_database

N, SEED = 50_000, 1
US_HUBS = {"San Jose", "San Francisco", "San Diego", "New York City", "Boston"}


@pytest.fixture(scope="module")
def world(driver: Driver, database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("synthetic_pipeline")
    summary = generate(tmp / "folder", patents=N, seed=SEED)
    reset_database(driver, database=database)
    outcome = pipeline.prepare("canonical", tmp / "folder", tmp / "rejects.csv", tmp)
    try:
        assert outcome.rejected == 0, (tmp / "rejects.csv").read_text(encoding="utf-8")[:2000]
        load_online.load(driver, outcome.staging, database=database)
    finally:
        outcome.staging.remove()
    cities = pd.read_csv(tmp / "folder" / "cities.csv", dtype=str)
    yield {"driver": driver, "db": database, "full": summary.full_scale, "cities": cities,
           "name": dict(zip(cities["city_id"], cities["name"], strict=True)),
           "china": set(cities.loc[cities["country"] == "CN", "city_id"]),
           "sz": str(cities.loc[cities["name"] == "Shenzhen", "city_id"].iloc[0])}  # fmt: skip
    reset_database(driver, database=database)


def _export(w: dict, name: str, **given: object) -> pd.DataFrame:
    table, _ = exports.lookup(name).compute(w["driver"], exports.switches_for(name, given), w["db"])
    return table


def test_patenting_explodes_and_passes_10000_at_full_scale(world: dict) -> None:
    held = query(world["driver"], "patent_cities", {"geo": "applicant"}, world["db"])
    held["w"] = 1.0 / held.groupby("patent_id")["city_id"].transform("size")
    held = held.merge(query(world["driver"], "patent_office_year", None, world["db"]), on="patent_id")
    sz = held[held["city_id"] == world["sz"]]
    stage2 = sz.loc[sz["year"].between(1992, 2005), "w"].sum()
    assert sz.loc[sz["year"] >= 2006, "w"].sum() > 5 * stage2
    domestic = sz.loc[(sz["year"] == 2006) & (sz["office"] == "CN"), "w"].sum() * world["full"] / N
    assert 8_000 < domestic < 12_000


def test_ict_specialisation(world: dict) -> None:
    rsi = _export(world, "rsi", tech_unit="field35")
    sz = rsi[rsi["city_id"] == world["sz"]].pivot_table(index="tech", columns="period", values="rsi")
    sz.index = sz.index.astype(int)
    for ict in (4, 6):
        assert sz.loc[ict, "stage3"] > 1.5 and sz.loc[ict, "stage3"] > sz.loc[ict, "stage2"]
    assert sz.loc[16, "stage3"] < 0.5 and sz.loc[8, "stage3"] < 1


def test_first_in_complexity_third_in_novelty_among_chinese_cities(world: dict) -> None:
    kci = _export(world, "kci")
    kci = kci[(kci["period"] == "stage3") & kci["city_id"].isin(world["china"])].sort_values(
        "kci", ascending=False
    )
    assert kci["city_id"].iloc[0] == world["sz"], [world["name"][c] for c in kci["city_id"].head(4)]
    nov = _export(world, "novelty-cities")
    nov = nov[(nov["year"] >= 2006) & nov["city_id"].isin(world["china"])]
    ranked = nov.groupby("city_id")["novel_patents"].sum().sort_values(ascending=False)
    assert list(ranked.index).index(world["sz"]) == 2, [world["name"][c] for c in ranked.index[:4]]


def test_private_sector_and_poes(world: dict) -> None:
    own = _export(world, "ownership", cities=[world["sz"]])
    stake = _export(world, "stakeholders", cities=[world["sz"]])
    s3_own = own[own["year"] >= 2006].groupby("ownership")["patents"].sum()
    s3_all = stake[stake["year"] >= 2006]["patents"].sum()
    individuals = stake[(stake["year"] >= 2006) & (stake["type"] == "individual")]["patents"].sum()
    private = s3_own.reindex(["POE", "HMT", "FJV", "FOE"]).fillna(0).sum() + individuals
    assert private / s3_all > 0.9
    early = own[own["year"] <= 1991].groupby("ownership")["patents"].sum()
    assert early.reindex(["HMT", "FOE", "FJV"]).fillna(0).sum() > early.get("POE", 0)
    assert s3_own.get("POE", 0) / s3_all > 0.75


def test_knowledge_sourcing_2010s(world: dict) -> None:
    src = _export(world, "knowledge-sourcing", cities=[world["sz"]],
                  periods=[Period("2000s", 2000, 2009), Period("2010s", 2010, 2020)])  # fmt: skip
    s10 = src[src["period"] == "2010s"].sort_values("share", ascending=False)
    share_self = s10.loc[s10["source_city_id"] == world["sz"], "share"].sum()
    assert 0.16 < share_self < 0.28
    top10 = {world["name"][c] for c in s10["source_city_id"].head(10)}
    assert {"Seoul", "Tokyo", "Osaka"} <= top10 and US_HUBS & top10 and "Taipei" not in top10
    s00 = src[src["period"] == "2000s"].sort_values("share", ascending=False)
    assert "Taipei" in {world["name"][c] for c in s00["source_city_id"].head(10)}


def test_collaboration_turns_local_and_partners_shift(world: dict) -> None:
    col = _export(world, "collaboration-types", cities=[world["sz"]]).set_index("year")
    kinds = col[["local", "domestic", "international"]]
    early, late = kinds.loc[2006:2008].sum(), kinds.loc[2018:2020].sum()
    assert late["international"] / late.sum() < early["international"] / early.sum() - 0.15
    pats = query(
        world["driver"], "collaboration_patents", {"geo": "inventor", "year_basis": "filing"}, world["db"]
    )
    mine = pats[pats["cities"].map(lambda c: world["sz"] in c)]

    def top(first: int, last: int) -> list[str]:
        rows = mine[mine["year"].between(first, last)]["cities"].explode()
        return [world["name"][c] for c in rows[rows != world["sz"]].value_counts().index[:2]]

    assert top(2000, 2009)[0] == "Taipei"
    assert set(top(2010, 2020)) == {"Beijing", "San Francisco"}


@pytest.mark.parametrize(
    ("geo", "counting", "tech_unit", "ipc_level", "year"),
    [
        ("applicant", "fractional", "field35", "subclass", "filing"),
        ("inventor", "whole", "ipc", "main_group", "priority"),
        ("applicant", "fractional", "ipc", "subclass", "priority"),
    ],
)
def test_counts_pulled_and_counted_equal_the_database_aggregation(
    world: dict, geo: str, counting: str, tech_unit: str, ipc_level: str, year: str
) -> None:
    """specialisation.counts (two pulls, counted in pandas) gives exactly specialisation_counts' table."""
    from analytics import specialisation
    from analytics.switches import Switches

    s = Switches(geo=geo, counting=counting, ipc_level=ipc_level, year=year)
    ours = specialisation.counts(world["driver"], s, tech_unit, world["db"])
    cypher = query(
        world["driver"], "specialisation_counts", {**s.query_params(), "tech_unit": tech_unit}, world["db"]
    ).astype({"year": int, "x": float})
    assert len(ours) > 1000
    pd.testing.assert_frame_equal(ours, cypher, check_exact=False, rtol=1e-12, atol=0)


@pytest.mark.parametrize("geo", ["applicant", "inventor"])
def test_patent_cities_pulled_by_node_id_equal_the_query(world: dict, geo: str) -> None:
    from analytics import links

    ours = links.patent_cities(world["driver"], "filing", geo, world["db"])
    cypher = query(world["driver"], "patent_cities", {"geo": geo}, world["db"])
    assert len(ours) > 1000
    key = ["patent_id", "city_id"]
    pd.testing.assert_frame_equal(
        ours.sort_values(key).reset_index(drop=True), cypher.sort_values(key).reset_index(drop=True)
    )
