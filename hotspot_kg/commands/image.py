"""``hotspot-kg image``: the project's Neo4j container image, built locally with Podman."""

from __future__ import annotations

import click

from hotspot_kg.container import image as neo4j_image
from hotspot_kg.container.podman import CONTAINERS_CONF, ensure_installed, missing_packages


@click.group("image")
def image() -> None:
    """The Neo4j container image localhost/hotspot-kg-neo4j (Neo4j + GDS + Browser), built with Podman.

    It serves the integration tests (through Testcontainers) and docker-compose.yml under podman-compose
    on machines without a Docker engine or registry.

    Example: hotspot-kg image build
    """


@image.command("build")
@click.option(
    "--force", is_flag=True, help="Rebuild the rootfs and the image even if their inputs did not change."
)
def build(force: bool) -> None:
    """Build the image if its inputs changed (installs Podman and builds the Neo4j home when missing).

    Example: hotspot-kg image build && podman run --rm -p 7474:7474 -p 7687:7687 -e NEO4J_AUTH=neo4j/secret123
    localhost/hotspot-kg-neo4j:5.26.24
    """
    info = neo4j_image.ensure_image(force=force, echo=click.echo)
    what = "built" if info.built else "up to date"
    click.echo(
        f"{info.image} {what} ({info.size_bytes / 1e6:.0f} MB, {info.seconds:.1f} s; inputs {info.inputs})"
    )


@image.command("status")
def status() -> None:
    """Say whether the image exists and matches its current inputs.

    Example: hotspot-kg image status
    """
    state = neo4j_image.status()
    if not state.exists:
        click.echo(f"{state.image}: not built (run `hotspot-kg image build`)")
        return
    fresh = (
        "up to date" if state.up_to_date else "outdated: its inputs changed (run `hotspot-kg image build`)"
    )
    size = f"{(state.size_bytes or 0) / 1e6:.0f} MB"
    click.echo(f"{state.image}: {fresh}; {size}; created {state.created}")


@image.command("setup")
def setup() -> None:
    """Install Podman, runc, debootstrap and podman-compose if missing (apt-get; needs root).

    Example: hotspot-kg image setup && export CONTAINERS_CONF=$PWD/neo4j-build/podman/containers.conf
    """
    installed = ensure_installed()
    click.echo(
        f"installed: {' '.join(installed)}"
        if installed
        else "podman, runc, debootstrap, podman-compose: present"
    )
    if missing_packages():
        raise click.ClickException(f"still missing: {' '.join(missing_packages())}")
    click.echo(f"podman settings: export CONTAINERS_CONF={CONTAINERS_CONF}")
