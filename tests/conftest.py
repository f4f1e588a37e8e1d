"""Fixtures for unit and integration tests alike: a loopback HTTP server (``tests/loopback.py``)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _loopback_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hotspot_loopback", Path(__file__).with_name("loopback.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def loopback() -> Iterator[Any]:
    """A running loopback HTTP server (files, Range, scripted faults) on 127.0.0.1 and a random port."""
    with _loopback_module().serve() as state:
        yield state
