"""Unit-test fixtures: the shared reference data (../shared/data next to the repo, else /work/shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    for candidate in (REPO_ROOT.parent / "shared" / "data", Path("/work/shared/data")):
        if candidate.is_dir():
            return candidate
    pytest.fail(
        f"the shared reference data is missing: expected {REPO_ROOT.parent / 'shared' / 'data'} "
        "(CI has it; on a dev machine, put the project's shared/data folder next to the repository)"
    )
