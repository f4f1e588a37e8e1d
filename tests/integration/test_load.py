"""Online load of a small canonical folder into the real Neo4j: exact graph, idempotent, resumable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from neo4j import Driver

from graph.ingest import load_bulk, load_online, pipeline
from graph.ingest.staging import Staging
from hotspot_kg.core import db, settings
from hotspot_kg.core.errors import ConfigError
from hotspot_kg.core.maintenance import reset_database
from hotspot_kg.server import process

pytestmark = pytest.mark.integration
SMALL = Path(__file__).resolve().parents[1] / "data" / "canonical_small"


def wipe(driver: Driver) -> None:
    reset_database(driver)


@pytest.fixture
def empty(empty_db: Driver) -> Driver:
    return empty_db


def staged(tmp_path: Path, folder: Path = SMALL) -> Staging:
    outcome = pipeline.prepare("canonical", folder, tmp_path / "rejects.csv", tmp_path)
    assert outcome.rejected == 0
    return outcome.staging


def rows(driver: Driver, query: str) -> set[tuple[object, ...]]:
    records, _, _ = driver.execute_query(query)
    return {tuple(tuple(v) if isinstance(v, list) else v for v in r.values()) for r in records}


def with_origins(tmp_path: Path) -> Path:
    """The small folder where P2 cites P1 by the applicant too (the examiner's row is there already), and
    repeats it: one citation with both origins, no reject (the first row of a new user's real data)."""
    folder = tmp_path / "origins"
    shutil.copytree(SMALL, folder)
    with open(folder / "citations.csv", "a", encoding="utf-8") as f:
        f.write("P2,P1,applicant\nP2,P1,examiner\n")
    return folder


def graph(driver: Driver) -> dict[str, set[tuple[object, ...]]]:
    """The whole graph as sets of tuples, one set per shape the model defines."""
    return {
        "patents": rows(
            driver,
            "MATCH (p:Patent) RETURN p.id, p.year, toString(p.filing_date), p.priority_year, "
            "p.office, p.kind, p.family_id, p.title, p.in_db",
        ),
        "applicants": rows(
            driver,
            "MATCH (a:Applicant) RETURN a.id, a.name, a.type, a.type_rule, "
            "[l IN labels(a) WHERE l <> 'Applicant'][0]",
        ),
        "inventors": rows(driver, "MATCH (i:Inventor) RETURN i.id, i.name"),
        "cities": rows(
            driver,
            "MATCH (c:City)-[:IN_COUNTRY]->(k:Country) RETURN c.id, c.name, c.country, "
            "c.province, c.location.latitude, c.location.longitude, c.location_source, k.code, k.name",
        ),
        "located": rows(  # labels() follows the label tokens' order, which a bulk import does not fix
            driver,
            "MATCH (x)-[:LOCATED_IN]->(c:City) "
            "RETURN [l IN labels(x) WHERE l IN ['Applicant', 'Inventor']][0], x.id, c.id",
        ),
        "ownership": rows(
            driver, "MATCH (a:Applicant)-[r:HAS_OWNERSHIP]->(o:OwnershipType) RETURN a.id, o.code, r.source"
        ),
        "filed_by": rows(driver, "MATCH (p:Patent)-[r:FILED_BY]->(a:Applicant) RETURN p.id, a.id, r.seq"),
        "invented_by": rows(
            driver, "MATCH (p:Patent)-[r:INVENTED_BY]->(i:Inventor) RETURN p.id, i.id, r.seq"
        ),
        "classified_as": rows(
            driver, "MATCH (p:Patent)-[r:CLASSIFIED_AS]->(i:IPC) RETURN p.id, i.code, r.seq, r.main"
        ),
        "cites": rows(driver, "MATCH (p:Patent)-[r:CITES]->(c:Patent) RETURN p.id, c.id, r.origins"),
        "ipc": rows(
            driver,
            "MATCH (i:IPC) RETURN i.code, i.level, i.section, i.class, i.subclass, i.main_group, "
            "i.group, i.field, i.title IS NOT NULL",
        ),
        "part_of": rows(driver, "MATCH (c:IPC)-[:PART_OF]->(p:IPC) RETURN c.code, p.code"),
        "in_field": rows(driver, "MATCH (i:IPC)-[:IN_FIELD]->(f:TechField) RETURN i.code, f.id"),
        "fields": rows(driver, "MATCH (f:TechField) RETURN f.id, f.name, f.sector"),
        "ownership_types": rows(driver, "MATCH (o:OwnershipType) RETURN o.code, o.name"),
    }


EXPECTED_NODES = {
    "Patent": 5,
    "Applicant": 5,
    "Firm": 2,
    "University": 1,
    "ResearchInstitute": 1,
    "Individual": 1,
    "Government": 0,
    "Inventor": 4,
    "City": 4,
    "Country": 3,
    "IPC": 25,
    "TechField": 35,
    "OwnershipType": 7,
}
EXPECTED_RELS = {
    "FILED_BY": 6,
    "INVENTED_BY": 5,
    "LOCATED_IN": 8,
    "IN_COUNTRY": 4,
    "HAS_OWNERSHIP": 1,
    "CLASSIFIED_AS": 6,
    "PART_OF": 22,
    "IN_FIELD": 17,
    "CITES": 4,
}
# IN_FIELD: the 18 IPC nodes at subclass level and below, except A61K (only its main groups are in the
# concordance: A61K 31/00 is field 16, A61K 8/00 field 14)


def test_small_folder_loads_exactly_and_twice_adds_nothing(empty: Driver, tmp_path: Path) -> None:
    staging = staged(tmp_path, with_origins(tmp_path))
    created = load_online.load(empty, staging, batch_size=2)
    assert created.nodes == EXPECTED_NODES
    assert created.relationships == EXPECTED_RELS
    g = graph(empty)
    assert g["patents"] == {
        ("P1", 2010, "2010-03-15", 2009, "CN", "A", "F1", "Method for routing packets", True),
        ("P2", 2011, "2011-06-01", 2011, "CN", "A", "F2", "Antenna, with a comma", True),
        ("P3", 2012, None, None, "US", "B2", "F3", "Battery", True),
        ("P4", 2013, "2013-01-20", None, "US", "B1", "F4", "Compound", True),
        ("US1234567", None, None, None, None, None, None, None, False),
    }
    assert g["applicants"] == {
        ("A1", "Huawei Technologies Co. Ltd.", "firm", "given", "Firm"),
        ("A2", "Tsinghua University", "university", "given", "University"),
        ("A3", "Cisco Technology Inc.", "firm", "given", "Firm"),
        ("A4", "Chinese Academy of Sciences", "research_institute", "given", "ResearchInstitute"),
        ("A5", "John Smith", "individual", "given", "Individual"),
    }
    assert g["cities"] == {
        ("shenzhen", "Shenzhen", "CN", "Guangdong", 22.5431, 114.0579, "input", "CN", "China"),
        ("beijing", "Beijing", "CN", "Beijing", 39.9042, 116.4074, "input", "CN", "China"),
        ("sanjose", "San Jose", "US", "California", 37.3382, -121.8863, "input", "US", "United States"),
        # no coordinates in the input: placed from the gazetteer (GeoNames' Tokyo), and it says so
        ("tokyo", "Tokyo", "JP", None, 35.6895, 139.69171, "gazetteer", "JP", "Japan"),
    }
    assert g["located"] == {
        ("Applicant", "A1", "shenzhen"),
        ("Applicant", "A2", "beijing"),
        ("Applicant", "A3", "sanjose"),
        ("Applicant", "A4", "beijing"),
        ("Inventor", "I1", "shenzhen"),
        ("Inventor", "I2", "beijing"),
        ("Inventor", "I3", "sanjose"),
        ("Inventor", "I4", "tokyo"),
    }
    assert g["ownership"] == {("A1", "POE", "ownership.csv")}
    assert g["filed_by"] == {
        ("P1", "A1", 1),
        ("P2", "A1", 1),
        ("P2", "A2", 2),
        ("P3", "A3", 1),
        ("P4", "A4", 1),
        ("P4", "A5", 2),
    }
    assert g["classified_as"] == {
        ("P1", "H04L 29/06", 1, True),
        ("P1", "H04W 84/18", 2, False),
        ("P2", "H01Q 1/24", 1, True),
        ("P3", "H01M 10/052", 1, True),
        ("P4", "A61K 31/4164", 1, True),
        ("P4", "C07D 233/64", 2, False),
    }
    assert g["cites"] == {
        ("P2", "P1", ("applicant", "examiner")),
        ("P3", "US1234567", ("applicant",)),
        ("P4", "P3", ("unknown",)),
        ("P4", "US1234567", ("examiner",)),
    }
    ipc = {row[0]: row for row in g["ipc"]}
    assert ipc["H04L 29/06"] == (
        "H04L 29/06",
        "group",
        "H",
        "H04",
        "H04L",
        "H04L 29/00",
        "H04L 29/06",
        4,
        True,
    )
    assert ipc["H04"] == ("H04", "class", "H", "H04", None, None, None, None, True)
    assert ipc["A61K 31/00"][7] == 16 and ipc["C07D 233/64"][7] == 14 and ipc["H01M 10/052"][7] == 1
    assert ("H04L 29/06", "H04L 29/00") in g["part_of"] and ("H04W", "H04") in g["part_of"]
    assert g["in_field"] == {(row[0], row[7]) for row in g["ipc"] if row[7] is not None}

    again = load_online.load(
        empty, staged(tmp_path / "again", with_origins(tmp_path / "again")), batch_size=3
    )
    assert set(again.nodes.values()) == {0}
    assert set(again.relationships.values()) == {0}
    assert graph(empty) == g
    # a re-load through the MERGE path (patents already there) sets the origins the input gives now
    load_online.load(empty, staged(tmp_path / "plain"))
    assert ("P2", "P1", ("examiner",)) in graph(empty)["cites"]


class Killed(Exception):
    pass


def test_a_load_killed_midway_completes_on_the_next_run(empty: Driver, tmp_path: Path) -> None:
    reference = load_online.load(empty, staged(tmp_path / "ref"), batch_size=2)
    expected = graph(empty)
    wipe(empty)

    def kill(dataset: str, batch: int) -> None:
        if dataset == "patents" and batch == 1:
            raise Killed

    killed = staged(tmp_path / "killed")
    first = load_online.patent_rows(killed).iloc[:2]  # the first batch: two patents with all their links
    with pytest.raises(Killed):
        load_online.load(empty, killed, batch_size=2 * load_online.ROWS_PER_PATENT, hook=kill)
    partial = load_online.counts(empty)
    assert partial.relationships["FILED_BY"] == sum(len(a) for a in first["applicants"]) > 0
    assert partial.relationships["CLASSIFIED_AS"] == sum(len(c) for c in first["codes"]) > 0
    assert partial.relationships["CITES"] == sum(len(c) for c in first["cited"])
    resumed = load_online.load(empty, staged(tmp_path / "resumed"), batch_size=2)
    assert (
        resumed.relationships["FILED_BY"]
        == reference.relationships["FILED_BY"] - partial.relationships["FILED_BY"]
    )
    assert load_online.counts(empty) == load_online.Counts(reference.nodes, reference.relationships)
    assert graph(empty) == expected


def test_changed_input_replaces_single_valued_links(empty: Driver, tmp_path: Path) -> None:
    load_online.load(empty, staged(tmp_path / "first"))
    folder = tmp_path / "changed"
    folder.mkdir()
    for f in SMALL.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "applicants.csv":
            text = text.replace(
                "A1,Huawei Technologies Co. Ltd.,firm,shenzhen", "A1,Huawei,government,beijing"
            )
        if f.name == "ownership.csv":
            text = text.replace("A1,POE", "A1,SOE")
        (folder / f.name).write_text(text, encoding="utf-8")
    load_online.load(empty, staged(tmp_path / "second", folder))
    g = graph(empty)
    assert ("A1", "Huawei", "government", "given", "Government") in g["applicants"]
    assert ("Applicant", "A1", "beijing") in g["located"] and ("Applicant", "A1", "shenzhen") not in g[
        "located"
    ]
    assert g["ownership"] == {("A1", "SOE", "ownership.csv")}


def test_bulk_load_builds_the_same_graph_as_the_online_load(
    bulk_settings: settings.Settings, tmp_path: Path
) -> None:
    if bulk_settings.external:
        with pytest.raises(ConfigError, match="NEO4J_URI points at"):
            load_bulk.load(bulk_settings, staged(tmp_path / "refused"))
        return
    with db.connect(bulk_settings) as driver:
        reset_database(driver)
        load_online.load(driver, staged(tmp_path / "online", with_origins(tmp_path / "online")))
        online = graph(driver)
        assert ("P2", "P1", ("applicant", "examiner")) in online["cites"]
        with pytest.raises(
            load_bulk.NotEmpty, match=r"the database holds \d+ nodes; --bulk imports into an EMPTY"
        ):
            load_bulk.load(bulk_settings, staged(tmp_path / "refused"))
        assert graph(driver) == online  # refused before anything changed
        reset_database(driver)
    timings = load_bulk.Timings()
    created = load_bulk.load(
        bulk_settings,
        staged(tmp_path / "bulk", with_origins(tmp_path / "bulk")),
        csv_folder=tmp_path / "csv",
        timings=timings,
    )
    assert created.nodes == EXPECTED_NODES
    assert created.relationships == EXPECTED_RELS
    assert timings.admin_import > 0 and (tmp_path / "csv" / "Patent.csv").exists()
    with db.connect(bulk_settings) as driver:  # a new driver: the store (and its transaction ids) is new
        assert graph(driver) == online
        constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
        assert {"patent_id", "ipc_code", "tech_field_id"} <= set(constraints[0]["names"])
        # an online load of the same input on top of the bulk-loaded graph adds nothing
        again = load_online.load(driver, staged(tmp_path / "again", with_origins(tmp_path / "again")))
        assert set(again.nodes.values()) == {0} and set(again.relationships.values()) == {0}
        reset_database(driver)


def test_bulk_load_into_a_never_created_database_starts_the_server_once(
    bulk_settings: settings.Settings, tmp_path: Path
) -> None:
    """A fresh instance (server stopped, no store yet: the first load of make demo) is empty without asking;
    the import runs first, nothing is stopped, and the server starts once, after it."""
    if bulk_settings.external:
        return  # the refusal for an external server is tested above
    process.stop(bulk_settings, echo=lambda line: None)
    data = bulk_settings.local.home / "data"
    for folder in ("databases", "transactions"):
        shutil.rmtree(data / folder / bulk_settings.database, ignore_errors=True)
    assert load_bulk.never_created(bulk_settings.local, bulk_settings.database)
    timings = load_bulk.Timings()
    created = load_bulk.load(bulk_settings, staged(tmp_path / "bulk"), timings=timings)
    assert created.nodes == EXPECTED_NODES and created.relationships == EXPECTED_RELS
    assert timings.stop == pytest.approx(0, abs=0.5) and timings.start > 0
    assert process.running_pid(bulk_settings.local) is not None
    assert not load_bulk.never_created(bulk_settings.local, bulk_settings.database)
    with db.connect(bulk_settings) as driver:
        reset_database(driver)


def shared_data() -> Path:
    """The shared reference data: ../shared/data next to the repository (CI), else /work/shared/data."""
    root = Path(__file__).resolve().parents[2]
    for candidate in (root.parent / "shared" / "data", Path("/work/shared/data")):
        if candidate.is_dir():
            return candidate
    pytest.fail(
        f"the shared reference data is missing: expected {root.parent / 'shared' / 'data'} (present in CI)"
    )


def test_the_real_uspto_sample_loads_twice_with_225_patents(empty: Driver, tmp_path: Path) -> None:
    folder = shared_data() / "uspto-grants"
    runs = []
    for run in ("first", "second"):
        outcome = pipeline.prepare("uspto-xml", folder, tmp_path / f"rejects-{run}.csv", tmp_path)
        try:
            assert outcome.rejected == 0, (tmp_path / f"rejects-{run}.csv").read_text(encoding="utf-8")
            runs.append(load_online.load(empty, outcome.staging))
        finally:
            outcome.staging.remove()
    first, second = runs
    assert set(second.nodes.values()) == {0} and set(second.relationships.values()) == {0}
    in_db = rows(empty, "MATCH (p:Patent) RETURN p.in_db, count(*)")
    assert dict(in_db)[True] == 225
    assert first.nodes["Patent"] == 225 + dict(in_db)[False]  # none of the cited patents is in the sample
    huawei = rows(
        empty,
        "MATCH (:Patent {id: 'US7864699'})-[:FILED_BY]->(a:Applicant)-[:LOCATED_IN]->(c:City)"
        "-[:IN_COUNTRY]->(k:Country) RETURN a.name, a:Firm, c.name, k.code, k.name",
    )
    assert huawei == {("Huawei Technologies Co., Ltd.", True, "Shenzhen", "CN", "China")}
    # US 7863256 lists WO 1733 as cited by the applicant and by the examiner: one citation, both origins
    assert rows(
        empty, "MATCH (:Patent {id: 'US7863256'})-[r:CITES]->(:Patent {id: 'WO1733'}) RETURN r.origins"
    ) == {(("applicant", "examiner"),)}


def test_the_load_command_loads_good_rows_names_rejects_and_exits_1(
    empty: Driver,
    neo4j_settings: settings.Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hotspot_kg.cli import main

    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setattr(settings, "current", lambda: settings.load())
    folder = tmp_path / "damaged"
    folder.mkdir()
    for f in SMALL.iterdir():
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with open(folder / "patents.csv", "a", encoding="utf-8") as f:
        f.write("P5,2014-13-01,,,,,,Bad date\n")
    with open(folder / "patent_applicants.csv", "a", encoding="utf-8") as f:
        f.write("P5,A1,1\n")
    rejects = tmp_path / "rejects.csv"
    assert main(["load", "canonical", str(folder), "--rejects", str(rejects)]) == 1
    err = capsys.readouterr().err
    assert (
        "Error: 2 of 41 rows (4.88%) were rejected, more than --max-reject-rate 1.00%; the good rows were loaded"
        in err
    )
    assert rejects.read_text(encoding="utf-8").splitlines()[1:] == [
        f"{folder / 'patents.csv'},6,patents,filing_date '2014-13-01' is not a date YYYY-MM-DD",
        f"{folder / 'patent_applicants.csv'},8,patent_applicants,"
        "patent_id 'P5' is not defined in patents (or its row was rejected)",
    ]
    assert dict(rows(empty, "MATCH (p:Patent) RETURN p.in_db, count(*)")) == {True: 4, False: 1}
    # the same input with a higher allowed rate: exit 0, and nothing new is created
    assert (
        main(["load", "canonical", str(folder), "--rejects", str(rejects), "--max-reject-rate", "0.05"]) == 0
    )
    # a malformed input: one error line, nothing written, no rejects file
    reset_database(empty)
    (folder / "inventors.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    assert main(["load", "canonical", str(folder), "--rejects", str(tmp_path / "none.csv")]) == 1
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            f"Error: {folder / 'inventors.csv'}:1: unknown column(s) x, y; inventors.csv takes inventor_id, name, city_id"
        )
    )
    assert rows(empty, "MATCH (n) RETURN count(n)") == {(0,)}
    assert not (tmp_path / "none.csv").exists()


def test_a_load_with_a_lake_stamps_it_with_the_database_and_a_later_load_unmatches_it(
    empty: Driver,
    neo4j_settings: settings.Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from graph.ingest import lake
    from graph.stamp import data_stamp
    from hotspot_kg.cli import main
    from hotspot_kg.core.errors import LakeError

    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setattr(settings, "current", lambda: settings.load())
    root = tmp_path / "lake"
    assert (
        main(["load", "canonical", str(SMALL), "--rejects", str(tmp_path / "r.csv"), "--lake", str(root)])
        == 0
    )
    manifest = lake.require_matching(root, data_stamp(empty))
    assert manifest.engine == "local" and manifest.rows["patents"] == 4
    assert manifest.database == {"uri": neo4j_settings.uri, "name": "neo4j"}
    empty.execute_query("CREATE (:Patent {id: 'P-extra', in_db: true})")
    with pytest.raises(LakeError, match="does not match the database"):
        lake.require_matching(root, data_stamp(empty))
