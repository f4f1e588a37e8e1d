"""examples/shenzhen_story.ipynb runs from top to bottom against the test server, so it cannot rot.

The database is emptied first: the notebook then makes its small simulated demo (20,000 patents) with the
Python API (generate, kg.load, kg.analyze) and checks the study's facts in its *check* cells. The kernel is
the venv's own (ipykernel) and reaches the test server through NEO4J_URI, as a user's notebook would.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from neo4j import Driver

from hotspot_kg.core import settings as settings_module

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "shenzhen_story.ipynb"


def test_the_shenzhen_notebook_runs(
    empty_db: Driver,
    neo4j_settings: settings_module.Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
        "HOTSPOT_NOTEBOOK_DATA": str(tmp_path / "demo"),
    }.items():
        monkeypatch.setenv(name, value)  # the kernel inherits the environment
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, timeout=1200, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, when a cell fails
    outputs = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
    )
    assert "read 20" in outputs or "rejected 0" in outputs  # the demo was made and loaded here
    assert "only read-only queries are allowed" in outputs  # the GDS catalog call was refused
    assert os.environ["NEO4J_URI"] == neo4j_settings.uri
