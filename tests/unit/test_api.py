"""The Python API's keywords are the CLI's options, checked by the CLI's own code; importing the ground layer
never imports the API."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import click
import pytest

from analytics import analyze
from analytics.switches import Period
from hotspot_kg.api import options
from hotspot_kg.api.graph import KnowledgeGraph
from hotspot_kg.cli import cli
from hotspot_kg.core.errors import IndicatorError

ROOT = Path(__file__).resolve().parents[2]
ENGINE = {"engine": "engine", "master": "master", "lake": "lake_dir"}


def _options(command: str) -> dict[str, str]:
    """keyword (the option without dashes) -> the click parameter's name, for each option of ``command``."""
    params = cli.commands[command].params
    return {
        p.opts[0].lstrip("-").replace("-", "_"): str(p.name)
        for p in params
        if isinstance(p, click.Option) and p.opts[0].startswith("--") and p.name not in ("out", "help")
    }


def test_every_export_option_is_a_keyword_of_indicator() -> None:
    got = _options("export")
    engine = {k: got.pop(k) for k in ENGINE}  # how to compute, not a switch: kg.export's own keywords
    assert engine == ENGINE and got == options.KEYWORDS
    assert set(ENGINE) <= set(inspect.signature(KnowledgeGraph.export).parameters)


def test_every_analyze_option_is_a_keyword_of_analyze() -> None:
    got = _options("analyze")
    engine = {k: got.pop(k) for k in ENGINE}  # how to compute, not a switch: kg.analyze's own keywords
    assert engine == ENGINE and {options.KEYWORDS[k] for k in got} == set(analyze.OPTIONS)
    assert set(ENGINE) <= set(inspect.signature(KnowledgeGraph.analyze).parameters)


def test_periods_and_cities_take_one_value_or_several() -> None:
    one = options.indicator_switches("rsi", {"period": "stage3:2006-2020", "tech_unit": "field35"})
    assert one == {"periods": (Period("stage3", 2006, 2020),), "tech_unit": "field35"}
    many = options.indicator_switches("rsi", {"period": ["a:2000-2005", "b:2006-2010"], "city": "gn:1"})
    assert [str(p) for p in many["periods"]] == ["a:2000-2005", "b:2006-2010"]
    assert many["cities"] == ("gn:1",)


@pytest.mark.parametrize(
    ("name", "given", "message"),
    [
        ("novelty-patents", {"counting": "whole"}, "export novelty-patents does not use --counting"),
        ("rsi", {"ipc_level": "group"}, "export rsi uses --ipc-level only with --tech-unit ipc"),
        ("rsi", {"geo": "city"}, "geo must be one of applicant, inventor; got 'city'"),
        ("rsi", {"period": "boom 2006"}, "period 'boom 2006' is not NAME:FIRST-LAST"),
        ("rsi", {"periods": "a:2000-2001"}, "indicator rsi does not take periods=; it takes: geo, counting"),
        ("kci", {"steps": "20"}, "steps must be a whole number; got '20'"),
        ("kci", {"threshold": True}, "threshold must be a number"),
        ("nothing", {}, "no export named 'nothing'"),
    ],
)
def test_switches_are_checked_as_the_cli_checks_them(name: str, given: dict, message: str) -> None:
    with pytest.raises(IndicatorError, match=message.replace("(", r"\(")):
        options.indicator_switches(name, given)


def test_analyze_switches() -> None:
    s = options.analyze_switches({"counting": "whole", "period": "boom:2006-2015", "pool_years": 3})
    assert (s.counting, s.pool_years, s.periods) == ("whole", 3, (Period("boom", 2006, 2015),))
    with pytest.raises(IndicatorError, match="analyze does not take tech_unit="):
        options.analyze_switches({"tech_unit": "ipc"})
    with pytest.raises(IndicatorError, match="no analysis step 'novelty2'"):
        analyze.steps(["novelty2"])
    assert analyze.steps([]) == list(analyze.STEPS)


def test_the_core_never_imports_the_api_and_connect_comes_lazily() -> None:
    code = (
        "import sys, hotspot_kg.core.settings, hotspot_kg.core.db\n"
        "assert not [m for m in sys.modules if m.startswith(('hotspot_kg.api', 'hotspot_kg.commands'))]\n"
        "import hotspot_kg as hk\n"
        "assert 'hotspot_kg.api' not in sys.modules\n"
        "from hotspot_kg.api import connect\n"
        "assert hk.connect is connect\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        import hotspot_kg

        hotspot_kg.nothing  # noqa: B018
