"""The generated folder: canonical, self-consistent, marked as a simulation, and byte-identical per seed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from graph.ingest.records import LOAD_ORDER, TABLES
from graph.ingest.synthetic import generate
from hotspot_kg.cli import main

N = 6_000
FILES = LOAD_ORDER  # every canonical table, ownership.csv included
CANONICAL_IPC = re.compile(r"^[A-H]\d\d[A-Z] \d{1,4}/\d{2,}$")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "a"
    generate(out, patents=N, seed=3)
    return out


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def test_same_seed_same_bytes_other_seed_other_bytes(folder: Path, tmp_path: Path) -> None:
    generate(tmp_path / "b", patents=N, seed=3)
    generate(tmp_path / "c", patents=N, seed=4)
    assert _digest(folder) == _digest(tmp_path / "b")
    assert _digest(folder)["patents.csv"] != _digest(tmp_path / "c")["patents.csv"]


def test_columns_are_the_canonical_ones(folder: Path) -> None:
    for name in FILES:
        header = (folder / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        table = TABLES[name]
        assert set(table.required) <= set(header) <= set(table.columns), name


def test_exact_patent_count_years_and_unique_keys(folder: Path) -> None:
    patents = _read(folder, "patents")
    assert len(patents) == N and patents["patent_id"].is_unique
    years = patents["year"].astype(int)
    assert (years.min(), years.max()) == (1985, 2020)
    assert (patents["filing_date"].str[:4] == patents["year"]).all()
    for name in ("patent_applicants", "patent_inventors", "patent_ipc", "citations"):
        table = _read(folder, name)
        assert not table.duplicated(list(TABLES[name].key)).any(), name


def test_every_reference_resolves(folder: Path) -> None:
    pids = set(_read(folder, "patents")["patent_id"])
    apps, invs = _read(folder, "applicants"), _read(folder, "inventors")
    cities = set(_read(folder, "cities")["city_id"])
    assert set(apps["city_id"]) <= cities and set(invs["city_id"]) <= cities
    pa, pi = _read(folder, "patent_applicants"), _read(folder, "patent_inventors")
    assert set(pa["patent_id"]) == pids and set(pa["applicant_id"]) <= set(apps["applicant_id"])
    assert set(pi["patent_id"]) == pids and set(pi["inventor_id"]) <= set(invs["inventor_id"])
    assert set(_read(folder, "patent_ipc")["patent_id"]) == pids
    own = _read(folder, "ownership")
    firms = apps.set_index("applicant_id").loc[own["applicant_id"]]
    assert (firms["type"] == "firm").all()
    assert set(own["ownership"]) <= {"SOE", "POE", "HMT", "FJV", "FOE", "COLLECTIVE"}


def test_citations_point_to_earlier_years(folder: Path) -> None:
    year = _read(folder, "patents").set_index("patent_id")["year"].astype(int)
    c = _read(folder, "citations")
    assert len(c) > N
    assert (year.loc[c["citing_id"]].to_numpy() > year.loc[c["cited_id"]].to_numpy()).all()
    assert set(c["origin"]) <= {"applicant", "examiner", "unknown"}


def test_ipc_codes_are_canonical_and_stakeholders_varied(folder: Path) -> None:
    codes = _read(folder, "patent_ipc")["ipc_code"]
    assert codes.str.match(CANONICAL_IPC).all()
    types = set(_read(folder, "applicants")["type"])
    assert types == {"firm", "university", "research_institute", "individual", "government"}


def test_folder_says_it_is_a_simulation(folder: Path) -> None:
    assert (
        (folder / "SIMULATION.txt")
        .read_text(encoding="utf-8")
        .startswith("SIMULATION - NOT REAL PATENT DATA")
    )
    for name, col in (("patents", "patent_id"), ("applicants", "applicant_id"), ("inventors", "inventor_id")):
        assert _read(folder, name)[col].str.startswith("SIM-").all()


def test_chinese_names_in_both_record_forms(folder: Path) -> None:
    names = _read(folder, "applicants")["name"]
    assert names.str.contains(r"^深圳市.+有限公司$").any()
    assert names.str.contains(r"^SHENZHEN .+ CO\., LTD\.$").any()


def test_cli_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--patents", "2000", "--seed", "1", "--out", str(tmp_path / "cli")]) == 0
    assert "Wrote a SIMULATION of 2,000 patents" in capsys.readouterr().out
    assert main(["generate", "--patents", "10", "--out", str(tmp_path / "x")]) == 1
    assert (
        capsys.readouterr().err
        == "Error: --patents 10 is too small; use at least 1000 so every year has patents\n"
    )
