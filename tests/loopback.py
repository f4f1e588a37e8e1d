"""A loopback HTTP server for download tests: files served from memory, with Range, and scripted faults.

Started inside a test on 127.0.0.1 with a random port; nothing leaves the machine. Faults are queued
per path and each is used once, in order:

* ``("status", 429, {"Retry-After": "2"})`` answers with that status and headers;
* ``("cut", n)`` announces the whole remaining length but sends only ``n`` bytes, then closes;
* ``("no-range",)`` ignores the ``Range`` header and sends the whole file with 200.

Every request's path and ``Range`` header are recorded in ``server.requests``.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Loopback:
    files: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, deque[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(deque))
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # extra response headers per path
    base: str = ""

    def fault(self, path: str, *fault: Any) -> None:
        self.faults[path].append(fault)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(state: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            wanted = self.headers.get("Range")
            state.requests.append((self.path, wanted))
            fault = state.faults[path].popleft() if state.faults[path] else None
            if fault and fault[0] == "status":
                self._answer(fault[1], b"busy", fault[2] if len(fault) > 2 else {})
                return
            body = state.files.get(path)
            if body is None:
                self._answer(404, b"not found", {})
                return
            extra = state.headers.get(path, {})
            start = 0
            m = re.fullmatch(r"bytes=(\d+)-", wanted or "")
            if m and not (fault and fault[0] == "no-range"):
                start = int(m[1])
                if start >= len(body):
                    self._answer(416, b"", {"Content-Range": f"bytes */{len(body)}"})
                    return
                extra = {**extra, "Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"}
            rest = body[start:]
            self.send_response(206 if start else 200)
            for k, v in {"Content-Length": str(len(rest)), "Accept-Ranges": "bytes", **extra}.items():
                self.send_header(k, v)
            self.end_headers()
            if fault and fault[0] == "cut":
                self.wfile.write(rest[: fault[1]])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(rest)

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for k, v in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-answer (the point of some tests) is not news


@contextmanager
def serve(state: Loopback | None = None) -> Iterator[Loopback]:
    """A running loopback server for ``state`` (files and faults may be added while it runs)."""
    state = state or Loopback()
    server = _QuietServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
