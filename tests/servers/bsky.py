"""A local Bluesky (AT Protocol AppView) server for tests: real HTTP on loopback.

It serves the two XRPC methods the bsky source uses, with the documented shapes:

    GET /xrpc/app.bsky.actor.getProfile?actor=HANDLE|DID
        200 profileViewDetailed, or 400 {"error": "InvalidRequest", "message": "Profile not
        found"} (unknown), {"error": "AccountTakedown"} (taken down)
    GET /xrpc/app.bsky.feed.getAuthorFeed?actor=&limit=1..100&cursor=&filter=
        200 {"feed": [feedViewPost], "cursor"?}; an opaque cursor while more items remain
        (with ``trailing_cursor`` also on the last page, then an empty page, as the real
        AppView does); filters posts_with_replies, posts_no_replies

Every answer carries the ``ratelimit-limit/-remaining/-reset/-policy`` headers (reset in epoch
seconds). ``script`` queues faults answered before normal handling; ``requests`` records what
clients sent (both from ``ScriptedServer``, tests/servers/base.py).

``paging`` makes getAuthorFeed misbehave the ways a broken or hostile AppView pages:

    "repeat_cursor"  every page offers the same cursor (the second page's)
    "repeat_page"    the cursor is ignored: the first page again, with a new cursor
    "endless"        past the last item, fresh made-up posts and a new cursor, forever
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field

from tests.servers.base import Answer, Recorded, ScriptedServer

REPOST = "app.bsky.feed.defs#reasonRepost"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid(n: int) -> str:
    """A 13-character TID for a sequence number: larger n sorts later, as timestamps do."""
    value = 1_700_000_000_000_000 + n * 1_000_000
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def link_facet(text: str, shown: str, uri: str) -> dict:
    """A link facet over the first occurrence of ``shown`` (byte offsets, as the lexicon says)."""
    start = text.encode().index(shown.encode())
    return {
        "$type": "app.bsky.richtext.facet",
        "index": {"byteStart": start, "byteEnd": start + len(shown.encode())},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
    }


@dataclass
class BskyAccount:
    did: str
    handle: str
    display_name: str
    avatar: str | None = None
    takedown: bool = False
    feed: list[dict] = field(default_factory=list)  # feedViewPost items, newest first
    seq: int = 0

    def profile(self) -> dict:
        return {
            "did": self.did,
            "handle": self.handle,
            "displayName": self.display_name,
            "avatar": self.avatar,
            "postsCount": sum(1 for i in self.feed if "reason" not in i),
        }

    def _author(self) -> dict:
        return {"did": self.did, "handle": self.handle, "displayName": self.display_name}

    def _post_view(self, rkey: str, record: dict, author: dict | None = None) -> dict:
        who = author or self._author()
        return {
            "uri": f"at://{who['did']}/app.bsky.feed.post/{rkey}",
            "cid": f"bafy{rkey}",
            "author": who,
            "record": record,
            "indexedAt": record["createdAt"],
            "replyCount": 0,
            "repostCount": 0,
            "likeCount": 0,
        }

    def post(
        self,
        text: str,
        *,
        facets: list[dict] | None = None,
        reply_to: str | None = None,
        quote: str | None = None,
        langs: tuple[str, ...] = ("en",),
    ) -> dict:
        """Add a post on top of the feed (newest first) and return its feed item."""
        self.seq += 1
        record: dict = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": f"2024-05-01T00:00:{self.seq % 60:02d}.000Z",
            "langs": list(langs),
        }
        if facets:
            record["facets"] = facets
        if reply_to:
            ref = {"uri": reply_to, "cid": "bafyparent"}
            record["reply"] = {"root": ref, "parent": ref}
        if quote:
            record["embed"] = {
                "$type": "app.bsky.embed.record",
                "record": {"uri": quote, "cid": "bafyq"},
            }
        item = {"post": self._post_view(tid(self.seq), record)}
        if reply_to:
            item["reply"] = {"root": {"uri": reply_to}, "parent": {"uri": reply_to}}
        self.feed.insert(0, item)
        return item

    def made_up(self, n: int) -> dict:
        """Feed item number ``n`` of an endless feed: never stored, distinct for each n."""
        record = {
            "$type": "app.bsky.feed.post",
            "text": f"made up post number {n} from a feed that never ends",
            "createdAt": "2024-01-01T00:00:00.000Z",
        }
        return {"post": self._post_view(f"endless{n}", record)}

    def repost(self, text: str, original_author: str = "someone.bsky.social") -> dict:
        """Add a repost of another account's post on top of the feed."""
        self.seq += 1
        author = {"did": f"did:plc:{original_author.split('.')[0]}", "handle": original_author}
        record = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": "2024-04-01T00:00:00.000Z",
        }
        item = {
            "post": self._post_view(tid(10_000 + self.seq), record, author),
            "reason": {
                "$type": REPOST,
                "by": self._author(),
                "uri": f"at://{self.did}/app.bsky.feed.repost/{tid(self.seq)}",
                "indexedAt": f"2024-05-01T00:00:{self.seq % 60:02d}.000Z",
            },
        }
        self.feed.insert(0, item)
        return item


class BskyServer(ScriptedServer):
    """Use as ``with BskyServer() as bsky``; ``bsky.url`` goes into HT_BSKY_API_URL."""

    def __init__(self, trailing_cursor: bool = False, paging: str = "normal") -> None:
        super().__init__()
        self.accounts: dict[str, BskyAccount] = {}
        self.trailing_cursor = trailing_cursor
        self.paging = paging
        self._fresh_cursors = 0
        self.reset_at = int(time.time()) + 300

    def add_account(self, handle: str, display_name: str = "", **kwargs) -> BskyAccount:
        handle = handle.lower()  # handles are case-insensitive; the AppView answers lower-case
        did = f"did:plc:{handle.split('.')[0]}{len(self.accounts)}"
        account = BskyAccount(
            did=did,
            handle=handle,
            display_name=display_name or handle.split(".")[0].title(),
            avatar=f"https://cdn.bsky.app/img/avatar/plain/{did}/bafkavatar@jpeg",
            **kwargs,
        )
        self.accounts[handle.lower()] = account
        return account

    def rate_headers(self) -> dict[str, str]:
        return {
            "ratelimit-limit": "3000",
            "ratelimit-remaining": "2999",
            "ratelimit-reset": str(self.reset_at),
            "ratelimit-policy": "3000;w=300",
        }

    def _find(self, actor: str) -> BskyAccount | None:
        for account in self.accounts.values():
            if actor.lower() in (account.handle.lower(), account.did):
                return account
        return None

    def route(self, request: Recorded) -> Answer:
        if request.path == "/xrpc/app.bsky.actor.getProfile":
            return self._profile(request.params)
        if request.path == "/xrpc/app.bsky.feed.getAuthorFeed":
            return self._author_feed(request.params)
        return 404, {"error": "MethodNotImplemented", "message": "Method Not Implemented"}, {}

    def _missing(self, account: BskyAccount | None) -> Answer | None:
        if account is None:
            return 400, {"error": "InvalidRequest", "message": "Profile not found"}, {}
        if account.takedown:
            return 400, {"error": "AccountTakedown", "message": "Account has been suspended"}, {}
        return None

    def _profile(self, params: dict[str, str]) -> Answer:
        account = self._find(params.get("actor", ""))
        return self._missing(account) or (200, account.profile(), {})

    def _author_feed(self, params: dict[str, str]) -> Answer:
        account = self._find(params.get("actor", ""))
        missing = self._missing(account)
        if missing:
            return missing
        limit = int(params.get("limit", "50"))
        if not 1 <= limit <= 100:
            return 400, {"error": "InvalidRequest", "message": "limit must be <= 100"}, {}
        items = account.feed
        if params.get("filter") == "posts_no_replies":
            items = [i for i in items if "reply" not in i]
        start = int(base64.urlsafe_b64decode(params["cursor"])) if "cursor" in params else 0
        if self.paging == "repeat_page":
            start = 0
        page = items[start : start + limit]
        if self.paging == "endless" and len(page) < limit:
            page = page + [account.made_up(n) for n in range(start + len(page), start + limit)]
        body: dict = {"feed": page}
        end = start + len(page)
        if end < len(items) or (self.trailing_cursor and page) or self.paging == "endless":
            body["cursor"] = _cursor(end)
        if self.paging == "repeat_cursor":
            body["cursor"] = _cursor(limit)
        elif self.paging == "repeat_page":
            self._fresh_cursors += 1
            body["cursor"] = _cursor(10**9 + self._fresh_cursors)
        return 200, body, {}


def _cursor(position: int) -> str:
    return base64.urlsafe_b64encode(str(position).encode()).decode()
