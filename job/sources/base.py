"""What every source shares: the Profile and Fetched it returns, the Source protocol, the
helpers that shape a raw post (ids derived from content, text escaped as X escapes it), and
the limits on how much a source reads.

A leaf of ``job.sources``: the source modules import it, never the package itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol, TypeVar

from job import config
from job.bots import Handle

MiB = 1024 * 1024
# Ids htctl derives start with this; no service's ids do (X and Mastodon: digits, Bluesky:
# at:// URIs), so a derived id never equals a real one.
CONTENT_ID_PREFIX = "noid:"

L = TypeVar("L")


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


def escape_like_x(text: str) -> str:
    """X's API escapes these three in post text; the data rules undo exactly this."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_api_id(value: Any) -> bool:
    """An API id: a non-empty string or an integer (bool is not one)."""
    if isinstance(value, bool):
        return False
    return (isinstance(value, str) and value != "") or isinstance(value, int)


def text_or_none(value: Any) -> str | None:
    """A non-empty string as it is; anything else (an API field of the wrong type) None."""
    return value if isinstance(value, str) and value else None


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


def limits_from_env(cls: type[L], **settings: str) -> L:
    """``cls``, a dataclass of limits, with each named field read from its setting (a whole
    number, at least 1; the field's default when unset), in the order given."""
    defaults: dict[str, Any] = {f.name: f.default for f in fields(cls)}
    return cls(
        **{name: config.whole(env, defaults[name], minimum=1) for name, env in settings.items()}
    )
