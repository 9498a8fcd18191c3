"""A proxy in front of moto that can refuse or hold one request.

A test kills htctl while the proxy holds a chosen request (say the PUT of ``valid.txt``): the
kill lands at a known point of a stage, with no polling of the store or the log.
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse


def is_put(method: str, path: str, name: str) -> bool:
    return method == "PUT" and urlparse(path).path.endswith("/" + name)


class S3Proxy:
    """Forwards S3 requests to moto; ``rule(method, path)`` may answer "deny" (403) or "hold"
    (keep the request in flight until closed, so the client can be killed mid-write)."""

    def __init__(self, rule, upstream: str | None = None):
        import os

        self.upstream = urlparse(upstream or os.environ["AWS_ENDPOINT_URL"])
        self.rule = rule
        self.held = threading.Event()
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def relay(self):
                body = self._body()
                action = proxy.rule(self.command, self.path)
                if action == "hold":
                    proxy.held.set()
                    proxy.release.wait(60)
                    self.close_connection = True
                    return
                if action == "deny":
                    self._answer(403, b"<Error><Code>AccessDenied</Code></Error>")
                    return
                conn = http.client.HTTPConnection(
                    proxy.upstream.hostname, proxy.upstream.port, timeout=60
                )
                skip = {"connection", "expect", "transfer-encoding", "content-length"}
                headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
                headers["Content-Length"] = str(len(body))
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for key, value in resp.getheaders():
                    if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(key, value)
                length = resp.getheader("Content-Length", "0")
                self.send_header("Content-Length", length if self.command == "HEAD" else len(data))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                conn.close()

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while size := int(self.rfile.readline().split(b";")[0], 16):
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    self.rfile.readline()
                    return b"".join(chunks)
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _answer(self, status: int, body: bytes):
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = relay

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
