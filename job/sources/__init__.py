"""Sources fetch one handle's posts and profile. Each source is a module with one job.

A raw post is a plain dict, stored as one JSON line in ``raw/<handle>.jsonl``:
``{"id", "text", "created_at", "is_retweet", "lang", "source"}`` (sources may add fields).
``text`` follows X's convention (``&``, ``<``, ``>`` as entities where the service escapes
them) so that the shared data rules read every source alike.

API sources (x, bsky, mastodon) take ``since_id``: the newest post already stored; they return
only newer posts (X's ``since_id``; the others stop paging at the first post that is not newer).
Snapshot sources (archive, file) always return everything: they have ``incremental = False``.

A post the snapshot sources read without an id gets one derived from its content
(:func:`fill_missing_ids`), so such posts never collapse into one when posts are merged by id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Protocol

from job import config
from job.bots import PATH_SOURCES, Bot, Handle, make_bot, parse_handle
from job.errors import BadInput

MiB = 1024 * 1024
# Ids htctl derives start with this; no service's ids do (X and Mastodon: digits, Bluesky:
# at:// URIs), so a derived id never equals a real one.
CONTENT_ID_PREFIX = "noid:"


@dataclass
class Profile:
    handle: str
    display_name: str | None = None
    avatar_url: str | None = None
    source: str = "x"
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Fetched:
    profile: Profile
    posts: list[dict]


class Source(Protocol):
    name: str
    incremental: bool  # True: fetch(since_id=...) returns only newer posts

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched: ...


def parse_source_spec(spec: str, handle: Handle) -> Handle:
    """Attach a ``--source`` value to a handle: ``x``, ``archive:PATH`` or ``file:PATH`` for a
    handle written plainly; ``bsky`` or ``mastodon`` only confirm a handle that already says
    so (their handles are not X handles: write ``bsky:alice.bsky.social`` in the bot)."""
    kind, _, rest = spec.partition(":")
    if kind in ("bsky", "mastodon") and not rest:
        if handle.source == kind:
            return handle
        raise BadInput(
            f"--source {kind} needs a {kind} handle: write {kind}:HANDLE in the bot instead "
            f"of {handle.spec!r}"
        )
    if handle.source != "x" and handle.source != kind:
        raise BadInput(
            f"--source {spec!r} conflicts with {handle.spec!r}, which names its own source"
        )
    if kind == "x" and not rest:
        return Handle(name=handle.name, source="x")
    if kind in PATH_SOURCES and rest:
        return parse_handle(f"{kind}:{handle.name}={rest}")
    raise BadInput(
        f"invalid --source {spec!r}: expected x, archive:PATH, file:PATH, bsky or mastodon"
    )


def bind_sources(bot: Bot, specs: list[str]) -> Bot:
    """Match ``--source`` values to the bot's handles, one per handle in the bot's order."""
    if not specs:
        return bot
    if len(specs) != len(bot.handles):
        raise BadInput(
            f"bot {bot.name} has {len(bot.handles)} handle(s) but {len(specs)} --source "
            "value(s) were given: give one per handle, in the bot's order"
        )
    return make_bot([parse_source_spec(s, h) for s, h in zip(specs, bot.handles, strict=True)])


def source_for(handle: Handle) -> Source:
    if handle.source == "archive":
        from job.sources.archive import ArchiveSource

        return ArchiveSource()
    if handle.source == "x":
        from job.sources.x import XSource

        return XSource.from_env()
    if handle.source == "bsky":
        from job.sources.bsky import BlueskySource

        return BlueskySource.from_env()
    if handle.source == "mastodon":
        from job.sources.mastodon import MastodonSource

        return MastodonSource.from_env()
    if handle.source == "file":
        from job.sources.files import FileSource

        return FileSource()
    raise BadInput(f"unknown source {handle.source!r} for {handle.name}")


def max_posts_from_env(name: str, default: int = 3200) -> int | None:
    """How many of the newest posts to fetch (``0``: all); X's API stops at 3,200, so the
    other APIs default to the same for comparable bots."""
    return int(config.number(name, default)) or None


def describe_size(size: int) -> str:
    """``536870912`` -> ``512 MiB``, ``2**30`` -> ``1 GiB``; other sizes in bytes."""
    for unit, scale in (("GiB", 1024 * MiB), ("MiB", MiB)):
        if size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def content_id(created_at: str | None, text: str) -> str:
    """A stable id for a post that has none: the same post always gets the same id."""
    digest = hashlib.sha256(json.dumps([created_at, text]).encode("utf-8")).hexdigest()
    return CONTENT_ID_PREFIX + digest[:16]


def has_id(post: dict) -> bool:
    return post.get("id") not in (None, "")


def fill_missing_ids(posts: list[dict]) -> list[dict]:
    """Give each post without an id its :func:`content_id`; the second, third ... copy of an
    identical post (same ``created_at`` and text) gets ``:2``, ``:3`` ... so that copies stay
    distinct posts, as they were in the file."""
    copies: dict[str, int] = {}
    for post in posts:
        if has_id(post):
            continue
        base = content_id(post.get("created_at"), post["text"])
        copies[base] = copies.get(base, 0) + 1
        post["id"] = base if copies[base] == 1 else f"{base}:{copies[base]}"
    return posts
