"""Sources fetch one handle's posts and profile. Each source is a module with one job.

A raw post is a plain dict, stored as one JSON line in ``raw/<handle>.jsonl``:
``{"id", "text", "created_at", "is_retweet", "lang", "source"}`` (sources may add fields).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

from job.bots import Bot, Handle
from job.errors import BadInput


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

    def fetch(self, handle: Handle) -> Fetched: ...


def parse_source_spec(spec: str, handle: Handle) -> Handle:
    """Attach a ``--source`` value (``x`` or ``archive:PATH``) to a handle."""
    kind, _, rest = spec.partition(":")
    if kind == "x" and not rest:
        return Handle(name=handle.name, source="x")
    if kind == "archive" and rest:
        return Handle(name=handle.name, source="archive", location=rest)
    raise BadInput(f"invalid --source {spec!r}: expected 'x' or 'archive:PATH'")


def bind_sources(bot: Bot, specs: list[str]) -> Bot:
    """Match ``--source`` values to the bot's handles, one per handle in the bot's order."""
    if not specs:
        return bot
    if len(specs) != len(bot.handles):
        raise BadInput(
            f"bot {bot.name} has {len(bot.handles)} handle(s) but {len(specs)} --source "
            "value(s) were given: give one per handle, in the bot's order"
        )
    return Bot(
        handles=tuple(parse_source_spec(s, h) for s, h in zip(specs, bot.handles, strict=True))
    )


def source_for(handle: Handle) -> Source:
    if handle.source == "archive":
        from job.sources.archive import ArchiveSource

        return ArchiveSource()
    if handle.source == "x":
        from job.sources.x import XSource

        return XSource.from_env()
    raise BadInput(f"unknown source {handle.source!r} for {handle.name}")
