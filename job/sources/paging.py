"""Progress checks for paging loops, so that no API can keep one going forever."""

from __future__ import annotations

import logging
from collections.abc import Hashable, Iterable

log = logging.getLogger("htctl")

MAX_PAGES = 5_000  # pages per paging loop (X's 3,200 posts are 32 pages of 100)
MAX_ITEMS = 100_000  # posts per handle and paging loop, whatever HT_*_MAX_POSTS says


class PageGuard:
    """Progress checks for one paging loop, so that no API can keep it going forever.

    Call ``fresh`` with each page's item keys (it drops items already seen in this loop), then
    ``follow`` with the cursor the page offered: True to fetch the next page. Paging ends
    normally when there is no cursor, with a log line when a page came back empty but still
    offered a cursor, and with a warning (keeping what was fetched) when the API misbehaves: a
    cursor offered before, a page with nothing new, or the ``MAX_PAGES``/``MAX_ITEMS`` caps.
    """

    def __init__(
        self,
        service: str,
        what: str,
        max_pages: int | None = None,
        max_items: int | None = None,
    ):
        self.service = service
        self.what = what  # "the posts of @alice", for log lines
        self.max_pages = max_pages or MAX_PAGES  # read at call time: tests may lower them
        self.max_items = max_items or MAX_ITEMS
        self.pages = 0
        self.items = 0
        self._seen: set[Hashable] = set()
        self._cursors: set[Hashable] = set()
        self._last_fresh = 0
        self._last_size = 0

    def fresh(self, keys: Iterable[Hashable]) -> list[bool]:
        """Count one page; for each item, whether it is new (not seen earlier in this loop)."""
        self.pages += 1
        marks = []
        for key in keys:
            new = key not in self._seen and self.items < self.max_items
            if new:
                self._seen.add(key)
                self.items += 1
            marks.append(new)
        self._last_size, self._last_fresh = len(marks), sum(marks)
        return marks

    def follow(self, cursor: Hashable | None) -> bool:
        """Whether to fetch the page ``cursor`` points at; logs why paging ends when not."""
        if cursor is None or cursor == "":
            return False
        kept = f"{self.items} fetched"
        if self._last_size == 0:
            log.info(
                "%s: an empty page of %s still offered a next page; paging ends (%s)",
                self.service,
                self.what,
                kept,
            )
            return False
        if self._last_fresh == 0:
            log.warning("%s repeated a page of %s; paging ends (%s)", self.service, self.what, kept)
            return False
        if cursor in self._cursors:
            log.warning(
                "%s offered a page cursor of %s a second time; paging ends (%s)",
                self.service,
                self.what,
                kept,
            )
            return False
        if self.items >= self.max_items or self.pages >= self.max_pages:
            log.warning(
                "%s: %s reached the cap of %d posts or %d pages; paging ends (%s)",
                self.service,
                self.what,
                self.max_items,
                self.max_pages,
                kept,
            )
            return False
        self._cursors.add(cursor)
        return True
