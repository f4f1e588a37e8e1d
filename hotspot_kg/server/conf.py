"""The local server's neo4j.conf and JVM command line."""

from __future__ import annotations

from pathlib import Path

from hotspot_kg.core.settings import LocalServer

# The server.jvm.additional set of the 5.26 tarball, minus -XX:+AlwaysPreTouch (slow starts on small machines).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
]


def settings(server: LocalServer) -> dict[str, str]:
    home, dist = server.home, server.dist
    return {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{server.bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{server.http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "dbms.security.procedures.unrestricted": "gds.*",
        "dbms.usage_report.enabled": "false",
        "server.memory.pagecache.size": server.pagecache,
        "server.directories.lib": str(dist / "lib"),
        "server.directories.plugins": str(dist / "plugins"),
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "db.tx_log.rotation.retention_policy": "1 files",
    }


def write(server: LocalServer) -> Path:
    """Write conf/neo4j.conf for ``server`` (created anew each start, so settings follow the environment)."""
    conf_dir = server.home / "conf"
    for sub in ("conf", "data", "logs", "run", "import"):
        (server.home / sub).mkdir(parents=True, exist_ok=True)
    lines = ["# Written by hotspot-kg at each start; change settings through HOTSPOT_* variables.\n"]
    lines += [f"{key}={value}\n" for key, value in settings(server).items()]
    path = conf_dir / "neo4j.conf"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def classpath(server: LocalServer) -> list[Path]:
    """The class path, as ``dir/*`` entries (the launcher expands each to the jars in ``dir``)."""
    return [server.dist / "plugins" / "*", server.home / "conf" / "*", server.dist / "lib" / "*"]


def command(server: LocalServer, extra: list[str] | None = None) -> list[str]:
    """The server's command line; ``extra`` JVM flags (the class-data-sharing ones) go after ours."""
    home = server.home
    return [
        server.java,
        f"-Xms{min_heap(server.heap)}",
        f"-Xmx{server.heap}",
        *JVM_FLAGS,
        *(extra or []),
        "-cp",
        ":".join(str(entry) for entry in classpath(server)),
        "org.neo4j.server.CommunityEntryPoint",
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]


def min_heap(heap: str) -> str:
    """Initial heap: 512m, or the whole heap when that is smaller."""
    units = {"k": 1 / 1024, "m": 1, "g": 1024}
    try:
        size_mb = float(heap[:-1]) * units[heap[-1].lower()]
    except (KeyError, ValueError, IndexError):
        return heap
    return heap if size_mb <= 512 else "512m"
