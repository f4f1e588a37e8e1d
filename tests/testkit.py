"""Helpers for the test modules of both folders (on pytest's ``pythonpath``: ``import testkit``).

The tests import in importlib mode, without packages, so a test that uses a helper file of its folder loads
it with :func:`sibling`. What a test needs from the machine (pyspark, the shared reference data) is asked
for with :func:`need`: a skip on a developer's machine that lacks it, a failure in CI (``CI`` set), where a
skipped test would pass unseen.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest


def sibling(test_file: str, name: str, alias: str | None = None) -> ModuleType:
    """The module ``name`` (a file ``name.py`` next to ``test_file``), loaded once under ``alias`` or
    ``name``; it is put in ``sys.modules`` before it runs (dataclasses look their module up there)."""
    key = alias or name
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(test_file).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[key]
            raise
    return sys.modules[key]


def in_ci() -> bool:
    return bool(os.environ.get("CI", "").strip())


def need(ok: bool, reason: str) -> None:
    """Go on if ``ok``; else skip with ``reason`` on a developer's machine, and fail in CI."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI runs every test: a skip here would hide it)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def need_pyspark() -> None:
    """At a module's top: its tests need pyspark (the spark extra, which ``make install`` installs)."""
    need(
        importlib.util.find_spec("pyspark") is not None,
        "pyspark is missing: install the spark extra, pip install -e '.[spark]' (make install has it)",
    )
