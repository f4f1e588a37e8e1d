"""The tests' own helpers: a missing need skips on a developer's machine and fails in CI."""

from __future__ import annotations

import pytest
import testkit


def test_a_missing_need_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"the USPTO sample is absent \(CI runs every test"):
        testkit.need(False, "the USPTO sample is absent")
    testkit.need(True, "never said")


def test_a_missing_need_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="pyspark is missing"):
        testkit.need(False, "pyspark is missing")
    monkeypatch.setenv("CI", "  ")
    with pytest.raises(pytest.skip.Exception):
        testkit.need(False, "a blank CI is not CI")


def test_a_sibling_module_is_loaded_once_under_its_alias() -> None:
    first = testkit.sibling(__file__, "synthetic_facts", "testkit_synthetic_facts")
    assert first is testkit.sibling(__file__, "synthetic_facts", "testkit_synthetic_facts")
    assert first.__name__ == "testkit_synthetic_facts" and hasattr(first, "facts")
