"""The science folder loads into the graph model (Work, Institution, ScienceField, Context), a re-run adds
nothing, and the science exports read it."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from neo4j import Driver

from analytics import exports, science
from analytics.switches import Period, Switches
from graph.ingest.science.load import load, prepare

pytestmark = pytest.mark.integration

FILES = {
    "cities.csv": [
        ["city_id", "name", "country", "lat", "lon"],
        ["gn:1795565", "Shenzhen", "CN", "22.54554", "114.0683"],
        ["gn:1819729", "Hong Kong", "HK", "22.27832", "114.17469"],
        ["gn:4931972", "Cambridge", "US", "42.3751", "-71.10561"],
    ],
    "institutions.csv": [
        ["institution_id", "name", "type", "ror", "country", "city_id"],
        ["I1", "Shenzhen University", "education", "https://ror.org/01vy4gh70", "CN", "gn:1795565"],
        ["I2", "Harvard University", "education", "03vek6s52", "", "gn:4931972"],
        ["I3", "University of Hong Kong", "education", "", "HK", "gn:1819729"],
        ["I4", "Huawei", "company", "", "CN", "gn:1795565"],
        ["I5", "Unplaced", "bad-type", "", "", ""],
    ],
    "works.csv": [
        ["work_id", "year", "type", "field", "domain"],
        ["W1", "2018", "article", "17", ""],
        ["W2", "2019", "article", "27", ""],
        ["W3", "2019", "article", "Computer Science", ""],
        ["W4", "2019", "article", "17", ""],
    ],
    "work_institutions.csv": [
        ["work_id", "institution_id", "seq"],
        ["W1", "I1", "1"], ["W1", "I4", "2"],  # local
        ["W2", "I1", "1"], ["W2", "I3", "2"],  # Shenzhen-Hong Kong
        ["W3", "I1", "1"], ["W3", "I2", "2"],  # international
        ["W4", "I2", "1"],  # single
    ],
    "city_context.csv": [
        ["area_id", "year", "currency_basis", "gdp_per_capita", "population", "rd_intensity", "source"],
        ["gn:1795565", "2019", "current CNY", "203489", "13438800", "4.93", "Shenzhen Statistical Yearbook 2020"],
        ["CN", "2019", "constant 2015 USD", "10155", "", "2.24", "World Bank WDI"],
    ],
}  # fmt: skip


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in FILES.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return folder


def load_folder(driver: Driver, database: str, folder: Path, rejects: Path) -> dict[str, int]:
    outcome = prepare(folder, rejects)
    try:
        created = load(driver, outcome.staging, database=database, batch_size=2)
    finally:
        outcome.staging.remove()
    assert outcome.rejected == 1  # I5: not an OpenAlex type
    return {**created.nodes, **created.relationships}


def test_science_folder_loads_idempotently_and_exports(
    empty_db: Driver, database: str, tmp_path: Path
) -> None:
    folder = write(tmp_path / "science")
    first = load_folder(empty_db, database, folder, tmp_path / "r1.csv")
    assert first["Work"] == 4 and first["Institution"] == 4 and first["ScienceField"] == 26
    assert first["Context"] == 2 and first["HAS_CONTEXT"] == 2 and first["AUTHORED_AT"] == 7
    assert first["IN_SCIENCE_FIELD"] == 4 and first["LOCATED_IN"] == 4
    again = load_folder(empty_db, database, folder, tmp_path / "r2.csv")
    assert set(again.values()) == {0}
    records, _, _ = empty_db.execute_query(
        "MATCH (w:Work {id: 'W3'})-[a:AUTHORED_AT]->(i:Institution)-[:LOCATED_IN]->(c:City), "
        "(w)-[:IN_SCIENCE_FIELD]->(f:ScienceField) RETURN i.id AS i, a.seq AS seq, c.id AS c, f.name AS f, "
        "w.domain AS domain ORDER BY seq",
        database_=database,
    )
    assert [(r["i"], r["seq"], r["c"]) for r in records] == [("I1", 1, "gn:1795565"), ("I2", 2, "gn:4931972")]
    assert records[0]["f"] == "Computer Science" and records[0]["domain"] == "Physical Sciences"
    ctx, _, _ = empty_db.execute_query(
        "MATCH (a)-[:HAS_CONTEXT]->(x:Context) RETURN labels(a)[0] AS label, x.area_id AS area, "
        "x.gdp_per_capita AS gdp, x.population AS population, x.source AS source ORDER BY area",
        database_=database,
    )
    assert [(r["label"], r["area"]) for r in ctx] == [("Country", "CN"), ("City", "gn:1795565")]
    assert ctx[0]["population"] is None and ctx[0]["gdp"] == 10155.0  # unknown stays null, never zero

    collab = science.compute_collaboration(empty_db, Switches(), database).set_index(["city_id", "year"])
    assert collab.loc[("gn:1795565", 2019)].to_dict() == {
        "local": 0.0, "domestic": 0.0, "international": 1.0, "single": 0.0,
    }  # fmt: skip
    assert collab.loc[("gn:1795565", 2018), "local"] == 1.0
    china = science.compute_collaboration(empty_db, Switches(greater_china="domestic"), database)
    sz = china.set_index(["city_id", "year"]).loc[("gn:1795565", 2019)]
    assert sz["domestic"] == 0.5 and sz["international"] == 0.5
    table, _ = exports.lookup("science-profile").compute(
        empty_db, Switches(periods=(Period("all", 2010, 2020),)), database
    )
    sz_cs = table[(table["city_id"] == "gn:1795565") & (table["field"] == 17)].iloc[0]
    # Shenzhen: W1 (1), W2 medicine (1/2), W3 (1/2) -> 1.5 of 2 in CS; all cities: 1 + 1/2 + 1/2 + 1 = 3 of 4
    assert sz_cs["works"] == pytest.approx(1.5) and sz_cs["share"] == pytest.approx(0.75)
    assert sz_cs["share_all"] == pytest.approx(0.75) and sz_cs["rsi"] == pytest.approx(1.0)
    assert isinstance(table, pd.DataFrame) and list(table.columns) == science.PROFILE_COLUMNS
