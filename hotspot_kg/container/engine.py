"""Find the container engine that Testcontainers will use: a Docker engine if one answers, else Podman.

Order: ``DOCKER_HOST`` if set, then ``/var/run/docker.sock``; the first that answers the Docker API is used
(it may itself be Podman, which its version reply tells). If none answers, the project sets Podman up
(packages, settings, its API socket in ``.local/podman/``) and uses that; the socket is stopped by close().
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from hotspot_kg.container.podman import ApiService, ensure_installed, env_for_testcontainers
from hotspot_kg.core.errors import ContainerError

DEFAULT_DOCKER_SOCKET = "unix:///var/run/docker.sock"


@dataclass
class Engine:
    kind: Literal["docker", "podman"]
    docker_host: str
    version: str
    service: ApiService | None = field(default=None, repr=False)  # the Podman socket the project started
    _saved_env: dict[str, str | None] = field(default_factory=dict, repr=False)

    def describe(self) -> str:
        started = ", API socket started by hotspot-kg" if self.service else ""
        return f"{self.kind} {self.version} at {self.docker_host}{started}"

    def environment(self) -> dict[str, str]:
        """Variables for Testcontainers (and the docker SDK) to reach this engine."""
        if self.kind == "podman":
            return env_for_testcontainers(self.docker_host)
        return {"DOCKER_HOST": self.docker_host}

    def activate(self) -> None:
        """Point Testcontainers at this engine: environment variables and its already-loaded config."""
        for key, value in self.environment().items():
            self._saved_env.setdefault(key, os.environ.get(key))
            os.environ[key] = value
        from testcontainers.core.config import ConnectionMode
        from testcontainers.core.config import testcontainers_config as tc

        if self.kind == "podman":  # the config object read these variables when it was imported
            tc.ryuk_disabled = True
            tc.tc_host_override = "127.0.0.1"
            tc.connection_mode_override = ConnectionMode.docker_host

    def close(self) -> None:
        """Stop the Podman API socket if the project started it; restore the variables activate() changed."""
        if self.service is not None:
            self.service.stop()
            self.service = None
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()


def probe(docker_host: str, timeout: float = 5) -> Engine | None:
    """The engine answering the Docker API at ``docker_host``, or None."""
    import docker
    from docker.errors import DockerException

    try:
        client = docker.DockerClient(base_url=docker_host, timeout=int(timeout))
    except DockerException:
        return None
    try:
        reply = client.version()
    except (DockerException, OSError):
        return None
    finally:
        client.close()
    names = " ".join(str(c.get("Name", "")) for c in reply.get("Components") or [])
    kind: Literal["docker", "podman"] = "podman" if "podman" in names.lower() else "docker"
    return Engine(kind, docker_host, str(reply.get("Version", "?")))


def docker_hosts() -> list[str]:
    """Where a Docker API may already answer: DOCKER_HOST, else the default socket if it exists."""
    if os.environ.get("DOCKER_HOST"):
        return [os.environ["DOCKER_HOST"]]
    return [DEFAULT_DOCKER_SOCKET] if os.path.exists(DEFAULT_DOCKER_SOCKET.removeprefix("unix://")) else []


def start_podman() -> Engine:
    """Install Podman if missing, start its API socket for this worktree and return it as the engine."""
    ensure_installed()
    service = ApiService().start()
    engine = probe(service.docker_host)
    if engine is None:
        service.stop()
        raise ContainerError(
            f"the Podman API socket {service.socket} started but does not answer; see {service.log}"
        )
    engine.service = service
    return engine


def find_engine(setup_podman: bool = True) -> Engine:
    """The first engine that answers; Podman set up by the project when none does (and ``setup_podman``)."""
    tried = []
    for host in docker_hosts():
        engine = probe(host)
        if engine is not None:
            return engine
        tried.append(f"nothing answers at {host}")
    if setup_podman:
        return start_podman()
    raise ContainerError(
        "no container engine: " + ("; ".join(tried) or "no Docker socket, Podman not set up")
    )
