"""The scrape stage: fetch each handle's posts and write them to ``raw/``.

Every handle is fetched and checked (enough text to train?) before anything is written, so bad
input leaves the store as it was. Each handle's ``.meta.json`` is written after its ``.jsonl``
and is the marker a rerun trusts: a crash between two handles keeps the first, refetches the
second. The person's avatar, when one can be had (``job.avatar``), is stored before the marker.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from job import avatar, layout, markers
from job.bots import Bot, Handle
from job.dataset import check_enough_text, curate_handle
from job.options import RunOptions
from job.sources import source_for
from job.sources.base import Fetched
from job.store import Store, write_json, write_text

log = logging.getLogger("htctl")


def is_scraped(store: Store, bot: Bot, handle: str) -> bool:
    """The marker is there and valid, and so are the posts it vouches for (a store pruned by
    hand)."""
    return markers.raw_meta(store, bot.name, handle) is not None and store.exists(
        layout.raw_posts(bot.name, handle)
    )


def fetch(handle: Handle) -> Fetched:
    fetched = source_for(handle).fetch(handle)
    log.info("@%s: %d posts fetched from %s", handle.key, len(fetched.posts), handle.source)
    return fetched


def write_raw(store: Store, bot: Bot, handle: Handle, fetched: Fetched) -> None:
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in fetched.posts)
    write_text(store, layout.raw_posts(bot.name, handle.key), lines)
    meta = fetched.profile.as_dict() | {
        "handle": handle.key,
        "source": handle.source,
        "posts": len(fetched.posts),
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_json(store, layout.raw_meta(bot.name, handle.key), meta)


def scrape(store: Store, bot: Bot, options: RunOptions) -> None:
    """The stage: fetch the handles whose raw data is missing (all with ``--force``).

    Every handle is fetched and checked before the later stages' markers are deleted and the
    first file is written; a refetched handle's own marker goes just before its posts.
    """
    todo = [h for h in bot.handles if options.force or not is_scraped(store, bot, h.key)]
    fetched, pictures = {}, {}
    for handle in todo:
        fetched[handle.key] = fetch(handle)
        check_enough_text(handle.key, curate_handle(handle.key, fetched[handle.key].posts))
        pictures[handle.key] = avatar.fetch_avatar(handle, fetched[handle.key].profile)
    if todo:
        # The handles kept are still trusted; what was built on the old posts is not.
        markers.invalidate(store, bot, "prepare")
    for handle in todo:
        store.delete(layout.raw_meta(bot.name, handle.key))
        avatar.store_avatar(store, bot.name, handle.key, pictures[handle.key])  # before the marker
        write_raw(store, bot, handle, fetched[handle.key])
