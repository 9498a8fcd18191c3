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

from job.bots import PATH_SOURCES, Bot, Handle, make_bot, parse_handle
from job.errors import BadInput
from job.sources.base import Source


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
