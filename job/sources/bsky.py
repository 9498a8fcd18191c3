"""Bluesky: a handle's public posts through the AT Protocol's public read API (no credentials).

    GET /xrpc/app.bsky.actor.getProfile?actor=HANDLE            display name and avatar
    GET /xrpc/app.bsky.feed.getAuthorFeed?actor=DID&limit=100&filter=posts_with_replies&cursor=C

Settings (environment):

    HT_BSKY_API_URL         base URL, default https://public.api.bsky.app
    HT_BSKY_MAX_POSTS       newest feed items to read (default 3200, like X's timeline; 0: all)
    HT_BSKY_MAX_RATE_WAIT   longest wait for a rate-limit reset (``ratelimit-reset``), seconds
    HT_BSKY_RETRIES, HT_BSKY_BACKOFF   tries and first backoff for 5xx and network errors

How a feed item becomes a raw post, with X's semantics for the data rules:
- a repost (``reason`` of type ``app.bsky.feed.defs#reasonRepost``) is a retweet; its id is the
  repost record's URI, so reposting one's own post twice is two items, as on X;
- replies and quote posts keep their own text (the quoted post is not added);
- a link facet (``app.bsky.richtext.facet#link``) replaces the text it covers, which Bluesky
  shortens (``example.com/some/pa...``, no scheme), with its full URI, so the URL rules remove
  it exactly as they remove an X link;
- ``&``, ``<`` and ``>`` are escaped as X escapes them, so the rules' fix_text gives back exactly
  what was written, and a post that literally says ``&amp;`` keeps it.

An unknown, taken-down or deactivated account is answered with HTTP 400 and an XRPC error body
(``{"error": "InvalidRequest", "message": "Profile not found"}``, ``AccountTakedown``,
``AccountDeactivated``): UnknownUser, exit 2.

The answers are untrusted: a profile without a did or handle, a ``feed`` that is not a list, an
item without a ``post`` object, URI or record are an unexpected answer (exit 2). Paging ends at
an empty page, and with a warning, keeping what was fetched, at a repeated cursor or a page of
items already seen; ``MAX_ITEMS`` bounds a feed read with ``HT_BSKY_MAX_POSTS=0``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from job.bots import Handle
from job.errors import BadInput, TransientError, UnknownUser
from job.progress import progress
from job.sources.base import Fetched, Profile, escape_like_x, max_posts_from_env, text_or_none
from job.sources.http import ApiClient
from job.sources.paging import PageGuard
from job.sources.policy import RetryPolicy, base_url_from_env

log = logging.getLogger("htctl")

DEFAULT_API_URL = "https://public.api.bsky.app"
PAGE_SIZE = 100  # getAuthorFeed's largest limit
FEED_FILTER = "posts_with_replies"  # everything the author posted or reposted, as X's timeline
REPOST = "app.bsky.feed.defs#reasonRepost"
LINK = "app.bsky.richtext.facet#link"
QUOTE_EMBEDS = ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia")
_TID_CHARS = set("234567abcdefghijklmnopqrstuvwxyz")


class BlueskySource:
    name = "bsky"
    incremental = True

    def __init__(
        self,
        base_url: str = DEFAULT_API_URL,
        policy: RetryPolicy | None = None,
        max_posts: int | None = 3200,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url
        self.policy = policy or RetryPolicy(
            reset_header="ratelimit-reset", wait_setting="HT_BSKY_MAX_RATE_WAIT"
        )
        self.max_posts = max_posts
        self._sleep = sleep

    @classmethod
    def from_env(cls, sleep: Callable[[float], None] = time.sleep) -> BlueskySource:
        return cls(
            base_url=base_url_from_env("HT_BSKY_API_URL", DEFAULT_API_URL),
            policy=RetryPolicy.from_env("HT_BSKY", reset_header="ratelimit-reset"),
            max_posts=max_posts_from_env("HT_BSKY_MAX_POSTS"),
            sleep=sleep,
        )

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        """Profile and feed items, newest first; with ``since_id`` only items newer than it."""
        with ApiClient(self.base_url, "Bluesky API", policy=self.policy, sleep=self._sleep) as api:
            profile = get_profile(api, handle.name)
            posts: list[dict] = []
            label = f"@{profile['handle']}: Bluesky posts"
            with progress(label, total=self.max_posts, unit="posts") as bar:
                for item in feed_items(api, profile["did"]):
                    if _reason(item).get("$type") not in (None, REPOST):
                        continue  # a pinned post (reasonPin) repeats a post of the feed
                    post = raw_post(item)
                    if since_id and not is_newer(post["id"], since_id):
                        break
                    posts.append(post)
                    bar.advance()
                    if self.max_posts and len(posts) >= self.max_posts:
                        break
        return Fetched(
            profile=Profile(
                handle=profile["handle"],
                display_name=profile.get("displayName") or profile["handle"],
                avatar_url=profile.get("avatar"),
                source="bsky",
                extra={"did": profile["did"]},
            ),
            posts=posts,
        )


def _xrpc_error(api: ApiClient, path: str, params: dict, actor: str) -> Any:
    """GET an XRPC method; its 400 error body names why (unknown account, blocked ...)."""
    response = api.get(path, params)
    if response.status_code == 400:
        try:
            body = api.json(response, path)
        except TransientError:  # a 400 whose body is not JSON: the account still cannot be read
            body = {}
        body = body if isinstance(body, dict) else {}
        # Redacted before the cut: a secret cut in half would no longer be recognised.
        error = api.redact(" ".join(str(body.get("error") or "InvalidRequest").split()))
        message = api.redact(" ".join(str(body.get("message") or error).split()))
        why = f"{message[:200]} ({error[:100]})"
        raise UnknownUser(f"Bluesky account @{actor} cannot be read: {why}")
    if response.status_code >= 400:
        raise BadInput(f"Bluesky API rejected {path}: HTTP {response.status_code}")
    return api.json(response, path)


def get_profile(api: ApiClient, actor: str) -> dict:
    body = _xrpc_error(api, "/xrpc/app.bsky.actor.getProfile", {"actor": actor}, actor)
    if (
        not isinstance(body, dict)
        or not text_or_none(body.get("did"))
        or not text_or_none(body.get("handle"))
    ):
        raise api.unexpected(f"the profile of @{actor} has no did or handle")
    return body


def feed_items(api: ApiClient, did: str) -> Iterator[dict]:
    """The author's feed items, newest first, following ``cursor`` until there is none (or
    until the page guard ends a loop that makes no progress). Items already seen in an
    earlier page are dropped."""
    params: dict[str, Any] = {"actor": did, "limit": PAGE_SIZE, "filter": FEED_FILTER}
    guard = PageGuard(api.service, f"the feed of {did}")
    while True:
        body = _xrpc_error(api, "/xrpc/app.bsky.feed.getAuthorFeed", params, did)
        feed = body.get("feed") if isinstance(body, dict) else None
        if not isinstance(feed, list):
            raise api.unexpected(f"a feed page of {did} has no feed list")
        for number, item in enumerate(feed, start=1):
            problem = item_problem(item)
            if problem:
                raise api.unexpected(f"item {number} of page {guard.pages + 1} of {did} {problem}")
        fresh = guard.fresh((_reason(item).get("$type"), item_id(item)) for item in feed)
        log.debug("bsky %s: page %d, %d items", did, guard.pages, len(feed))
        yield from (item for item, new in zip(feed, fresh, strict=True) if new)
        cursor = body.get("cursor")
        if cursor is not None and not isinstance(cursor, str):
            raise api.unexpected(f"the cursor of a feed page of {did} is not a string")
        if not guard.follow(cursor):
            return
        params = {**params, "cursor": cursor}


def item_problem(item: Any) -> str | None:
    """Why a feed item cannot be read as a post (what follows "item N"), or None."""
    if not isinstance(item, dict):
        return f"is {type(item).__name__}, not an object"
    post = item.get("post")
    if not isinstance(post, dict):
        return "has no post object"
    if not text_or_none(post.get("uri")):
        return "has no post URI"
    if not isinstance(post.get("record"), dict | None):
        return "has a record that is not an object"
    if not isinstance(item.get("reason"), dict | None):
        return "has a reason that is not an object"
    return None


def _reason(item: dict) -> dict:
    reason = item.get("reason")
    return reason if isinstance(reason, dict) else {}


def _obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def item_id(item: dict) -> str:
    reason = _reason(item)
    return repost_id(item["post"], reason) if reason.get("$type") == REPOST else item["post"]["uri"]


def raw_post(item: dict) -> dict:
    """A feed item that passed ``item_problem`` as a raw post; optional fields of the wrong
    type are left out."""
    post = item["post"]
    record = _obj(post.get("record"))
    reason = _reason(item)
    repost = reason.get("$type") == REPOST
    embed = _obj(record.get("embed")).get("$type")
    langs = record.get("langs")
    lang = langs[0] if isinstance(langs, list) and langs else None
    raw = {
        "id": item_id(item),
        "text": escape_like_x(
            expand_links(text_or_none(record.get("text")) or "", record.get("facets"))
        ),
        "created_at": text_or_none(reason.get("indexedAt") if repost else record.get("createdAt")),
        "is_retweet": repost,
        "lang": text_or_none(lang),
        "source": "bsky",
        "uri": post["uri"],
    }
    if record.get("reply"):
        raw["is_reply"] = True
    if embed in QUOTE_EMBEDS:
        raw["is_quote"] = True
    if repost:
        raw["reposted_from"] = text_or_none(_obj(post.get("author")).get("handle"))
    return raw


def repost_id(post: dict, reason: dict) -> str:
    """The repost record's URI; older AppViews omit it, so fall back to who and when."""
    if text_or_none(reason.get("uri")):
        return reason["uri"]
    by = text_or_none(_obj(reason.get("by")).get("did")) or ""
    return f"{post['uri']}#repost:{by}:{text_or_none(reason.get('indexedAt')) or ''}"


def expand_links(text: str, facets: Any) -> str:
    """Put each link facet's full URI in place of the (shortened) text it covers.

    Facet indices are UTF-8 byte offsets. Facets that overlap, fall outside the text, split a
    character or link to something other than http(s) are left as they are.
    """
    data = text.encode("utf-8")
    spans = []
    for facet in facets if isinstance(facets, list) else []:
        if not isinstance(facet, dict):
            continue
        index = _obj(facet.get("index"))
        start, end = index.get("byteStart"), index.get("byteEnd")
        features = facet.get("features")
        uri = next(
            (
                f.get("uri")
                for f in (features if isinstance(features, list) else [])
                if isinstance(f, dict) and f.get("$type") == LINK
            ),
            None,
        )
        if not isinstance(start, int) or not isinstance(end, int) or not isinstance(uri, str):
            continue
        if 0 <= start < end <= len(data) and uri.startswith(("http://", "https://")):
            spans.append((start, end, uri))
    out, last = [], 0
    for start, end, uri in sorted(spans):
        if start < last:
            continue
        try:
            before = data[last:start].decode("utf-8")
            data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        out.extend((before, uri))
        last = end
    out.append(data[last:].decode("utf-8", errors="replace"))
    return "".join(out)


def tid(item_id: str) -> str | None:
    """The record key of an AT URI when it is a TID (a sortable timestamp id), else None."""
    key = item_id.split("#", 1)[0].rsplit("/", 1)[-1]
    if len(key) == 13 and set(key) <= _TID_CHARS:
        return key
    return None


def is_newer(item_id: str, since_id: str) -> bool:
    """Whether a feed item is newer than the newest stored one: by TID when both have one."""
    if item_id == since_id:
        return False
    mine, theirs = tid(item_id), tid(since_id)
    if mine and theirs:
        return mine > theirs
    return True
