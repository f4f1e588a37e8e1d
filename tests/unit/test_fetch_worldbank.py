"""The World Bank fetch against answers served on loopback: the WDI API v2's JSON shape ([meta, records],
paged), a missing value kept unknown, an error message, and city rows of city_context.csv kept.

The answers are written in the shape the API returns (``format=json``); their values are illustrative."""

from __future__ import annotations

import csv
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import testkit

from graph.ingest.fetch.http import client
from graph.ingest.science import worldbank
from graph.ingest.science.load import prepare
from hotspot_kg.core.errors import FetchError


def _api_server() -> ModuleType:
    return testkit.sibling(__file__, "api_server", "hotspot_api_server")


NAMES = {"NY.GDP.PCAP.KD": "GDP per capita (constant 2015 US$)", "SP.POP.TOTL": "Population, total",
         "GB.XPD.RSDV.GD.ZS": "Research and development expenditure (% of GDP)"}  # fmt: skip
VALUES = {  # (indicator, country, year) -> value; None: the Bank has no value
    ("NY.GDP.PCAP.KD", "CN", 2019): 10155.5, ("NY.GDP.PCAP.KD", "CN", 2020): 10358.2,
    ("NY.GDP.PCAP.KD", "US", 2019): 60687.2, ("NY.GDP.PCAP.KD", "US", 2020): 58451.1,
    ("SP.POP.TOTL", "CN", 2019): 1407745000, ("SP.POP.TOTL", "CN", 2020): 1411100000,
    ("SP.POP.TOTL", "US", 2019): 328329953, ("SP.POP.TOTL", "US", 2020): 331526933,
    ("GB.XPD.RSDV.GD.ZS", "CN", 2019): 2.24, ("GB.XPD.RSDV.GD.ZS", "CN", 2020): 2.41,
    ("GB.XPD.RSDV.GD.ZS", "US", 2019): 3.17, ("GB.XPD.RSDV.GD.ZS", "US", 2020): None,
}  # fmt: skip
ISO3 = {"CN": ("CHN", "China"), "US": ("USA", "United States")}


def answer(path: str, params: dict[str, str]) -> tuple[int, dict[str, str], Any]:
    """The WDI API: /v2/country/CN;US/indicator/ID?format=json&per_page=..&page=..&date=A:B, two per page."""
    parts = path.split("/")
    countries, indicator = parts[3].split(";"), parts[5]
    if indicator not in NAMES:
        return 200, {}, [{"message": [{"id": "120", "key": "Invalid value", "value": "The provided parameter value is not valid"}]}]  # fmt: skip
    records = [
        {"indicator": {"id": indicator, "value": NAMES[indicator]}, "country": {"id": c, "value": ISO3[c][1]},
         "countryiso3code": ISO3[c][0], "date": str(year), "value": VALUES[(indicator, c, year)],
         "unit": "", "obs_status": "", "decimal": 1}
        for c in countries for year in (2020, 2019)
    ]  # fmt: skip
    size, page = 2, int(params["page"])
    meta = {"page": page, "pages": -(-len(records) // size), "per_page": size, "total": len(records),
            "sourceid": "2", "lastupdated": "2025-12-16"}  # fmt: skip
    return 200, {}, [meta, records[(page - 1) * size : page * size]]


def test_country_rows_replace_theirs_and_keep_the_cities(tmp_path: Path) -> None:
    (tmp_path / "city_context.csv").write_text(
        "area_id,year,currency_basis,gdp_per_capita,source\n"
        "gn:1795565,2019,current CNY,203489,Shenzhen Statistical Yearbook 2020\n"
        "CN,2019,constant 2015 USD,1,an old row that the fetch replaces\n",
        encoding="utf-8",
    )
    with _api_server().serve(answer) as api, client() as session:
        written = worldbank.fetch(session, tmp_path, ["cn", "US"], (2019, 2020), base=api.base + "/v2")
        pages = [p["page"] for path, p in api.requests if path.endswith("SP.POP.TOTL")]
    assert written == 4 and pages == ["1", "2"]  # two pages of two records
    with (tmp_path / "city_context.csv").open(encoding="utf-8") as f:
        rows = {(r["area_id"], r["year"]): r for r in csv.DictReader(f)}
    assert rows[("gn:1795565", "2019")]["source"] == "Shenzhen Statistical Yearbook 2020"
    cn = rows[("CN", "2019")]
    assert (
        cn["gdp_per_capita"] == "10155.5"
        and cn["population"] == "1407745000"
        and cn["rd_intensity"] == "2.24"
    )
    assert cn["currency_basis"] == "constant 2015 USD" and cn["source"].startswith(
        "World Bank WDI (NY.GDP.PCAP.KD"
    )
    assert rows[("US", "2020")]["rd_intensity"] == ""  # no value: unknown, never zero
    assert "GB.XPD.RSDV.GD.ZS" not in rows[("US", "2020")]["source"]
    assert (tmp_path / "manifest.json").is_file() and (
        tmp_path / "raw" / "worldbank-SP.POP.TOTL.json"
    ).is_file()
    outcome = prepare(tmp_path, tmp_path / "rejects.csv")
    try:
        assert outcome.rejected == 0 and outcome.by_table["city_context"] == 5
    finally:
        outcome.staging.remove()


def test_an_error_message_of_the_bank_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worldbank, "INDICATORS", {"NOT.AN.INDICATOR": "gdp_per_capita"})
    with _api_server().serve(answer) as api, client() as session, pytest.raises(FetchError, match="refused the request: The provided"):  # fmt: skip
        worldbank.fetch(session, tmp_path, ["CN"], (2019, 2020), base=api.base + "/v2")
