"""A server that takes every request and never answers (until the test ends)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler


class StallingX(BaseHTTPRequestHandler):
    """An X API that takes every request and never answers (until the test ends)."""

    arrived = threading.Event()
    done = threading.Event()

    def do_GET(self):  # noqa: N802 - http.server's name
        StallingX.arrived.set()
        StallingX.done.wait(60)

    def log_message(self, *args):
        pass
