"""The export contract's switch checks, without a server: unused switches are refused clearly."""

from __future__ import annotations

import pytest

from analytics.exports import EXPORTS, switches_for
from hotspot_kg.cli import main
from hotspot_kg.core.errors import IndicatorError

CONTRACT = {
    "novelty-patents": "patent_id, year, new_classes, new_pairs, novel, novelty_type",
    "novelty-cities": "city_id, year, patents, novel_patents, novel_share, origination, novel_combination, "
    "combination, refinement",
    "rsi": "city_id, period, tech, x, rsi, rsi_sym",
    "kci": "city_id, period, diversity, kci",
    "tci": "tech, period, ubiquity, tci",
    "collaboration-types": "city_id, year, local, domestic, international, single",
    "knowledge-sourcing": "city_id, period, source_city_id, relation, citations, share",
    "local-network": "city_id, period, applicant_id, name, type, degree, betweenness, community",
    "stakeholders": "city_id, year, type, patents",
    "ownership": "city_id, year, ownership, patents",
    "science-profile": "city_id, period, field, works, share, share_all, rsi",
    "science-collaboration-types": "city_id, year, local, domestic, international, single",
}


def test_every_export_of_the_contract_with_its_exact_columns() -> None:
    assert {name: ", ".join(e.columns) for name, e in EXPORTS.items()} == CONTRACT


def test_unused_switch_is_refused_with_the_options_it_takes() -> None:
    with pytest.raises(IndicatorError, match=r"export rsi does not use --pool-years; it takes: --geo"):
        switches_for("rsi", {"pool_years": 5})
    with pytest.raises(IndicatorError, match="does not use --geo, --period"):
        switches_for("novelty-patents", {"geo": "inventor", "periods": ("x",)})
    with pytest.raises(IndicatorError, match="--ipc-level only with --tech-unit ipc"):
        switches_for("rsi", {"ipc_level": "group"})
    assert switches_for("rsi", {"ipc_level": "group", "tech_unit": "ipc"}).ipc_level == "group"
    assert switches_for("kci", {"ipc_level": "main_group"}).ipc_level == "main_group"
    with pytest.raises(IndicatorError, match="export rsi does not use --greater-china"):
        switches_for("rsi", {"greater_china": "domestic"})
    with pytest.raises(IndicatorError, match="export science-profile does not use --geo"):
        switches_for("science-profile", {"geo": "inventor"})
    assert (
        switches_for("science-collaboration-types", {"greater_china": "domestic"}).greater_china == "domestic"
    )


def test_cli_refuses_in_one_line_before_connecting(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = main(["export", "tci", "--out", str(tmp_path / "t.csv"), "--city", "gn:1"])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: export tci does not use --city; it takes:")
    assert "\n" not in err
    code = main(["export", "rsi", "--out", str(tmp_path / "r.csv"), "--period", "1990-1995"])
    assert code != 0


def test_cli_refuses_what_spark_does_not_compute_before_connecting(
    capsys: pytest.CaptureFixture[str],
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    out = str(tmp_path / "t.csv")
    assert main(["export", "local-network", "--out", out, "--city", "gn:1", "--engine", "spark"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: export local-network is not computed on Spark yet; use --engine graph")
    assert main(["export", "rsi", "--out", out, "--engine", "spark", "--unit", "family"]) == 1
    assert "--engine spark counts patents in cities" in capsys.readouterr().err
    assert main(["export", "rsi", "--out", out, "--lake", str(tmp_path)]) != 0
    assert "--master and --lake go with --engine spark" in capsys.readouterr().err
