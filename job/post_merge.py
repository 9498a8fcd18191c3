"""Merging freshly fetched posts into the stored ones, for ``htctl refresh``: which stored post
is the newest, and one copy of each post."""

from __future__ import annotations


def newest_id(posts: list[dict]) -> str | None:
    """The newest stored post id: numeric ids (X, Mastodon) by value, others (Bluesky's
    TID-keyed URIs) by their record key, which sorts by time."""
    ids = [str(p["id"]) for p in posts if p.get("id")]
    if not ids:
        return None
    if all(i.isdigit() for i in ids):
        return max(ids, key=int)
    return max(ids, key=lambda i: i.split("#", 1)[0].rsplit("/", 1)[-1])


def merge(new: list[dict], old: list[dict]) -> list[dict]:
    """New posts first (newest first, as fetched), then the stored ones; one copy of each id.

    A post without an id (raw data stored before sources derived one) is kept as it is:
    an empty id says nothing about which post it is, so it never stands for another."""
    seen: set[str] = set()
    merged = []
    for post in [*new, *old]:
        key = post.get("id")
        if key in (None, ""):
            merged.append(post)
            continue
        if str(key) in seen:
            continue
        seen.add(str(key))
        merged.append(post)
    return merged
