"""A local Mastodon instance API for tests: real HTTP on loopback, the documented shapes.

    GET /api/v1/accounts/lookup?acct=USER     200 Account; 404 {"error": "Record not found"};
                                              410 for a suspended account
    GET /api/v1/accounts/:id/statuses?limit=&max_id=&since_id=&min_id=
        200 [Status] newest first, ``limit`` default 20, at most 40; a ``Link`` header with
        ``rel="next"`` (max_id = the page's last id) when the page is full, and ``rel="prev"``
        (min_id = the page's first id), as Mastodon writes them

Every answer carries ``X-RateLimit-Limit/-Remaining/-Reset`` (ISO 8601), Mastodon's headers.
``require_auth`` makes every request a 401, like an instance that hides its API from guests.

Misbehaving Link headers, as a broken or hostile instance may send them:
``link_base`` writes another host into the links (``rel="next"`` must never lead there), and
``link_loop`` makes every ``rel="next"`` link repeat the first page's ``max_id``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from tests.servers.base import Answer, Recorded, ScriptedServer


def iso_time(when: datetime) -> str:
    """A time the way Mastodon writes X-RateLimit-Reset: ISO 8601, microseconds, ``Z``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def link_html(url: str) -> str:
    """A link the way Mastodon renders a URL in a status: scheme hidden, long paths elided."""
    scheme, rest = url.split("://", 1)
    shown, hidden = rest[:23], rest[23:]
    return (
        f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener noreferrer">'
        f'<span class="invisible">{scheme}://</span>'
        f'<span class="{"ellipsis" if hidden else ""}">{html.escape(shown)}</span>'
        f'<span class="invisible">{html.escape(hidden)}</span></a>'
    )


def mention_html(acct: str, instance: str) -> str:
    return (
        f'<span class="h-card" translate="no"><a href="https://{instance}/@{acct}" '
        f'class="u-url mention">@<span>{acct}</span></a></span>'
    )


def hashtag_html(tag: str, instance: str) -> str:
    return (
        f'<a href="https://{instance}/tags/{tag}" class="mention hashtag" rel="tag">'
        f"#<span>{tag}</span></a>"
    )


@dataclass
class MastodonAccount:
    id: str
    username: str
    display_name: str
    instance: str
    suspended: bool = False
    statuses: list[dict] = field(default_factory=list)  # newest first
    next_id: int = 0

    def as_api(self) -> dict:
        return {
            "id": self.id,
            "username": self.username,
            "acct": self.username,
            "display_name": self.display_name,
            "url": f"https://{self.instance}/@{self.username}",
            "avatar": f"https://{self.instance}/avatars/{self.id}.png",
            "statuses_count": len(self.statuses),
        }

    def _new_id(self) -> str:
        self.next_id += 1
        return str(110_000_000_000_000_000 + self.next_id * 1000)

    def status(self, content: str, *, reply_to: str | None = None, language: str = "en") -> dict:
        """Add a status on top (newest first); ``content`` is its HTML."""
        status_id = self._new_id()
        status = {
            "id": status_id,
            "created_at": f"2024-05-01T00:00:{self.next_id % 60:02d}.000Z",
            "in_reply_to_id": reply_to,
            "visibility": "public",
            "language": language,
            "uri": f"https://{self.instance}/users/{self.username}/statuses/{status_id}",
            "url": f"https://{self.instance}/@{self.username}/{status_id}",
            "content": content,
            "reblog": None,
            "account": self.as_api(),
        }
        self.statuses.insert(0, status)
        return status

    def text(self, *paragraphs: str, **kwargs) -> dict:
        """A status of plain paragraphs (escaped as Mastodon escapes typed text)."""
        body = "".join(
            f"<p>{'<br />'.join(html.escape(line, quote=False) for line in p.split(chr(10)))}</p>"
            for p in paragraphs
        )
        return self.status(body, **kwargs)

    def reblog(self, content: str, of: str = "other@elsewhere.social") -> dict:
        status_id = self._new_id()
        original = {
            "id": "1",
            "content": content,
            "language": "en",
            "account": {"acct": of, "username": of.split("@")[0]},
        }
        status = {
            "id": status_id,
            "created_at": f"2024-05-01T00:00:{self.next_id % 60:02d}.000Z",
            "in_reply_to_id": None,
            "content": "",
            "language": None,
            "reblog": original,
            "uri": f"https://{self.instance}/users/{self.username}/statuses/{status_id}/activity",
            "url": None,
            "account": self.as_api(),
        }
        self.statuses.insert(0, status)
        return status


class MastodonServer(ScriptedServer):
    """Use as ``with MastodonServer() as masto``; ``masto.url`` goes into HT_MASTODON_API_URL."""

    def __init__(self, instance: str = "example.social") -> None:
        super().__init__()
        self.instance = instance
        self.accounts: dict[str, MastodonAccount] = {}
        self.require_auth = False
        self.reset_at = datetime.now(UTC) + timedelta(minutes=5)
        self.link_base: str | None = None  # base URL written into Link headers (default: url)
        self.link_loop = False
        self._first_max_id: str | None = None

    def add_account(self, username: str, display_name: str = "", **kwargs) -> MastodonAccount:
        account = MastodonAccount(
            id=str(100 + len(self.accounts)),
            username=username,
            display_name=display_name or username.title(),
            instance=self.instance,
            **kwargs,
        )
        self.accounts[username.lower()] = account
        return account

    def rate_headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "299",
            "X-RateLimit-Reset": iso_time(self.reset_at),
        }

    def route(self, request: Recorded) -> Answer:
        path, params = request.path, request.params
        if self.require_auth:
            return 401, {"error": "This API requires an authenticated user"}, {}
        if path == "/api/v1/accounts/lookup":
            account = self.accounts.get(params.get("acct", "").lower())
            if account is None:
                return 404, {"error": "Record not found"}, {}
            if account.suspended:
                return 410, {"error": "Account is suspended"}, {}
            return 200, account.as_api(), {}
        parts = path.strip("/").split("/")
        if len(parts) == 5 and parts[:3] == ["api", "v1", "accounts"] and parts[4] == "statuses":
            return self._statuses(parts[3], params)
        return 404, {"error": "Not Found"}, {}

    def _statuses(self, account_id: str, params: dict[str, str]) -> Answer:
        account = next((a for a in self.accounts.values() if a.id == account_id), None)
        if account is None:
            return 404, {"error": "Record not found"}, {}
        limit = min(int(params.get("limit", "20")), 40)
        items = account.statuses
        if "max_id" in params:
            items = [s for s in items if int(s["id"]) < int(params["max_id"])]
        if "since_id" in params:
            items = [s for s in items if int(s["id"]) > int(params["since_id"])]
        page = items[:limit]
        links = []
        base = f"{self.link_base or self.url}/api/v1/accounts/{account_id}/statuses"
        if len(page) == limit:
            max_id = page[-1]["id"]
            if self.link_loop:
                self._first_max_id = self._first_max_id or max_id
                max_id = self._first_max_id
            links.append(f'<{base}?{urlencode({"limit": limit, "max_id": max_id})}>; rel="next"')
        if page:
            links.append(
                f'<{base}?{urlencode({"limit": limit, "min_id": page[0]["id"]})}>; rel="prev"'
            )
        return 200, page, ({"Link": ", ".join(links)} if links else {})
