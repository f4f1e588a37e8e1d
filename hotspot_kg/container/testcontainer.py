"""A throw-away Neo4j with GDS in a Testcontainers-managed container, on Docker or on Podman.

On a Docker engine the official ``neo4j:5.26-community`` image runs with the GDS plugin; on Podman (our
machines: no Docker engine, no registry) the project's own image ``localhost/hotspot-kg-neo4j``, built first
if its inputs changed. If the container fails to start, its output is kept in ``.local/containers/`` and the
error names that file.

Example::

    with neo4j_container() as (uri, user, password):
        driver = GraphDatabase.driver(uri, auth=(user, password))
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hotspot_kg.container.engine import Engine, find_engine
from hotspot_kg.container.image import ensure_image
from hotspot_kg.core.errors import ContainerError
from hotspot_kg.core.settings import PROJECT_ROOT
from hotspot_kg.server.pins import pins

OFFICIAL_IMAGE = "neo4j:{version}-community"  # the Neo4j version pinned in neo4j-build/server/pom.xml
LOG_DIR = PROJECT_ROOT / ".local" / "containers"


def image_for(engine: Engine, echo: Callable[[str], None] = print) -> str:
    """The official image on Docker; on Podman the local image, rebuilt if its inputs changed."""
    if engine.kind == "docker":
        return os.environ.get("HOTSPOT_NEO4J_IMAGE") or OFFICIAL_IMAGE.format(version=pins().neo4j)
    return ensure_image(echo=echo).image


def keep_logs(container: Any, name: str, log_dir: Path = LOG_DIR) -> Path:
    """Write the container's stdout and stderr to a file and return its path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{name}.log"
    try:
        stdout, stderr = container.get_logs()
        text = (stdout or b"").decode(errors="replace") + (stderr or b"").decode(errors="replace")
    except Exception as e:  # the container may be gone already
        text = f"(no logs: {e})\n"
    path.write_text(text, encoding="utf-8")
    return path


def _container(image: str, engine: Engine, password: str, settings: Mapping[str, str], name: str) -> Any:
    try:  # testcontainers >= 4.14 moved the module; the old name warns
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:  # pragma: no cover - older testcontainers
        from testcontainers.neo4j import Neo4jContainer

    container = Neo4jContainer(image, password=password).with_name(name).with_exposed_ports(7474)
    for key, value in settings.items():
        container.with_env(key, value)
    if engine.kind == "docker":
        container.with_env("NEO4J_PLUGINS", '["graph-data-science"]')
    return container


@contextmanager
def neo4j_container(
    engine: Engine | None = None,
    *,
    image: str | None = None,
    password: str | None = None,
    heap: str | None = None,
    pagecache: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
    echo: Callable[[str], None] = print,
) -> Iterator[tuple[str, str, str]]:
    """Start Neo4j + GDS in a container and yield ``(bolt uri, user, password)``; remove it (and its volumes) at exit.

    Without ``engine``, the engine is found (and Podman set up) here and its socket stopped at exit.
    Heap and page cache default to HOTSPOT_NEO4J_HEAP (1g) and HOTSPOT_NEO4J_PAGECACHE (256m); ``env`` adds
    NEO4J_* settings (or overrides these).
    """
    own_engine = engine is None
    engine = engine or find_engine()
    try:
        engine.activate()
        from testcontainers.core.config import testcontainers_config as tc

        tc.max_tries = max(1, int(timeout / tc.sleep_time))
        image = image or image_for(engine, echo)
        # a letter first: neo4j-admin set-initial-password would read a leading '-' as an option
        password = password or "hk" + secrets.token_urlsafe(12)
        heap = heap or os.environ.get("HOTSPOT_NEO4J_HEAP", "1g")
        settings = {
            "NEO4J_dbms_security_procedures_unrestricted": "gds.*",
            "NEO4J_dbms_usage__report_enabled": "false",
            "NEO4J_server_memory_heap_initial__size": heap,
            "NEO4J_server_memory_heap_max__size": heap,
            "NEO4J_server_memory_pagecache_size": pagecache
            or os.environ.get("HOTSPOT_NEO4J_PAGECACHE", "256m"),
            **(env or {}),
        }
        name = f"hotspot-kg-neo4j-{datetime.now(UTC):%Y%m%d-%H%M%S}-{os.getpid()}-{secrets.token_hex(2)}"
        container = _container(image, engine, password, settings, name)
        began = time.monotonic()
        try:
            container.start()
        except Exception as e:
            log = keep_logs(container, name)
            container.stop()
            raise ContainerError(
                f"the Neo4j container ({image} on {engine.describe()}) did not start: {str(e)[:300]}. "
                f"Its output is kept in {log}"
            ) from e
        echo(f"Neo4j container {name} ({image}) ready in {time.monotonic() - began:.1f} s")
        try:
            yield container.get_connection_url(), container.username, password
        finally:
            container.stop()
    finally:
        if own_engine:
            engine.close()
