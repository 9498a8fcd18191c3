"""X "Download your data" exports, as the .zip X hands out or as the unpacked folder.

Posts come from ``data/tweets.js`` (or the older ``data/tweet.js``) and any split parts
(``tweets-part1.js`` ...). ``account.js`` gives the username and display name, ``profile.js``
the avatar; both are optional. Each file is JavaScript: ``window.YTD.<name>.partN = [...]``.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from job.bots import Handle
from job.errors import BadInput
from job.sources import Fetched, Profile

_POSTS_FILE = re.compile(r"^tweets?(-part\d+)?\.js$")
_ASSIGNMENT = re.compile(r"^\s*window\.[\w.$]+\s*=\s*")


@dataclass
class _Files:
    """Read access to the archive's files, whichever form it came in."""

    names: list[str]
    reader: object  # zipfile.ZipFile or Path

    def read(self, name: str) -> str:
        if isinstance(self.reader, zipfile.ZipFile):
            data = self.reader.read(name)
        else:
            data = (self.reader / name).read_bytes()
        return data.decode("utf-8-sig")


def _open(path: Path) -> _Files:
    if not path.exists():
        raise BadInput(f"archive not found: {path}")
    if path.is_dir():
        names = [p.relative_to(path).as_posix() for p in path.rglob("*.js") if p.is_file()]
        return _Files(names=names, reader=path)
    try:
        zf = zipfile.ZipFile(path)
        return _Files(names=[n for n in zf.namelist() if n.endswith(".js")], reader=zf)
    except (zipfile.BadZipFile, OSError) as err:
        raise BadInput(f"corrupt archive {path}: not a readable zip ({err})") from None


def _parse_js(files: _Files, name: str, origin: Path) -> list:
    try:
        text = files.read(name)
    except (OSError, KeyError, UnicodeDecodeError, zipfile.BadZipFile) as err:
        raise BadInput(f"corrupt archive {origin}: cannot read {name} ({err})") from None
    body = _ASSIGNMENT.sub("", text, count=1).strip().rstrip(";")
    try:
        value = json.loads(body)
    except json.JSONDecodeError as err:
        raise BadInput(f"corrupt archive {origin}: {name} is not valid JSON ({err})") from None
    if not isinstance(value, list):
        raise BadInput(f"corrupt archive {origin}: {name} does not hold a list")
    return value


def _data_dir(names: list[str]) -> str | None:
    """The folder that holds the posts file, shallowest first (zips may wrap ``data/``)."""
    candidates = [n for n in names if _POSTS_FILE.match(PurePosixPath(n).name)]
    if not candidates:
        return None
    best = min(candidates, key=lambda n: (n.count("/"), n))
    return str(PurePosixPath(best).parent)


def _in_dir(directory: str, name: str) -> str:
    return name if directory in ("", ".") else f"{directory}/{name}"


def _post(item: dict) -> dict | None:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        return None
    text = tweet.get("full_text", tweet.get("text"))
    if text is None:
        return None
    return {
        "id": str(tweet.get("id_str") or tweet.get("id") or ""),
        "text": text,
        "created_at": tweet.get("created_at"),
        "is_retweet": text.startswith("RT @"),
        "lang": tweet.get("lang"),
        "source": "archive",
    }


def _first(items: list, key: str) -> dict:
    for item in items:
        if isinstance(item, dict) and isinstance(item.get(key), dict):
            return item[key]
    return {}


def read_archive(path: str | Path, handle: Handle) -> Fetched:
    origin = Path(path).expanduser()
    files = _open(origin)
    directory = _data_dir(files.names)
    if directory is None:
        raise BadInput(f"archive {origin} has no posts: no data/tweets.js or data/tweet.js")
    parts = sorted(
        (n for n in files.names if PurePosixPath(n).parent == PurePosixPath(directory)),
        key=lambda n: (len(n), n),
    )
    posts: list[dict] = []
    for name in parts:
        if _POSTS_FILE.match(PurePosixPath(name).name):
            posts.extend(p for p in map(_post, _parse_js(files, name, origin)) if p)
    if not posts:
        raise BadInput(f"archive {origin} has no posts")

    account, avatar = {}, None
    if _in_dir(directory, "account.js") in files.names:
        account = _first(_parse_js(files, _in_dir(directory, "account.js"), origin), "account")
    if _in_dir(directory, "profile.js") in files.names:
        profile = _first(_parse_js(files, _in_dir(directory, "profile.js"), origin), "profile")
        avatar = profile.get("avatarMediaUrl")
    username = account.get("username")
    if username and username.lower() != handle.key:
        raise BadInput(
            f"archive {origin} belongs to @{username}, not @{handle.name}: "
            "give one --source per handle, in the bot's order"
        )
    profile = Profile(
        handle=username or handle.name,
        display_name=account.get("accountDisplayName") or username or handle.name,
        avatar_url=avatar,
        source="archive",
    )
    return Fetched(profile=profile, posts=posts)


class ArchiveSource:
    name = "archive"

    def fetch(self, handle: Handle) -> Fetched:
        if not handle.location:
            raise BadInput(f"no archive path for {handle.name}: use --source archive:PATH")
        return read_archive(handle.location, handle)
