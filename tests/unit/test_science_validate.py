"""The science tables are checked like the patent tables: rejects with file, line and reason, good rows kept."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest

from graph.ingest.science.load import prepare
from hotspot_kg.core.errors import InputError

FILES = {
    "cities.csv": [
        ["city_id", "name", "country", "lat", "lon"],
        ["gn:1795565", "Shenzhen", "CN", "22.54554", "114.0683"],
        ["gn:4931972", "Cambridge", "US", "42.3751", "-71.10561"],
    ],
    "institutions.csv": [
        ["institution_id", "name", "type", "ror", "country", "city_id"],
        ["I1", "Shenzhen University", "education", "https://ror.org/01vy4gh70", "CN", "gn:1795565"],
        ["I2", "Harvard University", "education", "03vek6s52", "", "gn:4931972"],
        ["I3", "Nowhere Lab", "lab", "", "", ""],  # line 4: not an OpenAlex type
        ["I4", "Wrong Country", "company", "", "US", "gn:1795565"],  # line 5: country clash
        ["I5", "Unplaced Institute", "facility", "", "FR", ""],
    ],
    "works.csv": [
        ["work_id", "year", "type", "field", "domain"],
        ["W1", "2018", "article", "17", ""],
        ["W2", "2019", "article", "https://openalex.org/fields/27", "Health Sciences"],
        ["W3", "20x9", "article", "17", ""],  # line 4: bad year
        ["W4", "2019", "article", "Computer Science", "Life Sciences"],  # line 5: domain clash
        ["W5", "2020", "article", "99", ""],  # line 6: no such field
        ["W1", "2018", "article", "17", ""],  # line 7: exact duplicate, dropped silently
    ],
    "work_institutions.csv": [
        ["work_id", "institution_id", "seq"],
        ["W1", "I1", "1"],
        ["W1", "I2", "2"],
        ["W3", "I1", "1"],  # line 4: its work was rejected
        ["W2", "I9", "1"],  # line 5: no such institution
    ],
    "city_context.csv": [
        [
            "area_id",
            "year",
            "currency_basis",
            "gdp_per_capita",
            "population",
            "rd_share_basic",
            "rd_share_applied",
            "rd_share_experimental",
            "rd_intensity",
            "source",
        ],
        [
            "gn:1795565",
            "2019",
            "current CNY",
            "203489",
            "13438800",
            "0.04",
            "0.05",
            "0.91",
            "4.93",
            "Shenzhen Statistical Yearbook 2020",
        ],
        ["cn", "2019", "constant 2015 USD", "10155", "1407745000", "", "", "", "2.24", "World Bank WDI"],
        ["CN", "2018", "", "9500", "", "", "", "", "", "World Bank WDI"],  # line 4: no currency basis
        ["gn:1795565", "2018", "", "", "", "0.5", "0.5", "0.5", "", "made up"],  # line 5: shares > 1
        ["Atlantis", "2018", "", "", "", "", "", "", "2.0", "made up"],  # line 6: unknown area
        ["gn:1816670", "2019", "", "", "", "", "", "", "6.0", "Beijing yearbook"],  # gazetteer city
        ["US", "2019", "", "", "", "", "", "", "", "empty"],  # line 8: no value
        ["US", "2019", "", "", "-5", "", "", "", "", "negative"],  # line 9: negative population
    ],
}


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in FILES.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return folder


def rejects(path: Path) -> dict[tuple[str, int], str]:
    with open(path, encoding="utf-8") as f:
        return {(Path(r["file"]).name, int(r["line"])): r["reason"] for r in csv.DictReader(f)}


def test_bad_rows_are_rejected_with_file_line_and_reason(tmp_path: Path) -> None:
    outcome = prepare(write(tmp_path / "in"), tmp_path / "rejects.csv")
    try:
        found = rejects(tmp_path / "rejects.csv")
        assert "not one of OpenAlex's institution types" in found[("institutions.csv", 4)]
        assert "is not the country of its city" in found[("institutions.csv", 5)]
        assert (
            "not a plausible year" in found[("works.csv", 4)] or "not an integer" in found[("works.csv", 4)]
        )
        assert "is not the domain of field" in found[("works.csv", 5)]
        assert "not one of OpenAlex's 26 fields" in found[("works.csv", 6)]
        assert "not defined in works" in found[("work_institutions.csv", 4)]
        assert "not defined in institutions" in found[("work_institutions.csv", 5)]
        assert "currency_basis is missing" in found[("city_context.csv", 4)]
        assert "type shares add up to 1.5" in found[("city_context.csv", 5)]
        assert "neither a country code" in found[("city_context.csv", 6)]
        assert "gives no value" in found[("city_context.csv", 8)]
        assert "outside" in found[("city_context.csv", 9)]
        assert len(found) == 12 and outcome.rejected == 12 and outcome.duplicates == 1
        staged = outcome.staging
        assert sorted(staged.frame("works")["id"]) == ["W1", "W2"]
        works = staged.frame("works").set_index("id")
        assert works.loc["W2", "field"] == 27 and works.loc["W2", "domain"] == "Health Sciences"
        assert works.loc["W1", "domain"] == "Physical Sciences"
        inst = staged.frame("institutions").set_index("id")
        assert inst.loc["I2", "country"] == "US"  # from its city
        assert inst.loc["I2", "ror"] == "https://ror.org/03vek6s52"
        context = staged.frame("city_context").set_index(["area_id", "year"])
        assert context.loc[("CN", 2019), "kind"] == "country"
        assert context.loc[("gn:1816670", 2019), "kind"] == "city"
        assert context["gdp_per_capita"].isna().sum() == 1  # unknown stays unknown, never zero
        assert "gn:1816670" in set(staged.frame("cities")["id"])  # Beijing, from the gazetteer
        assert {"CN", "US", "FR"} <= set(staged.frame("countries")["code"])
        assert staged.count("science_fields") == 26
    finally:
        outcome.staging.remove()


def test_a_folder_without_science_tables_is_refused(tmp_path: Path) -> None:
    (tmp_path / "patents.csv").write_text("patent_id,year\nP1,2000\n", encoding="utf-8")
    with pytest.raises(InputError, match="no science table found"):
        prepare(tmp_path, tmp_path / "rejects.csv")


def test_an_unknown_column_fails_the_whole_file(tmp_path: Path) -> None:
    (tmp_path / "works.csv").write_text("work_id,year,colour\nW1,2000,red\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"works.csv:1: unknown column\(s\) colour"):
        prepare(tmp_path, tmp_path / "rejects.csv")


def test_rows_may_name_cities_already_in_the_graph(tmp_path: Path) -> None:
    (tmp_path / "institutions.csv").write_text(
        "institution_id,name,country,city_id\nI1,Shenzhen University,CN,GN1795565\nI2,Nowhere,,GN0\n",
        encoding="utf-8",
    )
    outcome = prepare(tmp_path, tmp_path / "rejects.csv", known_cities={"GN1795565": "CN"})
    try:
        assert list(outcome.staging.frame("institutions")["id"]) == ["I1"]
        assert "'GN0' is not defined in cities" in rejects(tmp_path / "rejects.csv")[("institutions.csv", 3)]
    finally:
        outcome.staging.remove()


def test_the_documented_example_context_file_validates() -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "examples"
    outcome = prepare(example, Path(tempfile.mkdtemp()) / "rejects.csv")
    try:
        assert outcome.rejected == 0 and outcome.by_table["city_context"] == 3
        assert outcome.staging.frame("city_context")["gdp_per_capita"].isna().sum() == 1
    finally:
        outcome.staging.remove()
