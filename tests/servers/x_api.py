"""A local X API v2 server for tests: real HTTP on loopback, the documented shapes, scripted faults.

It serves the two endpoints the x source uses:

    GET /2/users/by/username/:username   200 {"data": user} or 200 {"errors": [...]} (unknown,
                                         suspended: X answers those with 200, not 404)
    GET /2/users/:id/tweets              pages of max_results (5..100) with meta.next_token,
                                         at most ``cap`` (3,200) most recent posts

Like the real API it returns only the default fields (id, text, edit_history_tweet_ids for
tweets; id, name, username for users) plus those asked for in ``tweet.fields`` /
``user.fields``, checks ``Authorization: Bearer <token>`` (401 otherwise), and sends the
``x-rate-limit-*`` headers. ``script`` queues faults (429 with a reset, 5xx, 401) that are
answered before normal handling; ``requests`` records what clients sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DEFAULT_TWEET_FIELDS = ("id", "text", "edit_history_tweet_ids")
DEFAULT_USER_FIELDS = ("id", "name", "username")
DROP = 0  # a Fault status: close the connection without answering


@dataclass
class XUser:
    id: str
    username: str
    name: str
    profile_image_url: str | None = None
    protected: bool = False
    suspended: bool = False
    tweets: list[dict] = field(default_factory=list)  # newest first, full API objects

    def as_api(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "username": self.username,
            "profile_image_url": self.profile_image_url,
            "protected": self.protected,
            "public_metrics": {"tweet_count": len(self.tweets)},
        }


@dataclass
class Fault:
    """One scripted answer: ``status`` with optional headers, for paths containing ``match``."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: dict | None = None
    match: str = ""


@dataclass
class Recorded:
    path: str
    params: dict[str, str]
    headers: dict[str, str]


def tweet(
    id: int | str,
    text: str,
    *,
    retweet_of: str | None = None,
    note: str | None = None,
    reply_to: str | None = None,
    lang: str = "en",
) -> dict:
    """A tweet object as API v2 returns it with every field the x source may ask for."""
    obj: dict = {
        "id": str(id),
        "text": text,
        "edit_history_tweet_ids": [str(id)],
        "created_at": f"2024-01-01T00:{int(id) % 60:02d}:00.000Z",
        "lang": lang,
        "conversation_id": str(id),
    }
    references = []
    if retweet_of:
        references.append({"type": "retweeted", "id": retweet_of})
    if reply_to:
        references.append({"type": "replied_to", "id": reply_to})
        obj["conversation_id"] = reply_to
    if references:
        obj["referenced_tweets"] = references
    if note:
        obj["note_tweet"] = {"text": note, "entities": {}}
    return obj


class XApiServer:
    """Start with ``start()`` or ``with``; ``url`` is the base URL to put in HT_X_API_URL."""

    def __init__(self, token: str = "test-bearer-token", cap: int | None = 3200):
        self.token = token
        self.cap = cap  # the real API's timeline depth; None serves everything
        self.users: dict[str, XUser] = {}
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

    def start(self) -> XApiServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> XApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add_user(self, username: str, tweets: list[dict] | None = None, **kwargs) -> XUser:
        user_id = str(1000 + len(self.users))
        user = XUser(
            id=user_id,
            username=username,
            name=kwargs.pop("name", username.title()),
            profile_image_url=kwargs.pop(
                "profile_image_url", f"https://pbs.twimg.com/profile_images/{user_id}/a_normal.jpg"
            ),
            tweets=list(tweets or []),
            **kwargs,
        )
        self.users[username.lower()] = user
        return user

    def fail(self, status: int, times: int = 1, match: str = "", **headers: str) -> None:
        """Answer the next ``times`` matching requests with ``status`` (and headers)."""
        for _ in range(times):
            self.script.append(Fault(status=status, headers=dict(headers), match=match))

    def rate_limit(self, reset_in: float, times: int = 1, match: str = "") -> int:
        """Queue 429s whose x-rate-limit-reset is ``reset_in`` seconds from now; returns it."""
        reset = int(time.time() + reset_in)
        for _ in range(times):
            self.script.append(
                Fault(
                    status=429,
                    headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
                    body=_problem(429, "Too Many Requests"),
                    match=match,
                )
            )
        return reset

    def timeline_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/tweets")]

    def next_fault(self, path: str) -> Fault | None:
        with self._lock:
            if self.always and self.always.match in path:
                return self.always
            for fault in self.script:
                if fault.match in path:
                    self.script.remove(fault)
                    return fault
        return None


def _problem(status: int, title: str, detail: str | None = None) -> dict:
    return {"title": title, "detail": detail or title, "type": "about:blank", "status": status}


def _pick(obj: dict, defaults: tuple[str, ...], requested: str | None) -> dict:
    wanted = set(defaults) | set(filter(None, (requested or "").split(",")))
    return {k: v for k, v in obj.items() if k in wanted and v is not None}


def _handler_for(server: XApiServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep pytest output clean
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            with server._lock:
                server.requests.append(Recorded(parts.path, params, dict(self.headers)))
            fault = server.next_fault(parts.path)
            if fault is not None and fault.status == DROP:
                self.close_connection = True  # no answer at all: a connection error
                return None
            if fault is not None:
                body = fault.body or _problem(fault.status, f"HTTP {fault.status}")
                return self._send(fault.status, body, fault.headers)
            if self.headers.get("Authorization") != f"Bearer {server.token}":
                return self._send(401, _problem(401, "Unauthorized"))
            segments = parts.path.strip("/").split("/")
            if segments[:4] == ["2", "users", "by", "username"] and len(segments) == 5:
                return self._send(200, self._lookup(segments[4], params))
            if segments[:2] == ["2", "users"] and len(segments) == 4 and segments[3] == "tweets":
                return self._timeline(segments[2], params)
            return self._send(404, _problem(404, "Not Found"))

        def _lookup(self, username: str, params: dict) -> dict:
            user = server.users.get(username.lower())
            common = {
                "value": username,
                "resource_type": "user",
                "parameter": "username",
                "resource_id": username,
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            }
            if user is None:
                detail = f"Could not find user with username: [{username}]."
                return {"errors": [{**common, "title": "Not Found Error", "detail": detail}]}
            if user.suspended:
                detail = f"User has been suspended: [{username}]."
                return {"errors": [{**common, "title": "Forbidden", "detail": detail}]}
            return {"data": _pick(user.as_api(), DEFAULT_USER_FIELDS, params.get("user.fields"))}

        def _timeline(self, user_id: str, params: dict) -> None:
            user = next((u for u in server.users.values() if u.id == user_id), None)
            if user is None:
                return self._send(404, _problem(404, "Not Found"))
            if user.protected:
                detail = f"Sorry, you are not authorized to see the user with id: [{user_id}]."
                error = {
                    "title": "Authorization Error",
                    "detail": detail,
                    "type": "https://api.twitter.com/2/problems/not-authorized-for-resource",
                }
                return self._send(200, {"errors": [error], "meta": {"result_count": 0}})
            size = int(params.get("max_results", "10"))
            if not 5 <= size <= 100:
                return self._send(400, _problem(400, "Invalid Request", "max_results: 5..100"))
            token = params.get("pagination_token")
            try:
                start = int(token.removeprefix("p"), 16) if token else 0
            except ValueError:
                return self._send(400, _problem(400, "Invalid Request", "pagination_token"))
            visible = user.tweets[: server.cap] if server.cap is not None else user.tweets
            page = visible[start : start + size]
            meta: dict = {"result_count": len(page)}
            if page:
                meta["newest_id"], meta["oldest_id"] = page[0]["id"], page[-1]["id"]
            if start + size < len(visible):
                meta["next_token"] = f"p{start + size:x}"
            data = [_pick(t, DEFAULT_TWEET_FIELDS, params.get("tweet.fields")) for t in page]
            body = {"data": data, "meta": meta} if data else {"meta": meta}
            return self._send(200, body)

        def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            all_headers = {
                "x-rate-limit-limit": "900",
                "x-rate-limit-remaining": "899",
                "x-rate-limit-reset": str(int(time.time()) + 900),
                **(headers or {}),
            }
            for key, value in all_headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

    return Handler
