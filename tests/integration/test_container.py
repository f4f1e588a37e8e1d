"""The project's Neo4j image on Podman: rebuilt only when needed, docker-compose.yml under podman-compose,
and the logs of a container that fails to start. These tests need no session server: they start their own."""

from __future__ import annotations

import os
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from hotspot_kg.container import image as neo4j_image
from hotspot_kg.container.compose import ComposeProject
from hotspot_kg.container.engine import Engine, find_engine, start_podman
from hotspot_kg.container.podman import podman
from hotspot_kg.container.rootfs import image_label
from hotspot_kg.container.testcontainer import neo4j_container
from hotspot_kg.core.errors import ContainerError
from hotspot_kg.server.pins import pins


@pytest.fixture(scope="module")
def podman_engine() -> Iterator[Engine]:
    """Podman, even where a Docker engine answers: these tests are about the image Podman runs."""
    engine = find_engine()
    if engine.kind != "podman":
        engine = start_podman()
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def local_image(podman_engine: Engine) -> str:
    return neo4j_image.ensure_image(echo=print).image


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_image_is_not_rebuilt_when_its_inputs_did_not_change(local_image: str) -> None:
    again = neo4j_image.ensure_image(echo=print)
    assert again.image == local_image == f"localhost/hotspot-kg-neo4j:{pins().neo4j}"
    assert not again.built
    assert image_label(local_image, neo4j_image.INPUTS_LABEL) == again.inputs
    assert image_label(local_image, "org.hotspot-kg.gds-version") == pins().gds
    assert 200e6 < again.size_bytes < 1.5e9


def test_compose_runs_the_local_image_until_healthy(local_image: str) -> None:
    bolt, http = free_port(), free_port()
    password = "compose-test-password"
    project = ComposeProject(
        f"hotspotkg{os.getpid()}",
        {
            "HOTSPOT_NEO4J_IMAGE": local_image,
            "HOTSPOT_BOLT_PORT": str(bolt),
            "HOTSPOT_HTTP_PORT": str(http),
            "NEO4J_PASSWORD": password,
            "HOTSPOT_NEO4J_HEAP": "1g",
            "HOTSPOT_NEO4J_PAGECACHE": "256m",
        },
    )
    try:
        container = project.up()
        project.wait_healthy(container)
        with GraphDatabase.driver(f"bolt://127.0.0.1:{bolt}", auth=("neo4j", password)) as driver:
            driver.verify_connectivity()
            records = driver.execute_query("RETURN gds.version() AS gds, 1 + 1 AS two").records
        assert (records[0]["gds"], records[0]["two"]) == (pins().gds, 2)
        with urllib.request.urlopen(f"http://127.0.0.1:{http}/browser/", timeout=30) as response:
            assert b"<title>Neo4j Browser</title>" in response.read()
    finally:
        project.down()
    assert project.containers() == []
    volumes = podman(["volume", "ls", "--format", "{{.Name}}"]).stdout.split()
    assert f"{project.name}_neo4j-data" not in volumes


def test_a_container_that_fails_to_start_leaves_its_logs(podman_engine: Engine, local_image: str) -> None:
    bad_heap = {"NEO4J_server_memory_heap_max__size": "plenty"}
    with (
        pytest.raises(ContainerError, match="did not start") as failure,
        neo4j_container(podman_engine, image=local_image, env=bad_heap, timeout=120, echo=print),
    ):
        pytest.fail("the container started with an impossible heap size")
    message = str(failure.value)
    assert "Its output is kept in " in message
    log = Path(message.rsplit("Its output is kept in ", 1)[1].strip())
    assert "memory size 'plenty' is not understood" in log.read_text(encoding="utf-8")
    name = log.name.removesuffix(".log")
    assert podman(["ps", "-a", "--filter", f"name={name}", "--format", "{{.Names}}"]).stdout.strip() == ""
