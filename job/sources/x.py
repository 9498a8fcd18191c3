"""The X API v2 source: look the user up by username, then read their timeline page by page.

Settings (environment):

    HT_X_BEARER_TOKEN   app bearer token (required; never logged)
    HT_X_API_URL        base URL, default https://api.x.com (the client appends /2/...)
    HT_X_MAX_RATE_WAIT  longest wait for a rate-limit reset, seconds (default 900)
    HT_X_RETRIES        tries for 5xx and network errors, the first included (default 6)
    HT_X_BACKOFF        seconds before the first retry, doubled each time (default 1)

X answers an unknown or suspended username with HTTP 200 and an ``errors`` array instead of a
404, so the lookup reads the body, not only the status. The timeline endpoint serves at most
the 3,200 most recent posts; we stop there even if a server offers more.

The answers are untrusted: a user without an id or username, ``data`` that is not a list, a
post that is not an object or has no id or text are an unexpected answer (exit 2). Paging ends
at an empty page (with a log line, even if it carries a ``next_token``), and with a warning,
keeping what was fetched, at a repeated ``next_token`` or a page of posts already seen. The
user id goes into the timeline path percent-encoded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from job import config
from job.bots import Handle
from job.errors import BadInput, ConfigError, UnknownUser
from job.progress import progress
from job.sources.base import Fetched, Profile, is_api_id, text_or_none
from job.sources.http import ApiClient, path_segment
from job.sources.paging import PageGuard
from job.sources.policy import RetryPolicy, base_url_from_env

log = logging.getLogger("htctl")

DEFAULT_API_URL = "https://api.x.com"
MAX_POSTS = 3200  # the user timeline endpoint's documented depth
PAGE_SIZE = 100  # the endpoint's largest max_results
USER_FIELDS = "name,username,profile_image_url,protected,public_metrics"
TWEET_FIELDS = "created_at,lang,referenced_tweets,note_tweet,conversation_id,in_reply_to_user_id"


class XSource:
    """Fetch one handle's profile and most recent posts from the X API v2."""

    name = "x"
    incremental = True  # fetch(since_id=...) returns only newer posts

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_API_URL,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not token:
            raise ConfigError("the X API needs a bearer token: set HT_X_BEARER_TOKEN")
        self._token = token
        self.base_url = base_url
        self.policy = policy or RetryPolicy(wait_setting="HT_X_MAX_RATE_WAIT")
        self._sleep = sleep

    def __repr__(self) -> str:  # keeps the token out of any repr-based log or traceback
        return f"XSource(base_url={self.base_url!r})"

    @classmethod
    def from_env(cls, sleep: Callable[[float], None] = time.sleep) -> XSource:
        """Build from the HT_X_* settings; a missing token is ConfigError before any request."""
        token = config.text("HT_X_BEARER_TOKEN")
        if not token:
            raise ConfigError(
                "HT_X_BEARER_TOKEN is not set: the x source needs an X API v2 bearer token "
                "(or give --source archive:PATH)"
            )
        return cls(
            token=token,
            base_url=base_url_from_env("HT_X_API_URL", DEFAULT_API_URL),
            policy=RetryPolicy.from_env("HT_X", reset_header="x-rate-limit-reset"),
            sleep=sleep,
        )

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        """Profile and posts, newest first; with ``since_id`` only posts newer than it."""
        with self._client() as client:
            user = lookup_user(client, handle.name)
            metrics = user.get("public_metrics")
            expected = metrics.get("tweet_count") if isinstance(metrics, dict) else None
            known = isinstance(expected, int) and not isinstance(expected, bool) and expected >= 0
            total = min(expected, MAX_POSTS) if known else None
            posts: list[dict] = []
            with progress(f"@{user['username']}: X posts", total=total, unit="posts") as bar:
                for number, page in enumerate(timeline_pages(client, user, since_id), start=1):
                    take = page[: MAX_POSTS - len(posts)]
                    posts.extend(take)
                    bar.advance(len(take))
                    log.debug("@%s: page %d, %d posts", user["username"], number, len(take))
                    if len(posts) >= MAX_POSTS:
                        break
        profile = Profile(
            handle=user["username"],
            display_name=text_or_none(user.get("name")) or user["username"],
            avatar_url=large_avatar(text_or_none(user.get("profile_image_url"))),
            source="x",
            extra={"user_id": user["id"]},
        )
        return Fetched(profile=profile, posts=posts)

    def _client(self) -> ApiClient:
        return ApiClient(
            self.base_url,
            "X API",
            headers={"Authorization": f"Bearer {self._token}"},
            policy=self.policy,
            sleep=self._sleep,
        )


def lookup_user(client: ApiClient, username: str) -> dict:
    """The user object for ``username``; UnknownUser for unknown or suspended accounts."""
    path = f"/2/users/by/username/{path_segment(username)}"
    body = client.get_json(path, {"user.fields": USER_FIELDS})
    user = body.get("data") if isinstance(body, dict) else None
    if user is None:
        raise UnknownUser(_lookup_error(username, body))
    if not isinstance(user, dict) or not is_api_id(user.get("id")):
        raise client.unexpected(f"the user @{username} has no valid id")
    if not text_or_none(user.get("username")):
        raise client.unexpected(f"the user @{username} has no username")
    return user


def _lookup_error(username: str, body: Any) -> str:
    errors = body.get("errors") if isinstance(body, dict) else None
    first = errors[0] if isinstance(errors, list) and errors else {}
    first = first if isinstance(first, dict) else {}
    detail = " ".join(str(first.get("detail") or first.get("title") or "").split())
    if "suspended" in detail.lower() or first.get("title") == "Forbidden":
        return f"X user @{username} is suspended ({detail or 'Forbidden'})"
    if detail:
        return f"unknown X user @{username}: {detail}"
    return f"unknown X user @{username}: the API returned no user"


def timeline_pages(
    client: ApiClient, user: dict, since_id: str | None = None
) -> Iterator[list[dict]]:
    """The user's posts, newest first, one API page at a time, until no ``next_token``
    (or until the page guard ends a loop that makes no progress). Posts already seen in an
    earlier page are dropped."""
    params: dict[str, Any] = {"max_results": PAGE_SIZE, "tweet.fields": TWEET_FIELDS}
    if since_id:
        params["since_id"] = since_id
    path = f"/2/users/{path_segment(user['id'])}/tweets"
    who = f"@{user['username']}"
    guard = PageGuard(client.service, f"the posts of {who}")
    while True:
        body = client.get_json(path, params)
        if not isinstance(body, dict):
            raise client.unexpected(f"a timeline page of {who} is not a JSON object")
        data = body.get("data")
        if data is None and body.get("errors"):
            raise BadInput(_timeline_error(user, body["errors"]))
        if data is None:
            data = []
        if not isinstance(data, list):
            raise client.unexpected(f"'data' of a timeline page of {who} is not a list")
        for number, tweet in enumerate(data, start=1):
            problem = tweet_problem(tweet)
            if problem:
                page = guard.pages + 1
                raise client.unexpected(f"post {number} of page {page} of {who} {problem}")
        posts = [raw_post(tweet) for tweet in data]
        fresh = guard.fresh(post["id"] for post in posts)
        yield [post for post, new in zip(posts, fresh, strict=True) if new]
        meta = body.get("meta")
        token = meta.get("next_token") if isinstance(meta, dict) else None
        if token is not None and not isinstance(token, str):
            raise client.unexpected(f"the next_token of a timeline page of {who} is not a string")
        if not guard.follow(token):
            return
        params = {**params, "pagination_token": token}


def tweet_problem(tweet: Any) -> str | None:
    """Why an API v2 tweet cannot be read as a post (what follows "post N"), or None."""
    if not isinstance(tweet, dict):
        return f"is {type(tweet).__name__}, not an object"
    if not is_api_id(tweet.get("id")):
        return "has no valid id"
    note = tweet.get("note_tweet")
    if isinstance(note, dict) and isinstance(note.get("text"), str) and note["text"]:
        return None
    if not isinstance(tweet.get("text"), str):
        return "has no text"
    return None


def _timeline_error(user: dict, errors: Any) -> str:
    first = errors[0] if isinstance(errors, list) and errors else {}
    first = first if isinstance(first, dict) else {}
    detail = " ".join(str(first.get("detail") or first.get("title") or "").split())
    reason = "the account is protected" if user.get("protected") else detail
    return f"cannot read the posts of X user @{user['username']}: {reason}"


def raw_post(tweet: dict) -> dict:
    """One API v2 tweet as a raw post (docs/store.md): long posts keep their full note text.

    ``tweet`` passed ``tweet_problem``; optional fields of the wrong type are left out."""
    note = tweet.get("note_tweet")
    note_text = note.get("text") if isinstance(note, dict) else None
    text = note_text if isinstance(note_text, str) and note_text else tweet["text"]
    listed = tweet.get("referenced_tweets")
    references = [
        {"type": r.get("type"), "id": r.get("id")}
        for r in (listed if isinstance(listed, list) else [])
        if isinstance(r, dict)
    ]
    post = {
        "id": str(tweet["id"]),
        "text": text,
        "created_at": text_or_none(tweet.get("created_at")),
        "is_retweet": any(r["type"] == "retweeted" for r in references),
        "lang": text_or_none(tweet.get("lang")),
        "source": "x",
    }
    if references:
        post["referenced_tweets"] = references
    if tweet.get("conversation_id"):
        post["conversation_id"] = tweet["conversation_id"]
    return post


def large_avatar(url: str | None) -> str | None:
    """X serves 48x48 ``_normal`` avatars; the 400x400 variant shares the URL otherwise."""
    if not url:
        return None
    return url.replace("_normal.", "_400x400.")
