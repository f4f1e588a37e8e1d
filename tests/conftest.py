"""Fixtures for unit and integration tests alike: a loopback HTTP server (``tests/loopback.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import testkit


def _loopback_module() -> ModuleType:
    return testkit.sibling(__file__, "loopback", "hotspot_loopback")


@pytest.fixture
def loopback() -> Iterator[Any]:
    """A running loopback HTTP server (files, Range, scripted faults) on 127.0.0.1 and a random port."""
    with _loopback_module().serve() as state:
        yield state
