"""Mastodon: ``user@instance``'s public posts through the instance's own public API.

    GET /api/v1/accounts/lookup?acct=USER              the account (id, display name, avatar)
    GET /api/v1/accounts/:id/statuses?limit=40&max_id=M  statuses, newest first; the next page's
                                                        max_id comes from the Link header
                                                        (rel="next")

Settings (environment):

    HT_MASTODON_API_URL        base URL instead of https://INSTANCE (tests, proxies)
    HT_MASTODON_MAX_POSTS      newest statuses to read (default 3200, like X's timeline; 0: all)
    HT_MASTODON_MAX_RATE_WAIT  longest wait for a rate-limit reset (``X-RateLimit-Reset``, ISO)
    HT_MASTODON_RETRIES, HT_MASTODON_BACKOFF   tries and first backoff for 5xx and network errors

How a status becomes a raw post, with X's semantics for the data rules:
- a reblog (``reblog`` not null) is a retweet;
- the HTML ``content`` becomes plain text: ``<br>`` and paragraph breaks become newlines (the
  rules fold them later, as they fold X's), mentions and hashtags keep their visible text
  (``@user``, ``#tag``), and a link whose visible text is a URL becomes its full ``href``
  (Mastodon shows it shortened, without the scheme) so the URL rules remove it; a link on
  words keeps the words;
- entities are decoded once, then ``&``, ``<`` and ``>`` are escaped as X escapes them, so the
  rules' fix_text gives back exactly what was written (a post that says ``&amp;`` keeps it).

An unknown account is HTTP 404 (``{"error": "Record not found"}``), a suspended one 410:
UnknownUser, exit 2. An instance that serves its API only to logged-in users answers 401:
ConfigError, exit 3.

The answers are untrusted: an account without an id, statuses that are not a list, a status
that is not an object or has no id are an unexpected answer (exit 2). The account id goes into
the path percent-encoded. The ``rel="next"`` link is never requested: only its ``max_id`` is
read, and only from a link to the statuses of the same account on the API's host, the host
that answered, or the account's instance; any other link, a repeated ``max_id``, or a page of
statuses already seen ends paging with a warning, keeping what was fetched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs

import httpx

from job import config
from job.bots import Handle
from job.errors import BadInput, ConfigError, InsecureTransport, UnknownUser
from job.progress import progress
from job.sources.base import (
    Fetched,
    Profile,
    escape_like_x,
    is_api_id,
    max_posts_from_env,
    text_or_none,
)
from job.sources.http import ApiClient, path_segment
from job.sources.paging import PageGuard
from job.sources.policy import RetryPolicy, base_url_from_env

log = logging.getLogger("htctl")

PAGE_SIZE = 40  # the statuses endpoint's largest limit
_BLOCKS = {"p", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


class MastodonSource:
    name = "mastodon"
    incremental = True

    def __init__(
        self,
        base_url: str | None = None,
        policy: RetryPolicy | None = None,
        max_posts: int | None = 3200,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url  # None: the account's instance
        self.policy = policy or RetryPolicy(
            reset_header="x-ratelimit-reset", wait_setting="HT_MASTODON_MAX_RATE_WAIT"
        )
        self.max_posts = max_posts
        self._sleep = sleep

    @classmethod
    def from_env(cls, sleep: Callable[[float], None] = time.sleep) -> MastodonSource:
        overridden = config.text("HT_MASTODON_API_URL") is not None
        return cls(
            base_url=base_url_from_env("HT_MASTODON_API_URL", "") if overridden else None,
            policy=RetryPolicy.from_env("HT_MASTODON", reset_header="x-ratelimit-reset"),
            max_posts=max_posts_from_env("HT_MASTODON_MAX_POSTS"),
            sleep=sleep,
        )

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        """Account and statuses, newest first; with ``since_id`` only statuses newer than it."""
        user, _, instance = handle.name.partition("@")
        base = self.base_url or f"https://{instance.lower()}"
        service = f"Mastodon API of {instance}"
        with ApiClient(base, service, policy=self.policy, sleep=self._sleep) as api:
            try:
                account = lookup_account(api, user, instance)
                posts = self._statuses(api, account, handle, since_id)
            except InsecureTransport:
                raise
            except ConfigError as err:
                raise ConfigError(
                    f"{instance} does not serve its public API without logging in ({err})"
                ) from None
        return Fetched(
            profile=Profile(
                handle=f"{text_or_none(account.get('username')) or user}@{instance}",
                display_name=text_or_none(account.get("display_name"))
                or text_or_none(account.get("username"))
                or user,
                avatar_url=text_or_none(account.get("avatar")),
                source="mastodon",
                extra={"account_id": account["id"], "url": text_or_none(account.get("url"))},
            ),
            posts=posts,
        )

    def _statuses(
        self, api: ApiClient, account: dict, handle: Handle, since_id: str | None
    ) -> list[dict]:
        posts: list[dict] = []
        with progress(f"@{handle.name}: Mastodon posts", total=self.max_posts, unit="posts") as bar:
            instance = handle.name.partition("@")[2]
            for status in statuses(api, account["id"], since_id, instance):
                if since_id and not is_newer(str(status["id"]), since_id):
                    break
                posts.append(raw_post(status))
                bar.advance()
                if self.max_posts and len(posts) >= self.max_posts:
                    break
        return posts


def lookup_account(api: ApiClient, user: str, instance: str) -> dict:
    response = api.get("/api/v1/accounts/lookup", {"acct": user})
    if response.status_code in (404, 410):
        gone = "suspended" if response.status_code == 410 else "unknown"
        raise UnknownUser(f"{gone} Mastodon account @{user}@{instance}")
    if response.status_code >= 400:
        raise BadInput(f"Mastodon lookup of @{user}@{instance}: HTTP {response.status_code}")
    account = api.json(response, "/api/v1/accounts/lookup")
    if not isinstance(account, dict) or not is_api_id(account.get("id")):
        raise api.unexpected(f"the account @{user}@{instance} has no valid id")
    if account.get("suspended"):
        raise UnknownUser(f"suspended Mastodon account @{user}@{instance}")
    return account


def statuses(
    api: ApiClient, account_id: str | int, since_id: str | None, instance: str = ""
) -> Iterator[dict]:
    """Statuses newest first, page by page: each next page's ``max_id`` is read from the Link
    header (only its query: the link itself is never requested), until there is none or the
    page guard ends a loop that makes no progress. Statuses already seen are dropped."""
    params: dict[str, Any] = {"limit": PAGE_SIZE}
    if since_id:
        params["since_id"] = since_id
    path = f"/api/v1/accounts/{path_segment(account_id)}/statuses"
    guard = PageGuard(api.service, f"the statuses of account {account_id}")
    while True:
        response = api.get(path, params)
        if response.status_code >= 400:
            raise BadInput(f"{api.service} refused the statuses: HTTP {response.status_code}")
        body = api.json(response, path)
        if not isinstance(body, list):
            raise api.unexpected(f"the statuses of account {account_id} are not a list")
        for number, status in enumerate(body, start=1):
            problem = status_problem(status)
            if problem:
                page = guard.pages + 1
                raise api.unexpected(f"status {number} of page {page} of {account_id} {problem}")
        fresh = guard.fresh(str(status["id"]) for status in body)
        log.debug("mastodon %s: page %d, %d statuses", account_id, guard.pages, len(body))
        yield from (status for status, new in zip(body, fresh, strict=True) if new)
        link = response.links.get("next", {}).get("url")
        allowed = {api.base_url.host, response.url.host, instance.lower()} - {""}
        max_id = next_max_id(link, str(account_id), allowed, api.service)
        if not guard.follow(max_id):
            return
        params = {**params, "max_id": max_id}


def status_problem(status: Any) -> str | None:
    """Why a status cannot be read as a post (what follows "status N"), or None."""
    if not isinstance(status, dict):
        return f"is {type(status).__name__}, not an object"
    if not is_api_id(status.get("id")):
        return "has no valid id"
    return None


def next_max_id(
    url: str | None, account_id: str, hosts: set[str], service: str = "Mastodon API"
) -> str | None:
    """The ``max_id`` of a ``rel="next"`` link, or None (paging ends) when there is none or
    the link points elsewhere than the same account's statuses on one of ``hosts``."""
    if not url:
        return None
    try:
        link = httpx.URL(url)
    except httpx.InvalidURL:
        link = None
    expected = f"/api/v1/accounts/{account_id}/statuses"
    if link is None or link.host not in hosts or not link.path.endswith(expected):
        log.warning(
            "%s: the next-page link points elsewhere than this account's statuses (%s); "
            "paging ends",
            service,
            "unreadable" if link is None else link.host or "no host",
        )
        return None
    values = parse_qs(link.query.decode("ascii", "replace")).get("max_id")
    return values[0] if values and values[0] else None


def is_newer(status_id: str, since_id: str) -> bool:
    """Mastodon ids are time-ordered integers; other servers' ids only compare for equality."""
    if status_id.isdigit() and since_id.isdigit():
        return int(status_id) > int(since_id)
    return status_id != since_id


def raw_post(status: dict) -> dict:
    """A status that passed ``status_problem`` as a raw post; optional fields of the wrong
    type are left out."""
    reblog = status.get("reblog")
    shown = reblog if isinstance(reblog, dict) else status
    post = {
        "id": str(status["id"]),
        "text": escape_like_x(html_to_text(text_or_none(shown.get("content")) or "")),
        "created_at": text_or_none(status.get("created_at")),
        "is_retweet": isinstance(reblog, dict),
        "lang": text_or_none(shown.get("language")),
        "source": "mastodon",
        "url": text_or_none(status.get("url")) or text_or_none(status.get("uri")),
    }
    if status.get("in_reply_to_id"):
        post["is_reply"] = True
    if isinstance(reblog, dict):
        account = reblog.get("account")
        post["reblogged_from"] = (
            text_or_none(account.get("acct")) if isinstance(account, dict) else None
        )
    return post


class _TextParser(HTMLParser):
    """Mastodon status HTML to plain text (see the module doc)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.link: dict | None = None  # the <a> being read: href, kind, text parts
        self.hidden = 0  # depth inside a quote-inline span (the fallback link of a quote)

    def _emit(self, text: str) -> None:
        if self.hidden:
            return
        if self.link is not None:
            self.link["text"].append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        classes = attr.get("class", "").split()
        if self.hidden or (tag == "span" and "quote-inline" in classes):
            self.hidden += tag == "span"
            return
        if tag == "br":
            self._emit("\n")
        elif tag in _BLOCKS and "".join(self.out).strip():
            self._emit("\n\n")
        elif tag == "a" and self.link is None:
            tagged = {"mention", "hashtag"} & set(classes) or "tag" in attr.get("rel", "").split()
            self.link = {"href": attr.get("href", ""), "tagged": bool(tagged), "text": []}

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden -= tag == "span"
            return
        if tag == "a" and self.link is not None:
            link, self.link = self.link, None
            self._emit(link_text(link["href"], "".join(link["text"]), link["tagged"]))

    def handle_data(self, data: str) -> None:
        self._emit(data)


def link_text(href: str, shown: str, tagged: bool) -> str:
    """What a link contributes to the text: its href when it shows a URL, else what it shows."""
    if tagged or not href.startswith(("http://", "https://")):
        return shown
    text = shown.strip()
    looks_like_url = text.startswith(("http:", "https:")) or ("." in text or "/" in text)
    if text and looks_like_url and not any(c.isspace() for c in text):
        return href
    return shown


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    if parser.link is not None:  # an unclosed <a>: keep what it showed
        parser.out.append("".join(parser.link["text"]))
    return "".join(parser.out).strip()
