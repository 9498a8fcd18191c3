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

``paging`` makes the timeline misbehave the ways a broken or hostile API pages:

    "empty_with_token"  after the last post, empty pages that still carry a fresh next_token
    "repeat_token"      every page offers the same next_token (the second page's)
    "repeat_page"       pagination_token is ignored: the first page again, with a new token
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from urllib.parse import unquote

from tests.servers.base import DROP as DROP  # re-exported: the X tests script dropped connections
from tests.servers.base import Answer, Recorded, ScriptedServer

DEFAULT_TWEET_FIELDS = ("id", "text", "edit_history_tweet_ids")
DEFAULT_USER_FIELDS = ("id", "name", "username")


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


class XApiServer(ScriptedServer):
    """Start with ``start()`` or ``with``; ``url`` is the base URL to put in HT_X_API_URL."""

    protocol_version = "HTTP/1.1"

    def __init__(
        self, token: str = "test-bearer-token", cap: int | None = 3200, paging: str = "normal"
    ):
        super().__init__()
        self.token = token
        self.cap = cap  # the real API's timeline depth; None serves everything
        self.paging = paging
        self.users: dict[str, XUser] = {}
        self._fresh_tokens = itertools.count(1)

    def add_user(
        self, username: str, tweets: list[dict] | None = None, user_id: str | None = None, **kwargs
    ) -> XUser:
        """A user; ``user_id`` overrides the numeric id (a hostile API may answer anything)."""
        user_id = user_id or str(1000 + len(self.users))
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
            self.fault(status, dict(headers), match=match)

    def rate_limit(self, reset_in: float, times: int = 1, match: str = "") -> int:
        """Queue 429s whose x-rate-limit-reset is ``reset_in`` seconds from now; returns it."""
        reset = int(time.time() + reset_in)
        headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
        for _ in range(times):
            self.fault(429, dict(headers), _problem(429, "Too Many Requests"), match)
        return reset

    def timeline_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/tweets")]

    def rate_headers(self) -> dict[str, str]:
        return {
            "x-rate-limit-limit": "900",
            "x-rate-limit-remaining": "899",
            "x-rate-limit-reset": str(int(time.time()) + 900),
        }

    def fault_body(self, status: int) -> object:
        return _problem(status, f"HTTP {status}")

    def route(self, request: Recorded) -> Answer:
        if request.header("Authorization") != f"Bearer {self.token}":
            return 401, _problem(401, "Unauthorized"), {}
        # One segment per "/", each percent-decoded, as a real server routes an encoded id.
        segments = [unquote(s) for s in request.path.strip("/").split("/")]
        if segments[:4] == ["2", "users", "by", "username"] and len(segments) == 5:
            return 200, self._lookup(segments[4], request.params), {}
        if segments[:2] == ["2", "users"] and len(segments) == 4 and segments[3] == "tweets":
            return self._timeline(segments[2], request.params)
        return 404, _problem(404, "Not Found"), {}

    def _lookup(self, username: str, params: dict[str, str]) -> dict:
        user = self.users.get(username.lower())
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

    def _timeline(self, user_id: str, params: dict[str, str]) -> Answer:
        user = next((u for u in self.users.values() if u.id == user_id), None)
        if user is None:
            return 404, _problem(404, "Not Found"), {}
        if user.protected:
            detail = f"Sorry, you are not authorized to see the user with id: [{user_id}]."
            error = {
                "title": "Authorization Error",
                "detail": detail,
                "type": "https://api.twitter.com/2/problems/not-authorized-for-resource",
            }
            return 200, {"errors": [error], "meta": {"result_count": 0}}, {}
        size = int(params.get("max_results", "10"))
        if not 5 <= size <= 100:
            return 400, _problem(400, "Invalid Request", "max_results: 5..100"), {}
        token = params.get("pagination_token")
        if self.paging == "repeat_page":
            token = None  # ignored: every page is the first one
        try:
            start = int(token.removeprefix("p"), 16) if token else 0
        except ValueError:
            return 400, _problem(400, "Invalid Request", "pagination_token"), {}
        visible = user.tweets[: self.cap] if self.cap is not None else user.tweets
        page = visible[start : start + size]
        meta: dict = {"result_count": len(page)}
        if page:
            meta["newest_id"], meta["oldest_id"] = page[0]["id"], page[-1]["id"]
        if start + size < len(visible):
            meta["next_token"] = f"p{start + size:x}"
        if self.paging == "empty_with_token":
            meta["next_token"] = f"p{start + size:x}"  # forever, past the last post
        elif self.paging == "repeat_token":
            meta["next_token"] = f"p{size:x}"
        elif self.paging == "repeat_page":
            meta["next_token"] = f"r{next(self._fresh_tokens)}"
        data = [_pick(t, DEFAULT_TWEET_FIELDS, params.get("tweet.fields")) for t in page]
        return 200, ({"data": data, "meta": meta} if data else {"meta": meta}), {}


def _problem(status: int, title: str, detail: str | None = None) -> dict:
    return {"title": title, "detail": detail or title, "type": "about:blank", "status": status}


def _pick(obj: dict, defaults: tuple[str, ...], requested: str | None) -> dict:
    wanted = set(defaults) | set(filter(None, (requested or "").split(",")))
    return {k: v for k, v in obj.items() if k in wanted and v is not None}
