"""The pinned versions of the local build, read from the Maven build files (the single source of truth)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hotspot_kg.core.errors import ConfigError
from hotspot_kg.core.settings import PROJECT_ROOT

BUILD_DIR = PROJECT_ROOT / "neo4j-build"
SERVER_POM = BUILD_DIR / "server" / "pom.xml"
GDS_POM = BUILD_DIR / "gds" / "pom.xml"


@dataclass(frozen=True)
class Pins:
    neo4j: str
    gds: str
    browser: str

    @property
    def marker(self) -> str:
        return f"neo4j={self.neo4j} gds={self.gds} browser={self.browser}"


def _property(pom: Path, name: str) -> str:
    try:
        text = pom.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{pom} is missing: the local Neo4j build needs the project's neo4j-build/ folder"
        ) from None
    match = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", text)
    if not match:
        raise ConfigError(f"{pom} has no <{name}> property")
    return match.group(1).strip()


@cache
def pins() -> Pins:
    return Pins(
        neo4j=_property(SERVER_POM, "neo4j.version"),
        gds=_property(GDS_POM, "gds.version"),
        browser=_property(SERVER_POM, "browser.version"),
    )
