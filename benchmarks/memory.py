"""Peak resident memory of every process of a run, sampled from /proc: this Python, its Spark JVM and
Python workers, neo4j-admin, and the Neo4j server (and everything they start)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

PAGE = os.sysconf("SC_PAGE_SIZE")


def _kind(pid: int, own: int, server: int | None) -> str:
    if pid == own:
        return "python"
    if server is not None and pid == server:
        return "neo4j server"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "other"
    if "org.neo4j.cli.AdminTool" in command:
        return "neo4j-admin"
    if "org.apache.spark.deploy" in command and ("Worker" in command or "Master" in command):
        return "spark cluster daemons"
    if "org.apache.spark" in command or "CoarseGrainedExecutorBackend" in command:
        return "spark JVM"
    if "pyspark" in command:
        return "spark python workers"
    if "org.neo4j" in command or "neo4j" in command.split(" ", 1)[0]:
        return "neo4j server"
    return "other"


def _tree() -> dict[int, int]:
    """pid -> parent pid of every process."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return parents


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


class PeakMemory:
    """``with PeakMemory(server_pid) as peak: ...``; then ``peak.by_kind`` (bytes) and ``peak.total``."""

    def __init__(self, server_pid: Callable[[], int | None] = lambda: None, every: float = 0.25) -> None:
        self.server_pid, self.every = server_pid, every
        self.by_kind: dict[str, int] = {}
        self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        own, server = os.getpid(), self.server_pid()
        parents = _tree()
        roots = {own} | ({server} if server else set())
        members: set[int] = set()
        for pid in parents:
            p, seen = pid, 0
            while p and seen < 64:
                if p in roots:
                    members.add(pid)
                    break
                p, seen = parents.get(p, 0), seen + 1
        now: dict[str, int] = {}
        for pid in members:
            kind = _kind(pid, own, server)
            now[kind] = now.get(kind, 0) + _rss(pid)
        for kind, size in now.items():
            self.by_kind[kind] = max(self.by_kind.get(kind, 0), size)
        self.total = max(self.total, sum(now.values()))

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def __enter__(self) -> PeakMemory:
        self.sample()
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def gigabytes(self, prefix: str = "peak_gb") -> dict[str, float]:
        out = {
            f"{prefix}_{k.replace(' ', '_').replace('-', '_')}": round(v / 1e9, 2)
            for k, v in sorted(self.by_kind.items())
        }
        return {**out, f"{prefix}_all": round(self.total / 1e9, 2)}
