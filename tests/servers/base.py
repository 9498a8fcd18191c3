"""The plumbing the local API servers share: a threaded HTTP server on a free loopback port
that records every GET, answers scripted faults first, then hands the request to ``route``.

A server module subclasses ``ScriptedServer`` and holds only its API's behaviour: ``route``,
the rate-limit headers every answer carries, and the body of a scripted fault.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, urlsplit

DROP = 0  # a Fault status: close the connection without answering


@dataclass
class Fault:
    """One scripted answer: ``status`` with optional headers and body, for paths containing
    ``match``. Status ``DROP`` closes the connection without answering."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: object | None = None
    match: str = ""


@dataclass
class Recorded:
    """One request as a client sent it: the path, the query (last value per key), the headers."""

    path: str
    params: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        """A header by name, case-insensitively, as HTTP compares them."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


Answer = tuple[int, object, dict[str, str]]  # status, JSON body, extra headers


class ScriptedServer:
    """Start with ``start()`` or ``with``; ``url`` is the base URL clients are pointed at."""

    protocol_version = "HTTP/1.0"  # a subclass may speak HTTP/1.1 (keep-alive), as X does

    def __init__(self) -> None:
        self.script: deque[Fault] = deque()
        self.always: Fault | None = None  # answered to every request matching it, forever
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fault(self, status: int, headers: dict | None = None, body=None, match: str = "") -> None:
        self.script.append(Fault(status, headers or {}, body, match))

    def next_fault(self, path: str) -> Fault | None:
        with self._lock:
            if self.always and self.always.match in path:
                return self.always
            for fault in self.script:
                if fault.match in path:
                    self.script.remove(fault)
                    return fault
        return None

    def paths(self, fragment: str = "") -> list[Recorded]:
        return [r for r in self.requests if fragment in r.path]

    def rate_headers(self) -> dict[str, str]:
        """Headers every answer carries, faults included (a fault's own headers win)."""
        return {}

    def fault_body(self, status: int) -> object:
        """The body of a scripted fault that brings none."""
        return {"error": "Fault"}

    def route(self, request: Recorded) -> Answer:
        raise NotImplementedError


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = server.protocol_version

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            request = Recorded(parts.path, params, dict(self.headers))
            with server._lock:
                server.requests.append(request)
            fault = server.next_fault(parts.path)
            if fault is not None and fault.status == DROP:
                self.close_connection = True  # no answer at all: a connection error
                self.connection.close()
                return
            if fault is not None:
                body = fault.body or server.fault_body(fault.status)
                self._send(fault.status, body, fault.headers)
                return
            self._send(*server.route(request))

        def _send(self, status: int, body: object, headers: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in {**server.rate_headers(), **headers}.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
