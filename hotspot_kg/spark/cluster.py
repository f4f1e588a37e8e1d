"""A standalone Spark cluster on this machine (a master and workers on 127.0.0.1), started with the launcher
classes shipped in the pyspark package: for tests and benchmarks, and to try a cluster without one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from hotspot_kg.core.errors import SparkError
from hotspot_kg.spark.session import require_pyspark


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, seconds: float, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SparkError(f"a Spark process exited (code {proc.returncode}); see {log}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise SparkError(f"a Spark process did not listen on 127.0.0.1:{port} in {seconds:.0f} s; see {log}")


@dataclass
class StandaloneCluster:
    """``with StandaloneCluster(workers=2, work=DIR) as cluster: ... cluster.master_url``."""

    work: Path
    workers: int = 2
    cores: int = 1
    memory: str = "3g"
    master_port: int = 0
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def master_url(self) -> str:
        return f"spark://127.0.0.1:{self.master_port}"

    def _launch(self, name: str, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
        pyspark = require_pyspark()
        home = Path(pyspark.__file__).parent
        log = self.work / f"{name}.log"
        env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1",
               "PYSPARK_PYTHON": sys.executable, "SPARK_WORKER_DIR": str(self.work / name)}  # fmt: skip
        command = [str(home / "bin" / "spark-class"), *args]
        with log.open("wb") as out:
            proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)  # fmt: skip
        self.processes.append(proc)
        return proc, log

    def start(self, timeout: float = 120) -> StandaloneCluster:
        self.work.mkdir(parents=True, exist_ok=True)
        self.master_port = self.master_port or _free_port()
        master, log = self._launch(
            "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", str(self.master_port), "--webui-port", str(_free_port()),
        )  # fmt: skip
        _wait_port(self.master_port, timeout, master, log)
        for k in range(self.workers):
            port = _free_port()
            worker, wlog = self._launch(
                f"worker-{k}", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--port", str(port), "--webui-port", str(_free_port()), "--cores", str(self.cores),
                "--memory", self.memory, "--work-dir", str(self.work / f"worker-{k}"), self.master_url,
            )  # fmt: skip
            _wait_port(port, timeout, worker, wlog)
        self._wait_registered(timeout)
        return self

    def _wait_registered(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        log = self.work / "master.log"
        while time.monotonic() < deadline:
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            if text.count("Registering worker") >= self.workers:
                return
            time.sleep(0.5)
        raise SparkError(
            f"{self.workers} workers did not register with the master in {timeout:.0f} s; see {log}"
        )

    def stop(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.processes.clear()

    def __enter__(self) -> StandaloneCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
