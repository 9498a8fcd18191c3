"""Endpoints that a store URL may point at but that are not S3, for the hostile-store tests.

- ``HtmlEverywhere``: answers every request (HEAD, GET, PUT, POST, DELETE) with 200 and a web
  page, as a captive portal or a misconfigured proxy does. boto3 parses such answers as
  successful, empty S3 answers.
- ``NeverAnswers``: accepts TCP connections, reads the request and never answers, as a hung
  endpoint does. A client without a read timeout waits forever.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler
from typing import Self

from tests.servers.base import LoopbackServer

PAGE = b"<!doctype html><html><body><h1>Welcome</h1></body></html>\n"


class _Html(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.requests.append(f"{self.command} {self.path}")  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(PAGE)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

    def log_message(self, *args) -> None:
        pass


class HtmlEverywhere(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Html)
        self._httpd.requests = []  # type: ignore[attr-defined]

    @property
    def requests(self) -> list[str]:
        return self._httpd.requests  # type: ignore[attr-defined]


class NeverAnswers:
    """Accepts every connection and holds it open, silent, until the server stops."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.05)
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self.connections = 0

    @property
    def url(self) -> str:
        host, port = self._sock.getsockname()[:2]
        return f"http://{host}:{port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._held.append(conn)
            self.connections += 1

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self._sock.close()
