"""docker-compose.yml under podman-compose: up, wait for the healthcheck, down with everything it made.

podman-compose 1.0.3 (Debian 12) has no ``up --wait`` and, without systemd, Podman runs no healthcheck
timers; so the healthcheck is run here with ``podman healthcheck run`` until it passes. ``down -v`` leaves
the anonymous volumes and the project network behind; :meth:`ComposeProject.down` removes them too.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hotspot_kg.container.podman import podman, podman_env
from hotspot_kg.core.errors import ContainerError
from hotspot_kg.core.settings import PROJECT_ROOT

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"


@dataclass
class ComposeProject:
    name: str
    env: Mapping[str, str]  # variables the compose file reads (image, ports, password, memory)
    file: Path = COMPOSE_FILE
    log_dir: Path = PROJECT_ROOT / ".local" / "containers"
    _volumes: set[str] = field(default_factory=set)

    def compose(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        exe = shutil.which("podman-compose")
        if exe is None:
            raise ContainerError("podman-compose is not installed: run `hotspot-kg image setup`")
        command = [exe, "-p", self.name, "-f", str(self.file), *args]
        done = subprocess.run(
            command, env={**podman_env(), **self.env}, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise ContainerError(
                f"`{' '.join(command)}` failed (exit {done.returncode}): {done.stderr[-1500:]}"
            )
        return done

    def containers(self) -> list[str]:
        done = podman(
            ["ps", "-a", "--filter", f"label=io.podman.compose.project={self.name}", "--format", "{{.Names}}"]
        )
        return done.stdout.split()

    def up(self) -> str:
        """``up -d``; returns the name of the (single) service container."""
        self.compose("up", "-d")
        names = self.containers()
        if len(names) != 1:
            raise ContainerError(f"compose project {self.name} should run one container, found {names}")
        mounts = podman(
            ["inspect", "--format", "{{range .Mounts}}{{.Name}} {{end}}", names[0]]
        ).stdout.split()
        self._volumes.update(mounts)
        return names[0]

    def keep_logs(self, container: str) -> Path:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        path = self.log_dir / f"{container}.log"
        done = podman(["logs", container], check=False)
        path.write_text(done.stdout + done.stderr, encoding="utf-8")
        return path

    def wait_healthy(self, container: str, timeout: float = 300) -> float:
        """Run the compose healthcheck until it passes; the seconds it took. Logs are kept if it never does."""
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if podman(["healthcheck", "run", container], check=False).returncode == 0:
                return time.monotonic() - began
            state = podman(["inspect", "--format", "{{.State.Status}}", container]).stdout.strip()
            if state not in ("created", "running"):
                raise ContainerError(
                    f"{container} is {state} before it became healthy; logs: {self.keep_logs(container)}"
                )
            time.sleep(2)
        raise ContainerError(
            f"{container} not healthy within {timeout:.0f} s; logs: {self.keep_logs(container)}"
        )

    def down(self) -> None:
        """``down -v``, then the anonymous volumes and the network that podman-compose leaves behind."""
        for container in self.containers():
            mounts = podman(
                ["inspect", "--format", "{{range .Mounts}}{{.Name}} {{end}}", container], check=False
            )
            self._volumes.update(mounts.stdout.split())
        self.compose("down", "-v")
        for volume in sorted(self._volumes):
            podman(["volume", "rm", "--force", volume], check=False)
        podman(["network", "rm", f"{self.name}_default"], check=False)
