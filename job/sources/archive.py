"""X "Download your data" exports, as the .zip X hands out or as the unpacked folder.

Posts come from ``data/tweets.js`` (or the older ``data/tweet.js``) and any split parts
(``tweets-part1.js`` ...). ``account.js`` gives the username and display name, ``profile.js``
the avatar; both are optional. Each file is JavaScript: ``window.YTD.<name>.partN = [...]``.
Anything unreadable is bad input (exit 2) with one line naming the archive and the file.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from job.bots import Handle
from job.errors import BadInput
from job.sources import Fetched, Profile

_POSTS_FILE = re.compile(r"^(tweets|tweet)(-part\d+)?\.js$")
_PART_NUMBER = re.compile(r"-part(\d+)\.js$")
_ASSIGNMENT = re.compile(r"^\s*window\.[\w.$]+\s*=\s*")
# What reading a damaged zip member can raise, besides OSError.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


class _Archive:
    """Read access to the archive's ``.js`` files, whichever form it came in."""

    def __init__(self, names: list[str], read: Callable[[str], bytes]):
        self.names = names
        self._read = read

    def text(self, name: str, origin: Path) -> str:
        try:
            return self._read(name).decode("utf-8-sig")
        except (OSError, KeyError, UnicodeDecodeError, *_ZIP_ERRORS) as err:
            raise BadInput(f"corrupt archive {origin}: cannot read {name} ({err})") from None

    def js(self, name: str, origin: Path) -> list:
        """The list a ``window.YTD.x.partN = [...]`` file assigns."""
        body = _ASSIGNMENT.sub("", self.text(name, origin), count=1).strip().rstrip(";")
        try:
            value = json.loads(body)
        except json.JSONDecodeError as err:
            raise BadInput(f"corrupt archive {origin}: {name} is not valid JSON ({err})") from None
        if not isinstance(value, list):
            raise BadInput(f"corrupt archive {origin}: {name} does not hold a list")
        return value


def _open_folder(path: Path) -> _Archive:
    names = [p.relative_to(path).as_posix() for p in path.rglob("*.js") if p.is_file()]
    return _Archive(names, lambda name: (path / name).read_bytes())


def _open_zip(path: Path, zf: zipfile.ZipFile) -> _Archive:
    names = [n for n in zf.namelist() if n.endswith(".js") and not n.endswith("/")]
    return _Archive(names, zf.read)


def _posts_dir(names: list[str]) -> str | None:
    """The folder holding the posts: a folder named ``data`` first, then the shallowest."""
    folders = {str(PurePosixPath(n).parent) for n in names if _POSTS_FILE.match(_base(n))}
    if not folders:
        return None
    return min(folders, key=lambda d: (PurePosixPath(d).name != "data", d.count("/"), d))


def _base(name: str) -> str:
    return PurePosixPath(name).name


def _in_dir(directory: str, name: str) -> str:
    return name if directory in ("", ".") else f"{directory}/{name}"


def _post_files(names: list[str], directory: str) -> list[str]:
    """``tweets.js`` and its parts in order; the older ``tweet.js`` family only without them."""
    here = [n for n in names if str(PurePosixPath(n).parent) == directory]
    posts = [n for n in here if _POSTS_FILE.match(_base(n))]
    newer = [n for n in posts if _base(n).startswith("tweets")]
    chosen = newer or posts

    def order(name: str) -> int:
        number = _PART_NUMBER.search(name)
        return int(number.group(1)) if number else 0

    return sorted(chosen, key=lambda n: (order(n), n))


def _post(item: object) -> dict | None:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        return None
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
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


def _avatar(profile: dict) -> str | None:
    """Only a URL is an avatar others can load; newer exports hold a path inside the zip."""
    url = profile.get("avatarMediaUrl")
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _parse(files: _Archive, origin: Path, handle: Handle) -> Fetched:
    directory = _posts_dir(files.names)
    if directory is None:
        raise BadInput(f"archive {origin} has no posts: no data/tweets.js or data/tweet.js")
    posts: list[dict] = []
    for name in _post_files(files.names, directory):
        posts.extend(p for p in map(_post, files.js(name, origin)) if p)
    if not posts:
        raise BadInput(f"archive {origin} has no posts: {directory}/tweets.js is empty")

    account: dict = {}
    profile: dict = {}
    if _in_dir(directory, "account.js") in files.names:
        account = _first(files.js(_in_dir(directory, "account.js"), origin), "account")
    if _in_dir(directory, "profile.js") in files.names:
        profile = _first(files.js(_in_dir(directory, "profile.js"), origin), "profile")
    username = account.get("username")
    if isinstance(username, str) and username and username.lower() != handle.key:
        raise BadInput(
            f"archive {origin} belongs to @{username}, not @{handle.name}: "
            "give one --source per handle, in the bot's order"
        )
    name = username or handle.name
    extra = (
        {"avatar_in_archive": profile["avatarMediaUrl"]} if profile.get("avatarMediaUrl") else {}
    )
    return Fetched(
        profile=Profile(
            handle=name,
            display_name=account.get("accountDisplayName") or name,
            avatar_url=_avatar(profile),
            source="archive",
            extra=extra,
        ),
        posts=posts,
    )


def read_archive(path: str | Path, handle: Handle) -> Fetched:
    """Parse an export (zip or folder) for ``handle``; BadInput on anything unusable."""
    origin = Path(path).expanduser()
    if not origin.exists():
        raise BadInput(f"archive not found: {origin}")
    if origin.is_dir():
        return _parse(_open_folder(origin), origin, handle)
    try:
        with zipfile.ZipFile(origin) as zf:
            return _parse(_open_zip(origin, zf), origin, handle)
    except (zipfile.BadZipFile, OSError) as err:
        raise BadInput(f"corrupt archive {origin}: not a readable zip ({err})") from None


class ArchiveSource:
    name = "archive"
    incremental = False  # an export is a snapshot: a refresh reads it whole

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        if not handle.location:
            raise BadInput(f"no archive path for {handle.name}: use --source archive:PATH")
        return read_archive(handle.location, handle)
