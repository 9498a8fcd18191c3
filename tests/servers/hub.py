"""A local Hugging Face Hub for downloads: real HTTP on loopback, the shapes huggingface_hub reads.

    GET  /api/models/{id}[/revision/{rev}]   200 ModelInfo: id, sha, cardData, siblings (with
                                             sizes: ``?blobs=True``, files_metadata)
    HEAD /{id}/resolve/{rev}/{file}          200 with X-Repo-Commit, ETag, Content-Length
    GET  /{id}/resolve/{rev}/{file}          200 the file's bytes, the same headers

``rev`` is a branch (``main``) or a commit sha. As the real Hub: an unknown repo is 404 with
``X-Error-Code: RepoNotFound``, an unknown revision 404 ``RevisionNotFound``, an unknown file 404
``EntryNotFound``, a private repo 401 unless the request carries the repo's token, and a gated
one 403 ``GatedRepo``.

Hostile answers, as a broken or compromised Hub may send them: ``extra_siblings`` lists files
that are never served (``../../escape.json``), ``listed_sizes`` overrides the size a sibling is
listed with, ``info_override`` replaces fields of the ModelInfo body (no sha, a license that is
no license id, siblings of the wrong shape). Scripted faults (tests/servers/base.py) answer
GET and HEAD alike.

Uploads (create repo, preupload, commit) are served by ``FakeHub`` in tests/test_publish.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.servers.base import DROP, Answer, Recorded, ScriptedServer


@dataclass
class HubRepo:
    files: dict[str, bytes]
    sha: str
    card_data: dict | None = None
    token: str | None = None  # private: answered only with this bearer token
    gated: bool = False
    branches: dict[str, str] = field(default_factory=dict)  # name -> sha; "main" is added
    extra_siblings: list[dict] = field(default_factory=list)
    listed_sizes: dict[str, int] = field(default_factory=dict)
    info_override: dict = field(default_factory=dict)


def commit_sha(label: str) -> str:
    """A 40-hex commit id, different for every label."""
    return hashlib.sha1(label.encode()).hexdigest()


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


class _Refused(Exception):
    """The Hub's error answer to a request for a repo or revision it will not serve."""

    def __init__(self, status: int, body: object, headers: dict[str, str]) -> None:
        super().__init__(status)
        self.answer: Answer = (status, body, headers)


class HubServer(ScriptedServer):
    def __init__(self) -> None:
        super().__init__()
        self.repos: dict[str, HubRepo] = {}
        self._httpd.RequestHandlerClass = _with_head(self, self._httpd.RequestHandlerClass)

    def add(self, repo_id: str, files: dict[str, bytes], **options) -> HubRepo:
        repo = HubRepo(files=dict(files), sha=options.pop("sha", commit_sha(repo_id)), **options)
        repo.branches.setdefault("main", repo.sha)
        self.repos[repo_id] = repo
        return repo

    def downloads(self) -> list[str]:
        """The files requested with GET, as ``id/rev/file``."""
        return [
            r.path.split("/resolve/", 1)[0].lstrip("/") + "/" + r.path.split("/resolve/", 1)[1]
            for r in self.requests
            if "/resolve/" in r.path and r.headers.get("X-Method", "GET") == "GET"
        ]

    # -- routing ------------------------------------------------------------------------------

    def route(self, request: Recorded) -> Answer:
        try:
            return self._route(request)
        except _Refused as refused:
            return refused.answer

    def _route(self, request: Recorded) -> Answer:
        path = unquote(request.path)
        if path.startswith("/api/models/"):
            rest = path[len("/api/models/") :]
            repo_id, _, revision = rest.partition("/revision/")
            return self._info(request, repo_id, revision or "main")
        if "/resolve/" in path:
            repo_id, _, rest = path.lstrip("/").partition("/resolve/")
            revision, _, name = rest.partition("/")
            return self._file(request, repo_id, revision, name)
        return 404, {"error": f"not found: {path}"}, {}

    def _revision(self, request: Recorded, repo_id: str, revision: str) -> tuple[HubRepo, str]:
        """The repo the request may read and the commit ``revision`` names in it; raises
        ``_Refused`` with the Hub's answer otherwise."""
        repo = self.repos.get(repo_id)
        if repo is None:
            raise _Refused(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
        if repo.token and request.header("Authorization") != f"Bearer {repo.token}":
            raise _Refused(401, {"error": "Invalid credentials"}, {"X-Error-Code": "RepoNotFound"})
        if repo.gated:
            message = f"Access to model {repo_id} is restricted: accept its conditions"
            raise _Refused(403, {"error": message}, {"X-Error-Code": "GatedRepo"})
        if revision in repo.branches:
            return repo, repo.branches[revision]
        if revision == repo.sha:
            return repo, revision
        raise _Refused(404, {"error": "Invalid rev id"}, {"X-Error-Code": "RevisionNotFound"})

    def _info(self, request: Recorded, repo_id: str, revision: str) -> Answer:
        repo, sha = self._revision(request, repo_id, revision)
        siblings = [
            {
                "rfilename": name,
                "size": repo.listed_sizes.get(name, len(data)),
                "blobId": hashlib.sha1(data).hexdigest(),
            }
            for name, data in sorted(repo.files.items())
        ]
        body = {
            "_id": repo_id,
            "id": repo_id,
            "modelId": repo_id,
            "sha": sha,
            "private": bool(repo.token),
            "gated": repo.gated,
            "tags": ["transformers"],
            "cardData": repo.card_data,
            "siblings": siblings + repo.extra_siblings,
        }
        body.update(repo.info_override)
        return 200, body, {}

    def _file(self, request: Recorded, repo_id: str, revision: str, name: str) -> Answer:
        repo, sha = self._revision(request, repo_id, revision)
        if name not in repo.files:
            return 404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound"}
        data = repo.files[name]
        etag = f'"{hashlib.sha1(data).hexdigest()}"'
        return 200, data, {"X-Repo-Commit": sha, "ETag": etag}


def _with_head(server: HubServer, handler: type) -> type:
    """The base handler answers GET; the Hub's file metadata is a HEAD of the same URL."""

    class Handler(handler):
        def do_HEAD(self) -> None:
            parts = urlsplit(self.path)
            request = Recorded(parts.path, {}, {**dict(self.headers), "X-Method": "HEAD"})
            with server._lock:
                server.requests.append(request)
            fault = server.next_fault(parts.path)
            if fault is not None and fault.status == DROP:
                self.close_connection = True
                self.connection.close()
                return
            if fault is not None:
                status, body, headers = fault.status, fault.body or {}, fault.headers
            else:
                status, body, headers = server.route(request)
            data = body if isinstance(body, bytes) else b"{}"
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()

    return Handler
