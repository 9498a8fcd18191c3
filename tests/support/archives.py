"""Synthetic X archives and posts, built in each test."""

from __future__ import annotations

import json
from pathlib import Path

_WORDS = [
    "garden",
    "river",
    "coffee",
    "morning",
    "rain",
    "bicycle",
    "library",
    "window",
    "autumn",
    "kettle",
    "lantern",
    "meadow",
    "harbor",
    "pencil",
    "violin",
    "orchard",
    "thunder",
    "compass",
    "biscuit",
    "ladder",
]


def synthetic_posts(n: int, seed: int = 0, words: int = 12) -> list[str]:
    """``n`` distinct, plainly fake posts of about ``words`` words each."""
    import random

    rng = random.Random(seed)
    return [
        f"post {seed}-{i}: " + " ".join(rng.choice(_WORDS) for _ in range(words)) for i in range(n)
    ]


def _js(name: str, items: list) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(items, indent=1, ensure_ascii=False)


def build_archive(
    dest: Path,
    posts: list[str],
    *,
    form: str = "folder",
    posts_file: str = "tweets",
    parts: int = 1,
    username: str | None = None,
    display_name: str | None = None,
    avatar: str | None = None,
    top_folder: str | None = None,
    wrapped: bool = True,
) -> Path:
    """Write an X export holding ``posts`` (texts) in one of its real layouts; returns its path.

    form: "folder" or "zip"; posts_file: "tweets" (current) or "tweet" (older exports);
    parts > 1 splits posts into ``tweets.js``, ``tweets-part1.js`` ...; username: write
    account.js; avatar: write profile.js; top_folder: wrap everything in one folder (zips made
    by hand); wrapped: items as ``{"tweet": {...}}`` (current) or bare (oldest exports).
    """
    items = []
    for i, text in enumerate(posts):
        tweet = {"id_str": str(10**17 + i), "full_text": text, "lang": "en"}
        items.append({"tweet": tweet} if wrapped else tweet)
    files: dict[str, str] = {}
    size = -(-len(items) // parts) if items else 0
    for part in range(parts):
        chunk = items[part * size : (part + 1) * size] if items else []
        name = f"{posts_file}.js" if part == 0 else f"{posts_file}-part{part}.js"
        files[f"data/{name}"] = _js(posts_file, chunk)
    if username is not None:
        account = {"username": username, "accountDisplayName": display_name or username}
        files["data/account.js"] = _js("account", [{"account": account}])
    if avatar is not None:
        files["data/profile.js"] = _js("profile", [{"profile": {"avatarMediaUrl": avatar}}])
    files["data/manifest.js"] = "window.__THAR_CONFIG = {}"
    prefix = f"{top_folder}/" if top_folder else ""
    if form == "zip":
        import zipfile

        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in files.items():
                zf.writestr(prefix + name, text)
        return dest
    for name, text in files.items():
        target = dest / prefix / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return dest
