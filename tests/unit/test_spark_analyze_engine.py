"""``analyze --engine``: which engine auto picks, and the switches that Spark refuses (no server, no Spark)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analytics.analyze import switches
from analytics.spark import analyze as spark_analyze
from hotspot_kg.core.errors import IndicatorError, LakeError, ServerOutOfMemory


@pytest.fixture
def graph_of(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_up(patents: int, matching: bool) -> None:
        monkeypatch.setattr(spark_analyze, "database_counts", lambda driver, db: {"patents": patents})
        monkeypatch.setattr(spark_analyze, "data_stamp", lambda driver, db: "stamp")

        def require(root: Path, stamp: str) -> None:
            if not matching:
                raise LakeError("does not match the database")

        monkeypatch.setattr(spark_analyze.lake_files, "require_matching", require)

    return set_up


@pytest.mark.parametrize(
    ("patents", "matching", "above", "engine"),
    [(2_500_000, True, None, "spark"), (2_500_000, False, None, "graph"), (1_000, True, None, "graph"),
     (1_000, True, "999", "spark"), (1_000, False, "999", "graph"), (2_000_000, True, None, "graph")],
)  # fmt: skip
def test_auto_picks_spark_for_a_large_graph_with_a_matching_lake(
    graph_of: Any,
    monkeypatch: pytest.MonkeyPatch,
    patents: int,
    matching: bool,
    above: str | None,
    engine: str,
) -> None:
    graph_of(patents, matching)
    if above is None:
        monkeypatch.delenv(spark_analyze.ABOVE, raising=False)
    else:
        monkeypatch.setenv(spark_analyze.ABOVE, above)
    assert spark_analyze.choose(None, Path("lake")) == engine  # type: ignore[arg-type]


def test_a_threshold_that_is_not_a_number_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(spark_analyze.ABOVE, "lots")
    with pytest.raises(IndicatorError, match="HOTSPOT_SPARK_ANALYZE_ABOVE must be a number"):
        spark_analyze.threshold()


def test_spark_refuses_family_and_cluster_units_only_for_its_own_steps() -> None:
    family = switches(unit="family")
    with pytest.raises(IndicatorError, match=r"^--engine spark counts patents in cities; sourcing with"):
        spark_analyze.check(["clusters", "sourcing", "store"], family)
    spark_analyze.check(["clusters", "store"], family)  # graph steps: no refusal
    spark_analyze.check(["sourcing"], switches())


def test_a_graph_step_the_server_has_no_memory_for_points_to_spark(monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics import analyze

    def short(driver: object, s: object, db: object) -> str:
        raise ServerOutOfMemory("Neo4j ran out of memory for one transaction")

    for name in ("collaboration", "network"):
        monkeypatch.setitem(analyze.STEPS, name, short)
    with pytest.raises(
        ServerOutOfMemory, match=r"^collaboration: Neo4j ran out.*analyze collaboration --engine spark"
    ):
        analyze.run_step("collaboration", None, switches())  # type: ignore[arg-type]
    with pytest.raises(ServerOutOfMemory, match=r"^Neo4j ran out of memory for one transaction$"):
        analyze.run_step("network", None, switches())  # type: ignore[arg-type]  # GDS's step: no Spark
