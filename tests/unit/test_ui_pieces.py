"""The explorer's pure pieces: console parameters, chart data, the `hotspot-kg ui` command line."""

from __future__ import annotations

import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from analytics.switches import Period
from hotspot_kg.cli import cli
from hotspot_kg.commands.ui import APP, streamlit_command
from ui import charts, console


def test_console_finds_parameters_outside_strings_and_comments() -> None:
    query = (
        "MATCH (c:City {id: $city}) // $not_this\nWHERE c.name <> '$nor_this' AND c.x > $min\nRETURN $city"
    )
    assert console.parameters(query) == ["city", "min"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5),
        ("2.5", 2.5),
        ('"CN"', "CN"),
        ("'CN'", "CN"),
        ("CN", "CN"),
        ("[1, 2]", [1, 2]),
        ('{"a": 1}', {"a": 1}),
        ("null", None),
        ("", None),
        ("true", True),
    ],
)
def test_console_reads_field_values(text: str, value: object) -> None:
    assert console.value(text) == value


@pytest.mark.parametrize(
    ("query", "changes"),
    [
        ("MATCH (n:City) RETURN n.name AS name", False),
        ("MATCH (n) WHERE n.name = 'SET me' RETURN n // CREATE nothing", False),
        ("MATCH (n:City) SET n.x = 1", True),
        ("merge (c:City {id: $id})", True),
        ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", True),
        ("CALL gds.louvain.write('g', {writeProperty: 'c'})", True),
        ("CALL gds.graph.drop('g')", True),
        ("CALL dbms.components() YIELD name RETURN name", True),
        ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", True),
    ],
)
def test_console_tells_queries_that_may_change_the_graph(query: str, changes: bool) -> None:
    assert console.may_change(query) is changes


def test_console_shows_defaults_as_json() -> None:
    assert console.show("applicant") == '"applicant"'
    assert console.show(None) == ""
    assert console.value(console.show([1980, 1991])) == [1980, 1991]


def test_shares_over_time_sum_to_one_in_years_with_patents() -> None:
    table = pd.DataFrame(
        {
            "year": [2000, 2000, 2001, 2002],
            "type": ["firm", "university", "firm", "firm"],
            "patents": [3.0, 1.0, 0.0, 2.0],
        }
    )
    fig = charts.shares_over_time(table, "type", "patents", "t")
    shares = {(t.name, x): y for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    assert shares == {
        ("firm", 2000): 0.75,
        ("university", 2000): 0.25,
        ("firm", 2002): 1.0,
        ("university", 2002): 0.0,
    }  # 2001 has no patents: no bar


def test_periods_are_shaded_and_named() -> None:
    table = pd.DataFrame({"year": [1990, 2000], "patents": [1.0, 2.0], "city": ["A", "A"]})
    periods = [Period("stage1", 1980, 1991), Period("stage2", 1992, 2005)]
    fig = charts.per_year(table, "patents", "t", periods, years=(1980, 2010))  # the data's years
    shapes = [(s.x0, s.x1) for s in fig.layout.shapes]
    assert shapes == [(1979.5, 1991.5), (1991.5, 2005.5)]
    assert [a.text for a in fig.layout.annotations] == ["stage1", "stage2"]


def test_ui_command_line_is_headless_on_the_port() -> None:
    cmd = streamlit_command(8506, "127.0.0.1")
    assert cmd[:5] == [sys.executable, "-m", "streamlit", "run", str(APP)]
    assert "--server.headless=true" in cmd and "--server.port=8506" in cmd
    assert APP.exists()


def test_ui_command_has_help_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["ui", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--port" in result.output


def test_every_query_shown_under_a_chart_exists() -> None:
    from hotspot_kg.core import queries
    from ui import tables

    shown = {q for name in tables.COLUMNS for q in tables.query_names(name)}
    assert shown <= set(queries.names()), shown - set(queries.names())
    assert set(tables.QUERIES) == set(tables.COLUMNS)


def test_the_axis_and_the_bands_span_the_datas_years() -> None:
    one_year = pd.DataFrame({"year": [2012, 2012], "patents": [5.0, 3.0], "city": ["Akron", "Boston"]})
    fig = charts.per_year(
        one_year, "patents", "t", [Period("stage1", 1980, 1991), Period("stage3", 2006, 2012)]
    )
    bands = [(s.x0, s.x1) for s in fig.layout.shapes]
    assert bands == [(2011.5, 2012.5)]  # stage1 lies outside the data: no band from 1980
    assert list(fig.layout.xaxis.range) == [2011.5, 2012.5]
    fig = charts.per_year(one_year, "patents", "t", [Period("stage3", 2006, 2020)], years=(2005, 2014))
    assert [(s.x0, s.x1) for s in fig.layout.shapes] == [(2005.5, 2014.5)]
    assert list(fig.layout.xaxis.range) == [2004.5, 2014.5]


def test_without_shenzhen_the_cities_with_most_patents_come_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import data, sidebar

    ids = ["gn:ny", "gn:sj", "gn:bos", "gn:sd", "gn:akron"]  # as data.cities() sorts them: most patents first
    monkeypatch.setattr(data, "find_city", lambda name: {"San Jose": "gn:sj"}.get(name))
    assert sidebar.default_cities(ids) == ["gn:ny", "gn:sj", "gn:bos", "gn:sd"]
    found = {"Shenzhen": "gn:sz", "Beijing": "gn:bj", "San Jose": "gn:sj"}
    monkeypatch.setattr(data, "find_city", found.get)
    assert sidebar.default_cities(ids) == ["gn:sz", "gn:bj", "gn:sj"]


def test_a_dataset_is_named_by_its_provenance() -> None:
    from ui.tables import provenance

    fetched = {"source": "patentsview", "release": "2025-09-30", "fetched_at": "2026-12-02T17:40:11+00:00",
               "origin": "odp", "loaded_at": "2026-12-02T18:01:00Z", "simulated": False}  # fmt: skip
    assert provenance(fetched) == (
        "patentsview, release 2025-09-30, fetched 2026-12-02, from odp, loaded 2026-12-02"
    )
    bucket = {"source": "patentsview", "last_modified": "Tue, 30 Sep 2025 14:02:51 GMT", "origin": "s3"}
    assert provenance(bucket) == "patentsview, files of Tue, 30 Sep 2025 14:02:51 GMT, from s3"
    assert (
        provenance({"source": "hotspot-kg generate", "simulated": True}) == "hotspot-kg generate, SIMULATION"
    )
