"""Retrying HTTP requests: 429 and 5xx answers and dropped connections are tried again after a wait.

The wait is the server's ``Retry-After`` when it gives one (seconds or an HTTP date, capped at
``Backoff.max_wait``), else exponential backoff with jitter. Every wait is reported through
``on_wait`` so a command can say why it pauses. Other answers (200, 206, 404, ...) are returned to the
caller: :func:`get_json` and :func:`get_bytes` turn a non-2xx answer into one :class:`FetchError` line
that names the URL and the status.

Example::

    session = client()
    page = get_json(session, "https://api.example.org/works", params={"page": 2})
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from urllib3.exceptions import InvalidHeader
from urllib3.util.retry import Retry

from hotspot_kg.core import __version__
from hotspot_kg.core.errors import FetchError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"hotspot-kg/{__version__} (+https://github.com/hotspot-kg)"
TIMEOUT = (15.0, 60.0)  # seconds to connect, seconds between two reads

Wait = Callable[[str, float], None]  # on_wait(reason, seconds)


@dataclass(frozen=True)
class Backoff:
    """How often and how long to wait: ``attempts`` tries in all, waits of ``base * 2**(n-1)`` seconds
    (n = the failed try), jittered by up to ``jitter`` of themselves, never more than ``max_wait``."""

    attempts: int = 6
    base: float = 1.0
    max_wait: float = 120.0
    jitter: float = 0.25
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def delay(self, failed: int) -> float:
        """Seconds to wait after the ``failed``-th failed try."""
        wait = min(self.max_wait, self.base * 2 ** (failed - 1))
        return wait * (1 + random.uniform(0, self.jitter))

    def server_delay(self, response: requests.Response, failed: int) -> float:
        """``Retry-After`` of a response when it has a usable one, else :meth:`delay`."""
        header = response.headers.get("Retry-After")
        if header:
            try:
                return min(self.max_wait, Retry().parse_retry_after(header))
            except InvalidHeader:
                pass
        return self.delay(failed)


def client(headers: Mapping[str, str] | None = None) -> requests.Session:
    """A session (connection reuse) that names hotspot-kg in its User-Agent; ``headers`` are added."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers.update(headers or {})
    return session


def request(
    session: requests.Session,
    url: str,
    *,
    method: str = "GET",
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    stream: bool = False,
    backoff: Backoff | None = None,
    on_wait: Wait | None = None,
) -> requests.Response:
    """The first answer that is not a 429 or 5xx, trying again after a wait as ``backoff`` allows.

    Raises :class:`FetchError` when the server keeps failing or cannot be reached. The caller checks
    the status of what is returned (and closes a streamed response).
    """
    backoff = backoff or Backoff()
    for attempt in range(1, backoff.attempts + 1):
        last = attempt == backoff.attempts
        try:
            response = session.request(
                method, url, params=params, headers=headers, stream=stream, timeout=TIMEOUT
            )
        except (requests.ConnectionError, requests.Timeout) as e:
            if last:
                raise FetchError(
                    f"{url}: no answer after {attempt} tries ({_short(e)}); check the network "
                    "connection and the URL, then run the command again"
                ) from None
            _wait(backoff, backoff.delay(attempt), f"{_short(e)}", on_wait)
            continue
        if response.status_code not in RETRY_STATUSES:
            return response
        response.close()
        status = f"HTTP {response.status_code} {response.reason or ''}".strip()
        if last:
            raise FetchError(
                f"{url}: {status} after {attempt} tries; the server is busy or failing, try again later"
            )
        _wait(backoff, backoff.server_delay(response, attempt), status, on_wait)
    raise AssertionError("unreachable: Backoff.attempts must be at least 1")


def _wait(backoff: Backoff, seconds: float, reason: str, on_wait: Wait | None) -> None:
    if on_wait is not None:
        on_wait(reason, seconds)
    backoff.sleep(seconds)


def _short(error: Exception) -> str:
    text = str(error)
    return type(error).__name__ if not text else text[:160]


def ensure_ok(response: requests.Response, url: str) -> requests.Response:
    """The response when its status is 2xx, else one :class:`FetchError` naming the URL and status."""
    if 200 <= response.status_code < 300:
        return response
    response.close()
    hint = {
        401: "the server wants credentials (an API key?)",
        403: "access refused (an API key missing or not valid for this?)",
        404: "not found: the file may have moved; check the source URL",
    }.get(response.status_code, "")
    status = f"HTTP {response.status_code} {response.reason or ''}".strip()
    raise FetchError(f"{url}: {status}" + (f"; {hint}" if hint else ""))


def get_json(
    session: requests.Session,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    backoff: Backoff | None = None,
    on_wait: Wait | None = None,
) -> Any:
    """The decoded JSON body of a GET, with retries; :class:`FetchError` on failure or non-JSON."""
    response = ensure_ok(
        request(session, url, params=params, headers=headers, backoff=backoff, on_wait=on_wait), url
    )
    try:
        return response.json()
    except ValueError:
        raise FetchError(
            f"{url}: the answer is not JSON (content type {response.headers.get('Content-Type')!r})"
        ) from None


def get_bytes(
    session: requests.Session,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    backoff: Backoff | None = None,
    on_wait: Wait | None = None,
) -> bytes:
    """The body of a GET (a small file or page), with retries; :class:`FetchError` on failure."""
    response = request(session, url, params=params, headers=headers, backoff=backoff, on_wait=on_wait)
    return ensure_ok(response, url).content
