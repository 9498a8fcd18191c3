"""The plumbing the local API servers share: a threaded HTTP server on a free loopback port
that records every GET, answers scripted faults first, then hands the request to ``route``.

A server module subclasses ``ScriptedServer`` and holds only its API's behaviour: ``route``,
the rate-limit headers every answer carries, and the body of a scripted fault.

Faults can also misbehave on purpose, as a hostile or broken API would: ``raw`` sends bytes as
they are (deeply nested JSON), ``stream_bytes`` sends that many bytes of one endless JSON string
(with or without a Content-Length), and ``echo`` answers a body that repeats the request's
headers, Authorization included, as some error pages do.
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
    raw: bytes | None = None  # sent as is instead of a JSON body
    stream_bytes: int = 0  # send this many bytes, in chunks, then close the connection
    declare_length: bool = False  # with stream_bytes: announce the size in Content-Length
    echo: bool = False  # the body repeats the request headers


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


class LoopbackServer:
    """A threaded HTTP server of ``handler`` on a free loopback port, served from a daemon
    thread. Start with ``start()`` or ``with``; ``url`` is the base URL clients are pointed at."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], poll_interval: float = 0.05) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": poll_interval}, daemon=True
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


class ScriptedServer(LoopbackServer):
    """Start with ``start()`` or ``with``; ``url`` is the base URL clients are pointed at."""

    protocol_version = "HTTP/1.0"  # a subclass may speak HTTP/1.1 (keep-alive), as X does

    def __init__(self) -> None:
        self.script: deque[Fault] = deque()
        self.always: Fault | None = None  # answered to every request matching it, forever
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        super().__init__(_handler_for(self))

    def fault(
        self, status: int, headers: dict | None = None, body=None, match: str = "", **hostile
    ) -> None:
        """Queue one scripted answer; ``hostile`` takes Fault's raw/stream_bytes/echo fields."""
        self.script.append(Fault(status, headers or {}, body, match, **hostile))

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
            if fault is not None and fault.stream_bytes:
                self._stream(fault)
                return
            if fault is not None and fault.echo:
                # Authorization first, where a short error line would still show it.
                headers = sorted(request.headers.items(), key=lambda kv: kv[0] != "Authorization")
                echoed = "; ".join(f"{k}: {v}" for k, v in headers)
                body = {"title": "Bad Request", "detail": f"rejected request with {echoed}"}
                self._send(fault.status, body, fault.headers)
                return
            if fault is not None:
                body = fault.raw if fault.raw is not None else fault.body
                self._send(fault.status, body or server.fault_body(fault.status), fault.headers)
                return
            self._send(*server.route(request))

        def _stream(self, fault: Fault) -> None:
            """An endless JSON string, cut off after ``fault.stream_bytes``: a body too big to
            hold. Without a Content-Length the size is only known by reading it."""
            self.close_connection = True
            self.send_response(fault.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            if fault.declare_length:
                self.send_header("Content-Length", str(fault.stream_bytes))
            self.end_headers()
            chunk = b"x" * 65536
            sent = 0
            try:
                self.wfile.write(b'{"pad": "')
                while sent < fault.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (TimeoutError, BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: what a capped client should do

        def _send(self, status: int, body: object, headers: dict[str, str]) -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in {**server.rate_headers(), **headers}.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
