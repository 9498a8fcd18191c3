"""A server that answers every request with one status and records what was asked."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from tests.servers.base import LoopbackServer


class RequestRecorder(LoopbackServer):
    """Answers every request with ``status`` (503: an outage) and records method and path;
    started when created, so not for ``with``: call ``stop()``."""

    def __init__(self, status: int = 503) -> None:
        self.requests: list[str] = []
        self.status = status
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def answer(self) -> None:
                recorder.requests.append(f"{self.command} {self.path}")
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(recorder.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = do_HEAD = do_CONNECT = answer

        super().__init__(Handler, poll_interval=0.5)  # serve_forever's default
        self.start()
