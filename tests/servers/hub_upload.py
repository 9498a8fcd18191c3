"""The Hugging Face Hub's upload endpoints (create repo, validate card, preupload, commit)."""

from __future__ import annotations

import base64
import json
from http.server import BaseHTTPRequestHandler

import yaml

from tests.support.publishing import front_matter


class FakeHub(BaseHTTPRequestHandler):
    """The three Hub endpoints an upload of small files uses: create repo, preupload, commit."""

    requests: list[str] = []
    authorizations: list[str] = []
    files: dict[str, bytes] = {}
    fail = False

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        hub = type(self)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        hub.requests.append(f"POST {self.path}")
        hub.authorizations.append(self.headers.get("Authorization", ""))
        if hub.fail:
            return self._json(403, {"error": "You don't have the rights to create this model"})
        if self.path == "/api/repos/create":
            payload = json.loads(body)
            return self._json(
                200,
                {
                    "url": f"http://{self.headers['Host']}/{payload['organization']}/{payload['name']}"
                },
            )
        if self.path == "/api/validate-yaml":
            try:
                front_matter(json.loads(body)["content"])
            except (AssertionError, yaml.YAMLError) as err:
                return self._json(400, {"errors": [{"message": str(err)}]})
            return self._json(200, {"errors": [], "warnings": []})
        if "/preupload/" in self.path:
            files = [
                {"path": f["path"], "uploadMode": "regular", "shouldIgnore": False}
                for f in json.loads(body)["files"]
            ]
            return self._json(200, {"files": files})
        if "/commit/" in self.path:
            for line in body.decode().splitlines():
                item = json.loads(line)
                if item["key"] == "file":
                    hub.files[item["value"]["path"]] = base64.b64decode(item["value"]["content"])
            repo = self.path.split("/api/models/", 1)[1].split("/commit/", 1)[0]
            url = f"http://{self.headers['Host']}/{repo}/commit/{'1' * 40}"
            return self._json(200, {"commitUrl": url, "commitOid": "1" * 40})
        return self._json(404, {"error": f"not found: {self.path}"})

    def do_GET(self) -> None:
        type(self).requests.append(f"GET {self.path}")
        self._json(404, {"error": "not found"})

    def log_message(self, *args) -> None:
        pass
