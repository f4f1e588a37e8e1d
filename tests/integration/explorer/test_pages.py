"""Every page of the explorer, run by Streamlit's AppTest against the hand-made dataset in a real Neo4j."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from neo4j import Driver
from streamlit.testing.v1 import AppTest

from analytics.switches import Switches
from hotspot_kg.core import settings as settings_module
from ui import tables

from . import dataset

pytestmark = pytest.mark.integration
APP = Path(__file__).resolve().parents[3] / "ui" / "app.py"
TIMEOUT = 180


def open_app(page: str | None = None, **sidebar: object) -> AppTest:
    """Run the app with the sidebar's settings preset (AppTest keeps them through page switches that way)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in sidebar.items():
        at.session_state[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(elements: object) -> list[str]:
    return [e.value for e in elements]  # type: ignore[attr-defined]


def test_overview_counts_the_chosen_citys_patents(loaded: Driver, app_env: object) -> None:
    at = open_app()
    assert at.title[0].value.startswith("Shenzhen (CN)")
    assert metrics(at)["Patents of the city"] == f"{dataset.SHENZHEN_PATENTS:,.1f}"
    assert texts(at.warning) == []  # real ids: no SIMULATION banner
    assert len(at.get("plotly_chart")) >= 1
    assert at.selectbox(key="city").value == dataset.SHENZHEN
    assert set(at.multiselect(key="compare").value) == {dataset.BEIJING, dataset.SHANGHAI, dataset.SAN_JOSE}


def test_switching_city_and_counting(loaded: Driver, app_env: object) -> None:
    at = open_app(city=dataset.SHANGHAI)
    assert at.title[0].value.startswith("Shanghai (CN)")
    assert metrics(at)["Patents of the city"] == "2.5"  # P04, P09, half of P18
    at = open_app(city=dataset.SHANGHAI, counting="whole")
    assert metrics(at)["Patents of the city"] == "3.0"
    at = open_app("specialisation", city=dataset.BEIJING)  # the choice holds on another page
    assert at.title[0].value.startswith("Beijing (CN)")


def test_specialisation_page(loaded: Driver, app_env: object) -> None:
    at = open_app("specialisation")
    assert at.title[0].value.startswith("Shenzhen (CN)")
    assert len(at.get("plotly_chart")) == 3  # compared cities, across periods, profile
    assert "stage3" in at.selectbox[0].options
    assert texts(at.info) == []


def test_a_page_without_data_says_what_to_do(loaded: Driver, app_env: object) -> None:
    at = open_app("specialisation", periods="early:1950-1960")
    assert any("No data for rsi" in t and "hotspot-kg load canonical" in t for t in texts(at.info)), texts(
        at.info
    )


def test_novelty_vs_complexity_ranks_match_the_tables(
    loaded: Driver, app_env: settings_module.Settings, database: str
) -> None:
    at = open_app("novelty_complexity")
    shown = metrics(at)
    kci = tables.indicator(loaded, "kci", Switches(), database)
    stage3 = kci[kci["period"] == "stage3"]
    novelty = tables.indicator(loaded, "novelty-cities", Switches(), database)
    scored = set(novelty[novelty["year"].between(2006, 2010)]["city_id"])
    ranked = stage3[stage3["city_id"].isin(scored)].sort_values("kci", ascending=False)
    ours = float(stage3.loc[stage3["city_id"] == dataset.SHENZHEN, "kci"].iloc[0])
    rank = int((ranked["kci"] > ours).sum()) + 1
    assert shown["KCI rank"] == f"{rank} of {len(ranked)}"
    assert re.fullmatch(r"\d+ of \d+", shown["Novelty rank"])


def test_ecosystem_draws_the_local_network(loaded: Driver, app_env: object) -> None:
    at = open_app("ecosystem")
    captions = texts(at.caption)
    assert any(c.startswith("3 applicants, 2 links") for c in captions), captions  # stage3: Huawei, ZTE, SZU
    at.selectbox(key="eco-period").set_value("stage2").run()
    assert any(c.startswith("2 applicants, 1 links") for c in texts(at.caption))  # Huawei-ZTE, P11
    assert len(at.get("plotly_chart")) >= 3  # stakeholders, ownership, network
    assert len(at.get("deck_gl_json_chart")) == 1


def test_global_networks_page(loaded: Driver, app_env: object) -> None:
    at = open_app("global_networks")
    assert at.title[0].value.startswith("Shenzhen (CN)")
    assert len(at.get("plotly_chart")) >= 2
    assert not at.error


def test_console_runs_a_read_query_with_parameters(loaded: Driver, app_env: object) -> None:
    at = open_app("cypher_console")
    at.text_area[0].set_value(
        "MATCH (c:City) WHERE c.country = $country RETURN c.name AS name ORDER BY name"
    ).run()
    at.text_input(key="console-param-(write your own)-country").set_value('"CN"').run()
    at.button(key="console-run").click().run()
    assert not at.error, texts(at.error)
    assert list(at.dataframe[0].value["name"]) == ["Beijing", "Shanghai", "Shenzhen"]


def test_console_refuses_a_write(loaded: Driver, app_env: object, database: str) -> None:
    at = open_app("cypher_console")
    at.text_area[0].set_value("CREATE (n:UiConsoleProbe {x: 1}) RETURN n").run()
    at.button(key="console-run").click().run()
    assert any("only read-only queries are allowed" in e for e in texts(at.error)), texts(at.error)
    left = loaded.execute_query("MATCH (n:UiConsoleProbe) RETURN count(n) AS n", database_=database).records
    assert left[0]["n"] == 0
    for query in ("CALL gds.graph.project('ui_probe', 'City', '*')", "CALL gds.graph.drop('ui_probe')"):
        at.text_area[0].set_value(query).run()
        at.button(key="console-run").click().run()
        assert any("only read-only queries are allowed" in e for e in texts(at.error)), texts(at.error)
    graphs = loaded.execute_query(
        "CALL gds.graph.list() YIELD graphName RETURN graphName", database_=database
    )
    assert graphs.records == []


def test_console_offers_the_saved_queries(loaded: Driver, app_env: object) -> None:
    at = open_app("cypher_console")
    offered = at.selectbox(key="console-example").options
    assert "ui_patents_per_year" in offered and "specialisation_counts" in offered
    assert not {"reset_delete_nodes", "specialisation_write", "admin_set_password"} & set(offered)  # writes
    at.selectbox(key="console-example").set_value("ui_patents_per_year").run()
    assert at.text_input(key="console-param-ui_patents_per_year-geo").value == '"applicant"'
    at.button(key="console-run").click().run()
    assert not at.error, texts(at.error)
    assert set(at.dataframe[0].value.columns) == {"city_id", "year", "patents"}


def test_every_offered_example_is_planned_as_a_read(loaded: Driver, app_env: object, database: str) -> None:
    from hotspot_kg.core import queries
    from hotspot_kg.core.readonly import query_type
    from ui import data

    offered = data.read_only_queries()
    assert len(offered) >= 20
    for name in offered:
        q = queries.load(name)
        assert query_type(loaded, q.text, q.bind(), database) == "r", name


def test_simulation_banner(loaded: Driver, app_env: object, database: str) -> None:
    # the load of a generated folder records a Dataset {simulated: true}; ids are not looked at
    loaded.execute_query(
        "CREATE (:Dataset {id: 'ui-probe', source: 'hotspot-kg generate', simulated: true})",
        database_=database,
    )
    try:
        at = open_app()
        assert any(w.startswith("SIMULATION") for w in texts(at.warning))
        assert "Data: hotspot-kg generate, SIMULATION" in texts(at.caption)
    finally:
        loaded.execute_query("MATCH (d:Dataset {id: 'ui-probe'}) DELETE d", database_=database)


def test_unreachable_database_stops_with_one_message(
    app_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    settings_module.current.cache_clear()
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and "Cannot reach Neo4j" in at.error[0].value
    assert "hotspot-kg neo4j start" in at.info[0].value
    assert at.title == []  # stopped before any page
