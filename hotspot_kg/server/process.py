"""Start, stop and inspect the local Neo4j server process.

The server runs ``org.neo4j.server.CommunityEntryPoint`` directly (what the tarball's bootloader
forks), bound to 127.0.0.1, with its console output in ``<home>/logs/console.log``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from hotspot_kg.core import queries
from hotspot_kg.core.errors import ServerError
from hotspot_kg.core.settings import LocalServer, Settings
from hotspot_kg.server import cds, conf
from hotspot_kg.server.build import ensure_built

EXIT_CODES = {
    1: "the web server failed to start",
    2: "the database failed to start",
    3: "the configuration is invalid (or heap + page cache exceed the machine's memory)",
}
DEFAULT_PASSWORD = "neo4j"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt: str
    browser: str
    home: Path
    log: Path
    neo4j_version: str | None = None
    gds_version: str | None = None


def pid_file(server: LocalServer) -> Path:
    return server.home / "run" / "hotspot-kg.pid"


def _tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "(the log is empty)"
    return "\n".join("    " + line for line in text[-lines:])


def running_pid(server: LocalServer) -> int | None:
    """The pid of this instance's server if it runs (checked against the process's command line)."""
    path = pid_file(server)
    try:
        pid = int(path.read_text(encoding="utf-8").strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    if "CommunityEntryPoint" in cmdline and f"--home-dir={server.home}" in cmdline:
        return pid
    return None


def port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _check_ports(server: LocalServer) -> None:
    for name, port, env in (
        ("Bolt", server.bolt_port, "HOTSPOT_BOLT_PORT"),
        ("HTTP", server.http_port, "HOTSPOT_HTTP_PORT"),
    ):
        if port_taken(port):
            raise ServerError(
                f"port {port} ({name}) is already taken by another process; stop it, or set {env} to a free port"
            )


def _first_start(server: LocalServer) -> bool:
    """No system database yet: the server has never run, and the user neo4j still has the default password."""
    return not (server.home / "data" / "databases" / "system").exists()


def _set_password(settings: Settings) -> None:
    """On the first start, change the default password to ours over Bolt (never on a command line)."""
    with GraphDatabase.driver(settings.uri, auth=(settings.user, DEFAULT_PASSWORD)) as driver:
        query = queries.load("admin_set_password")
        driver.execute_query(
            query.text, query.bind({"old": DEFAULT_PASSWORD, "new": settings.password}), database_="system"
        )


def _answers(settings: Settings) -> bool:
    try:
        with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
            driver.verify_connectivity()
        return True
    except neo4j_errors.AuthError as e:
        raise ServerError(
            f"the local server at {settings.uri} refused the password ({e.message}). It keeps the password it was "
            f"first started with: unset NEO4J_PASSWORD to use the one in {settings.local.password_file}, or stop "
            f"the server and delete {settings.local.home / 'data'} to start empty"
        ) from e
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError):
        return False


def _wait_ready(settings: Settings, proc: subprocess.Popen[bytes], first: bool, timeout: float) -> None:
    server = settings.local
    deadline = time.monotonic() + timeout
    password_set = not first
    while time.monotonic() < deadline:
        code = proc.poll()
        if code is not None:
            reason = EXIT_CODES.get(code, "it stopped")
            raise ServerError(
                f"Neo4j exited with code {code}: {reason}. Log {server.log_file}, last lines:\n{_tail(server.log_file)}"
            )
        if port_taken(server.bolt_port):
            try:
                if not password_set:
                    # AuthError: already changed by an interrupted earlier first start; ours is checked below
                    with contextlib.suppress(neo4j_errors.AuthError):
                        _set_password(settings)
                    password_set = True
                if _answers(settings):
                    return
            except (
                neo4j_errors.ServiceUnavailable,
                neo4j_errors.SessionExpired,
                neo4j_errors.DatabaseUnavailable,
            ):
                pass
        time.sleep(0.5)
    raise ServerError(
        f"Neo4j did not answer on {settings.uri} within {timeout:.0f} s (it keeps starting in the background, "
        f"pid {proc.pid}). Log {server.log_file}, last lines:\n{_tail(server.log_file)}"
    )


def start(settings: Settings, timeout: float = 240, echo: Callable[[str], None] = print) -> ServerStatus:
    """Build what is missing, start the local server and wait until it answers. Harmless if it runs."""
    if settings.external:
        raise ServerError(
            f"NEO4J_URI is set ({settings.uri}): that server is used, the local one is not started"
        )
    server = settings.local
    if running_pid(server) is not None:
        echo(f"Neo4j is already running (pid {running_pid(server)}) at {server.bolt_uri}")
        return status(settings)
    if len(settings.password) < 8:
        raise ServerError("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)")
    _check_ports(server)
    ensure_built(server, echo=True)
    conf.write(server)
    first = _first_start(server)
    echo(f"Starting Neo4j at {server.bolt_uri} (log: {server.log_file}) ...")
    began = time.monotonic()
    target = cds.archive(server, conf.JVM_FLAGS, conf.classpath(server))
    flags, sharing = cds.launch_flags(server, target)
    proc = _launch(server, flags)
    try:
        _wait_ready(settings, proc, first, timeout)
    except ServerError:
        if proc.poll() is None or not sharing:
            if proc.poll() is None and first:
                cds.settle(server, clean_exit=_terminate(proc.pid, 60))
            raise
        # the JVM died with the archive: never let the archive break a start; retry without it
        echo(f"Neo4j exited at start with the class-data archive {target}; removed it, starting without")
        target.unlink(missing_ok=True)
        proc = _launch(server, [])
        _wait_ready(settings, proc, first, timeout)
        sharing = False
    if sharing and not cds.mapped(proc.pid, target):
        echo(f"the JVM did not accept the class-data archive {target}; removed it (the next start makes one)")
        target.unlink(missing_ok=True)
    echo(f"Neo4j is ready in {time.monotonic() - began:.1f} s")
    return status(settings)


def _launch(server: LocalServer, extra: list[str]) -> subprocess.Popen[bytes]:
    """Start the JVM in its own session, output to the console log; record its pid."""
    with server.log_file.open("ab") as log:
        proc = subprocess.Popen(
            conf.command(server, extra),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=server.home,
            start_new_session=True,
        )
    pid_file(server).write_text(f"{proc.pid}\n", encoding="utf-8")
    return proc


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM (a clean shutdown), then SIGKILL after ``timeout``. True if it stopped cleanly."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return True
        except ProcessLookupError:
            return True
        time.sleep(0.3)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    return False


def stop(settings: Settings, timeout: float = 120, echo: Callable[[str], None] = print) -> bool:
    """Shut the local server down cleanly. False if it was not running."""
    server = settings.local
    pid = running_pid(server)
    if pid is None:
        echo("Neo4j is not running")
        return False
    echo(f"Stopping Neo4j (pid {pid}) ...")
    clean = _terminate(pid, timeout)
    pid_file(server).unlink(missing_ok=True)
    if cds.settle(server, clean) is not None:
        echo("kept the class-data archive the JVM wrote at exit (the next starts are faster)")
    if not clean:
        raise ServerError(f"Neo4j did not stop within {timeout:.0f} s and was killed; see {server.log_file}")
    echo("Neo4j stopped")
    return True


def status(settings: Settings) -> ServerStatus:
    """Whether the server answers, its addresses and its Neo4j and GDS versions."""
    server = settings.local
    pid = None if settings.external else running_pid(server)
    bolt = settings.uri
    browser = server.browser_url if not settings.external else ""
    neo4j_version = gds_version = None
    if settings.external or pid is not None:
        try:
            with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
                records, _, _ = driver.execute_query(
                    queries.load("server_neo4j_version").text, database_=settings.database
                )
                neo4j_version = records[0]["version"]
                try:
                    records, _, _ = driver.execute_query(
                        queries.load("server_gds_version").text, database_=settings.database
                    )
                    gds_version = records[0]["version"]
                except neo4j_errors.ClientError:
                    gds_version = None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.AuthError, OSError):
            pass
    running = neo4j_version is not None
    return ServerStatus(running, pid, bolt, browser, server.home, server.log_file, neo4j_version, gds_version)
