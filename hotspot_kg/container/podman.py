"""Podman as the container engine: its packages, its settings and its Docker-compatible API socket.

Our machines run no Docker engine, but Podman from Debian runs containers with runc and the cgroupfs
manager (see ``neo4j-build/podman/containers.conf``) and serves the Docker API that Testcontainers
speaks. Everything here works per worktree: the socket, its log and its pid live in ``.local/podman/``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hotspot_kg.core.errors import ContainerError
from hotspot_kg.core.settings import PROJECT_ROOT

CONTAINERS_CONF = PROJECT_ROOT / "neo4j-build" / "podman" / "containers.conf"
STATE_DIR = PROJECT_ROOT / ".local" / "podman"
# command -> Debian package
PACKAGES = {
    "podman": "podman",
    "runc": "runc",
    "debootstrap": "debootstrap",
    "podman-compose": "podman-compose",
}


def podman_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for podman and podman-compose: CONTAINERS_CONF names the project's settings."""
    merged = dict(os.environ if env is None else env)
    merged["CONTAINERS_CONF"] = str(CONTAINERS_CONF)
    return merged


def podman(
    args: Sequence[str], *, check: bool = True, timeout: float | None = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``podman ARGS`` with the project's settings; raise ContainerError (with podman's message) on failure."""
    exe = shutil.which("podman")
    if exe is None:
        raise ContainerError(
            "podman is not installed: run `hotspot-kg image setup` (Debian: apt-get install podman runc)"
        )
    command = [exe, *args]
    try:
        done = subprocess.run(
            command, env=podman_env(), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise ContainerError(f"`{' '.join(command)}` did not finish within {timeout:.0f} s") from e
    if check and done.returncode != 0:
        raise ContainerError(
            f"`{' '.join(command)}` failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}"
        )
    return done


def missing_packages() -> list[str]:
    """The Debian packages whose commands are not on PATH."""
    return [package for command, package in PACKAGES.items() if shutil.which(command) is None]


def ensure_installed(log: Path | None = None) -> list[str]:
    """apt-get install podman, runc, debootstrap and podman-compose when missing. Returns what it installed."""
    missing = missing_packages()
    if not missing:
        return []
    how = f"apt-get install --no-install-recommends {' '.join(missing)}"
    if shutil.which("apt-get") is None:
        raise ContainerError(
            f"{', '.join(missing)} missing and this machine has no apt-get: install the equivalent of `{how}`"
        )
    if os.geteuid() != 0:
        raise ContainerError(f"{', '.join(missing)} missing; installing needs root: run `sudo {how}`")
    log = log or STATE_DIR / "apt.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    with log.open("a", encoding="utf-8") as out:
        for attempt in (install, ["apt-get", "update", "-q"], install):
            out.write(f"$ {' '.join(attempt)}\n")
            out.flush()
            done = subprocess.run(attempt, stdout=out, stderr=subprocess.STDOUT, env=env, check=False)
            if done.returncode == 0 and attempt is install and not missing_packages():
                return missing
    raise ContainerError(f"`{how}` failed; see {log}")


def ping(socket_path: Path, timeout: float = 3.0) -> bool:
    """True if a Docker-API server answers GET /_ping on the unix socket."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(str(socket_path))
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: podman\r\n\r\n")
            reply = sock.recv(256)
    except OSError:
        return False
    return reply.startswith(b"HTTP/1.") and b" 200 " in reply.split(b"\r\n", 1)[0]


@dataclass
class ApiService:
    """``podman system service`` on a unix socket of this worktree, started in the background and stopped by stop()."""

    state_dir: Path = STATE_DIR
    pid: int | None = None

    @property
    def socket(self) -> Path:
        return self.state_dir / "podman.sock"

    @property
    def docker_host(self) -> str:
        return f"unix://{self.socket}"

    @property
    def log(self) -> Path:
        return self.state_dir / "service.log"

    @property
    def pid_file(self) -> Path:
        return self.state_dir / "service.pid"

    def _adopt_running(self) -> int | None:
        """The pid of a service an earlier session of this worktree left running, if any."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (FileNotFoundError, ValueError):
            return None
        return pid if "system\0service" in cmdline and str(self.socket) in cmdline else None

    def start(self, timeout: float = 60) -> ApiService:
        """Start the service (or adopt the one left running) and wait until the socket answers."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.pid = self._adopt_running()
        if self.pid is None:
            exe = shutil.which("podman")
            if exe is None:
                raise ContainerError("podman is not installed: run `hotspot-kg image setup`")
            self.socket.unlink(missing_ok=True)
            with self.log.open("a", encoding="utf-8") as out:
                proc = subprocess.Popen(
                    [exe, "system", "service", "--time=0", self.docker_host],
                    env=podman_env(),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,
                )
            self.pid = proc.pid
            self.pid_file.write_text(f"{proc.pid}\n", encoding="utf-8")
        deadline = time.monotonic() + timeout
        while not ping(self.socket):
            if time.monotonic() > deadline or not _alive(self.pid):
                self.stop()
                raise ContainerError(
                    f"the Podman API service did not answer on {self.socket}; see {self.log}"
                )
            time.sleep(0.2)
        return self

    def stop(self, timeout: float = 20) -> None:
        """Stop the service this object started or adopted (by its pid); harmless if it is not running."""
        pid, self.pid = self.pid, None
        if pid is not None and _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        self.socket.unlink(missing_ok=True)

    def __enter__(self) -> ApiService:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:  # reap our own child
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def env_for_testcontainers(docker_host: str) -> dict[str, str]:
    """The four variables that make testcontainers-python work through a Podman socket."""
    return {
        "DOCKER_HOST": docker_host,
        "TESTCONTAINERS_RYUK_DISABLED": "true",  # the reaper image cannot be pulled (no registry)
        "TESTCONTAINERS_CONNECTION_MODE": "docker_host",
        "TC_HOST": "127.0.0.1",  # the machine has /.dockerenv, which misleads Testcontainers' host detection
    }
