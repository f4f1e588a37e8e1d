"""The study's facts, measured on a generated universe with the pure pandas checker (synthetic_facts.py).

One universe of N = 100,000 patents (2.7% of full scale) is generated once; every fact of issue 4 is
computed from its CSV files following ../shared/spec/indicators.md with default switches, and checked
with the tolerance stated next to it. The integration test will repeat this with the project's own
indicator code once it lands.
"""

from __future__ import annotations

from types import ModuleType

import pytest
import testkit

from graph.ingest.synthetic import generate

N, SEED = 100_000, 1
US_HUBS = {"San Jose", "San Francisco", "San Diego", "New York City", "Boston"}


def _checker() -> ModuleType:
    return testkit.sibling(__file__, "synthetic_facts")


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("calibration")
    summary = generate(out, patents=N, seed=SEED)
    return _checker().facts(out, summary.full_scale, N)


def test_stage3_explodes(facts: dict) -> None:
    assert facts["stage3_over_stage2"] > 5


def test_domestic_filings_pass_10000_around_2006_at_full_scale(facts: dict) -> None:
    # expected 10,000 at full scale; sampling noise at 2.7% scale is about +-5%
    assert 8_500 < facts["domestic_filings_2006_full_scale"] < 11_500


def test_ict_specialisation_rises_and_pharma_semis_weak(facts: dict) -> None:
    s2, s3 = facts["rsi_stage2"], facts["rsi_stage3"]
    for ict in (4, 6):  # digital communication, computer technology
        assert s3[ict] > 1.5, "RSI well above 1 in stage 3"
        assert s3[ict] > s2[ict], "rising from stage 2"
    assert s3[16] < 0.5 and s3[8] < 1  # pharmaceuticals, semiconductors


def test_complexity_first_and_novelty_third_among_chinese_cities(facts: dict) -> None:
    assert facts["kci_rank_cn"] == 1, facts["kci_top_cn"]
    assert facts["novelty_rank_cn"] == 3, facts["novelty_top_cn"]


def test_private_sector_and_poes_replacing_foreign_and_hmt(facts: dict) -> None:
    assert facts["private_share_stage3"] > 0.9
    poe = [facts[f"ownership_stage{k}"].get("POE", 0) for k in (1, 2, 3)]
    foreign = [sum(facts[f"ownership_stage{k}"].get(o, 0) for o in ("HMT", "FOE", "FJV")) for k in (1, 2, 3)]
    assert poe[0] < poe[1] < poe[2] and foreign[0] > foreign[1] > foreign[2]
    assert foreign[0] > 0.5 and poe[2] > 0.75


def test_knowledge_sourcing_2010s(facts: dict) -> None:
    assert 0.18 < facts["self_citation_share_2010s"] < 0.26  # about 22%
    top10 = facts["top10_sources_2010s"]
    assert top10[0] == "Shenzhen"
    assert {"Seoul", "Tokyo", "Osaka"} <= set(top10) and US_HUBS & set(top10)
    assert "Taipei" not in top10
    assert "Taipei" in facts["top10_sources_2000s"], "Taipei drops out of the top 10, so it was in it before"


def test_collaboration_turns_local_and_domestic(facts: dict) -> None:
    early, late = facts["collab_2006_2008"], facts["collab_2018_2020"]
    assert late["international"] < early["international"] - 0.15
    assert late["local"] + late["domestic"] > early["local"] + early["domestic"] + 0.15


def test_top_partner_moves_from_taipei_to_beijing_and_san_francisco(facts: dict) -> None:
    assert next(iter(facts["top_partners_2000s"])) == "Taipei"
    assert set(list(facts["top_partners_2010s"])[:2]) == {"Beijing", "San Francisco"}
