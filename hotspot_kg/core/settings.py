"""Connection and local-server settings, read once from the environment.

``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` are shared by the CLI,
the UI and the tests. When ``NEO4J_URI`` is set, everything talks to that server and the local
server is never started; otherwise the project's own server (built from Maven Central jars into
``.neo4j/``) is used, on the ports and memory sizes below.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hotspot_kg.core.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LocalServer:
    """Where and how the project's own Neo4j runs."""

    home: Path  # the instance: conf/, data/, logs/, run/, import/
    dist: Path  # the distribution built from Maven jars: lib/, plugins/
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    java: str

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"


@dataclass(frozen=True)
class Settings:
    """Everything needed to reach the database."""

    uri: str
    user: str
    password: str
    database: str
    external: bool  # True when NEO4J_URI names a server that the project does not manage
    local: LocalServer


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, str(default))
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a port number; set it to an integer such as {default}"
        ) from None
    if not 0 < port < 65536:
        raise ConfigError(f"{name}={port} is out of range; choose a port from 1 to 65535")
    return port


def local_server(env: Mapping[str, str] | None = None, *, for_tests: bool = False) -> LocalServer:
    """The local server's settings; ``for_tests`` gives the separate instance that the test suite uses.

    The test instance shares the built distribution but has its own data and ports (the normal ports
    plus 10000, or HOTSPOT_TEST_BOLT_PORT / HOTSPOT_TEST_HTTP_PORT), so `make test` never touches the
    data of `make demo`.
    """
    env = os.environ if env is None else env
    dist = Path(env.get("HOTSPOT_NEO4J_DIST", str(PROJECT_ROOT / ".neo4j"))).resolve()
    home = Path(env.get("HOTSPOT_NEO4J_HOME", str(dist))).resolve()
    bolt = _port(env, "HOTSPOT_BOLT_PORT", 7687)
    http = _port(env, "HOTSPOT_HTTP_PORT", 7474)
    if for_tests:
        home = home / "test-instance"
        bolt = _port(env, "HOTSPOT_TEST_BOLT_PORT", bolt + 10000 if bolt < 55535 else 17687)
        http = _port(env, "HOTSPOT_TEST_HTTP_PORT", http + 10000 if http < 55535 else 17474)
    java_home = env.get("HOTSPOT_JAVA_HOME") or env.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else "java"
    return LocalServer(
        home=home,
        dist=dist,
        bolt_port=bolt,
        http_port=http,
        heap=env.get("HOTSPOT_NEO4J_HEAP", "4g"),
        pagecache=env.get("HOTSPOT_NEO4J_PAGECACHE", "2g"),
        java=java,
    )


def local_password(server: LocalServer, env: Mapping[str, str] | None = None) -> str:
    """The local server's password: NEO4J_PASSWORD, else one generated once and kept in .neo4j/password."""
    env = os.environ if env is None else env
    if env.get("NEO4J_PASSWORD"):
        return env["NEO4J_PASSWORD"]
    if server.password_file.exists():
        if server.password_file.stat().st_mode & 0o077:  # readable by others: only its owner may read it
            server.password_file.chmod(0o600)
        return server.password_file.read_text(encoding="utf-8").strip()
    server.home.mkdir(parents=True, exist_ok=True)
    password = "hk" + secrets.token_urlsafe(18)  # a letter first: never read as an option
    server.password_file.write_text(password + "\n", encoding="utf-8")
    server.password_file.chmod(0o600)
    return password


def load(env: Mapping[str, str] | None = None, *, for_tests: bool = False) -> Settings:
    """Read the settings from ``env`` (the process environment by default)."""
    env = os.environ if env is None else env
    local = local_server(env, for_tests=for_tests)
    uri = env.get("NEO4J_URI", "").strip()
    user = env.get("NEO4J_USER", "neo4j")
    database = env.get("NEO4J_DATABASE", "neo4j")
    if uri:
        password = env.get("NEO4J_PASSWORD")
        if password is None:
            raise ConfigError(
                f"NEO4J_URI is set to {uri} but NEO4J_PASSWORD is not; export NEO4J_PASSWORD too"
            )
        return Settings(uri, user, password, database, True, local)
    password = local_password(local, env)
    return Settings(local.bolt_uri, "neo4j", password, database, False, local)


@lru_cache(maxsize=1)
def current() -> Settings:
    """The settings of this process, read once."""
    return load()
