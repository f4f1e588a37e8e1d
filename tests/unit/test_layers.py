"""The layers of the house hold: no module imports a layer above its own, and no package has an import circle.

The contracts are in pyproject.toml ([tool.importlinter]); `lint-imports` checks them from the imports in the code.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_contracts_name_every_layer() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    assert layers[0] == "hotspot_kg.cli" and layers[-1] == "hotspot_kg.core"
    assert {"ui", "analytics", "graph"} <= set(layers)
    assert "hotspot_kg.commands | hotspot_kg.api" in layers  # the two faces beside each other
    assert any(c["type"] == "acyclic_siblings" for c in config["contracts"])


def test_no_import_runs_upward_and_no_circle() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
