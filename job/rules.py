"""huggingtweets' data rules, kept exact so that stats.json counts match it post for post.

Order and regexes follow huggingtweets' demo notebook: fix HTML entities, delete URLs in five
passes per scheme (the order matters in rare cases such as ``foohttps://x bar``), fold
whitespace, then call a post *short* when fewer than three of its words are free of
``http``, ``@`` and ``#``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from job.separator import SEED_SEPARATOR as EOS  # posts are joined with it (job/separator.py)

MIN_CHARS = 6_000  # below this a handle cannot fill one training sample
WARN_CHARS = 40_000

_URL_SCHEMES = ("http:", "https:")
_URL_PASSES = [
    [
        re.compile(f" {scheme}\\S+"),  # space + URL
        re.compile(f"{scheme}\\S+ "),  # URL + space (a post that starts with a URL)
        re.compile(f"\n{scheme}\\S+ "),  # newline + URL + space
        re.compile(f"\n{scheme}\\S+"),  # URL alone at the end of a line
        re.compile(f"{scheme}\\S+"),  # anywhere else, glued to a word included
    ]
    for scheme in _URL_SCHEMES
]
_SPACES = re.compile(" +")
_BORING = ("http", "@", "#")


def fix_text(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def clean(text: str) -> str:
    for passes in _URL_PASSES:
        for pattern in passes:
            text = pattern.sub("", text)
    text = _SPACES.sub(" ", text)
    return " ".join(text.split()).strip()


def is_short(cleaned: str) -> bool:
    words = [w for w in cleaned.split() if all(b not in w.lower() for b in _BORING)]
    return len(words) < 3


def is_archive_retweet(text: str) -> bool:
    """In an X archive a retweet is only recognisable by its text."""
    return text.startswith("RT @")


@dataclass
class HandleCounts:
    downloaded: int = 0
    retweets: int = 0
    short: int = 0
    kept: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "downloaded": self.downloaded,
            "retweets": self.retweets,
            "short": self.short,
            "kept": self.kept,
        }

    def __str__(self) -> str:
        return (
            f"{self.downloaded} downloaded, {self.retweets} retweets, "
            f"{self.short} short, {self.kept} kept"
        )


@dataclass
class Curated:
    counts: HandleCounts
    kept: list[str] = field(default_factory=list)

    @property
    def kept_chars(self) -> int:
        return len(EOS.join(self.kept))


def curate(posts: Iterable[dict]) -> Curated:
    """Apply the rules to raw posts (dicts with ``text`` and ``is_retweet``)."""
    counts = HandleCounts()
    kept: list[str] = []
    for post in posts:
        counts.downloaded += 1
        if post.get("is_retweet"):
            counts.retweets += 1
            continue
        text = clean(fix_text(post.get("text") or ""))
        if is_short(text):
            counts.short += 1
            continue
        kept.append(text)
    counts.kept = len(kept)
    return Curated(counts=counts, kept=kept)
