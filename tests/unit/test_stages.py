"""Stages and the novelty-versus-complexity position, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.stages import combine, novelty_by_period
from analytics.switches import Period, Switches, parse_period, stages
from hotspot_kg.core.errors import IndicatorError


def test_default_stages_end_in_the_last_year() -> None:
    assert [str(p) for p in stages(2019)] == ["stage1:1980-1991", "stage2:1992-2005", "stage3:2006-2019"]
    assert [str(p) for p in stages(2000)] == ["stage1:1980-1991", "stage2:1992-2005"]
    assert Switches().resolved_periods(2012)[-1] == Period("stage3", 2006, 2012)


def test_periods_parse_and_refuse_nonsense() -> None:
    assert parse_period("boom: 2010-2015") == Period("boom", 2010, 2015)
    with pytest.raises(IndicatorError, match="NAME:FIRST-LAST"):
        parse_period("2010-2015")
    with pytest.raises(IndicatorError, match="after its end"):
        parse_period("x:2015-2010")
    with pytest.raises(IndicatorError, match="given twice"):
        Switches(periods=(Period("a", 1, 2), Period("a", 3, 4)))
    with pytest.raises(IndicatorError, match="geo must be one of"):
        Switches(geo="office")


def test_position_against_the_median_city() -> None:
    yearly = pd.DataFrame(
        [("A", 2007, 2.0, 1.0), ("A", 2008, 2.0, 1.0), ("B", 2007, 4.0, 1.0), ("C", 2007, 1.0, 0.1)],
        columns=["city_id", "year", "patents", "novel_patents"],
    )
    per = novelty_by_period(yearly, [Period("s3", 2006, 2010)])
    assert per.set_index("city_id")["novel_share"].to_dict() == {"A": 0.5, "B": 0.25, "C": pytest.approx(0.1)}
    kci = pd.DataFrame({"city_id": ["A", "B", "C"], "period": "s3", "kci": [-1.0, 1.2, 0.3]})
    table = combine(per, kci).set_index("city_id")
    # medians: novel share 0.25, KCI 0.3
    assert table["position"].to_dict() == {
        "A": "high novelty, low complexity",
        "B": "high novelty, high complexity",
        "C": "low novelty, high complexity",
    }
