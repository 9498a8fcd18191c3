"""X "Download your data" exports, as the .zip X hands out or as the unpacked folder.

Posts come from ``data/tweets.js`` (or the older ``data/tweet.js``) and any split parts
(``tweets-part1.js`` ...). ``account.js`` gives the username and display name, ``profile.js``
the avatar; both are optional. Each file is JavaScript: ``window.YTD.<name>.partN = [...]``.

An export is untrusted input, read within limits (README, "Archives and post files"):

- nothing is extracted: zip members are read in memory, and only the ``.js`` files above;
- a zip member named outside the archive (absolute, ``..``) or stored as a symbolic link, and a
  link in a folder that leads outside it, make the archive unusable;
- every file read has a size cap (``HT_ARCHIVE_MAX_BYTES``), all of them together another
  (``HT_ARCHIVE_MAX_TOTAL_BYTES``), checked against the zip's declared sizes before inflating
  and counted again while reading, since a header can lie; a zip or folder holds at most
  ``HT_ARCHIVE_MAX_MEMBERS`` entries;
- a file that is not the expected shape (unreadable, not JSON, nested too deeply, not a list)
  is bad input (exit 2) with one line naming the archive and the file; an item in the list that
  is not a usable post (null, no text string, an id or date of the wrong type) is skipped and
  counted in one warning per file. An export is X's format, not the user's: one odd item should
  not cost the rest.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from job.bots import Handle
from job.errors import BadInput
from job.sources.base import (
    Fetched,
    MiB,
    Profile,
    describe_size,
    fill_missing_ids,
    limits_from_env,
)

log = logging.getLogger("htctl")

# A part number of more than 6 digits is no export's: such a file is not a posts file.
_POSTS_FILE = re.compile(r"^(tweets|tweet)(-part\d{1,6})?\.js$")
_PART_NUMBER = re.compile(r"-part(\d{1,6})\.js$")
# ``window.YTD.tweets.part0 = `` before the JSON (optional), and ``;`` or blanks after it.
_JSON_START = re.compile(r"\s*(?:window\.[\w.$]+\s*=\s*)?")
_JSON_END = re.compile(r"[\s;]*")
_DECODER = json.JSONDecoder()
# What reading a damaged zip member can raise, besides OSError.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
_CHUNK = MiB

MAX_BYTES = 512 * MiB  # one file read from an export; real tweets.js: a few MB to ~100s MB
MAX_TOTAL_BYTES = 1024 * MiB  # every file read from one export
MAX_MEMBERS = 500_000  # entries of a zip or folder (media included)


@dataclass(frozen=True)
class Limits:
    file_bytes: int = MAX_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS

    @classmethod
    def from_env(cls) -> Limits:
        return limits_from_env(
            cls,
            file_bytes="HT_ARCHIVE_MAX_BYTES",
            total_bytes="HT_ARCHIVE_MAX_TOTAL_BYTES",
            members="HT_ARCHIVE_MAX_MEMBERS",
        )


def _too_large(origin: Path, name: str, limit: int, setting: str) -> BadInput:
    return BadInput(
        f"archive {origin}: {name} is larger than the {describe_size(limit)} limit ({setting})"
    )


def read_capped(stream: BinaryIO, limit: int, too_large: Callable[[], BadInput]) -> bytearray:
    """Read ``stream`` to its end in chunks, raising ``too_large()`` once past ``limit`` bytes:
    a size declared beforehand may be a lie, the bytes read are not."""
    data = bytearray()
    while chunk := stream.read(min(_CHUNK, limit + 1 - len(data))):
        data += chunk
        if len(data) > limit:
            raise too_large()
    return data


class _Archive:
    """Read access to the archive's ``.js`` files, whichever form it came in.

    ``open`` gives a member's declared size and a stream of its bytes."""

    def __init__(
        self,
        origin: Path,
        names: list[str],
        open_member: Callable[[str], tuple[int, BinaryIO]],
        limits: Limits,
    ):
        self.origin = origin
        self.names = names
        self._open = open_member
        self.limits = limits
        self._read_so_far = 0

    def _corrupt(self, name: str, why: str) -> BadInput:
        return BadInput(f"corrupt archive {self.origin}: {name} {why}")

    def data(self, name: str) -> bytearray:
        """A member's bytes, within the per-file and the total caps."""
        limits, origin = self.limits, self.origin
        left = limits.total_bytes - self._read_so_far

        def file_too_large() -> BadInput:
            return _too_large(origin, name, limits.file_bytes, "HT_ARCHIVE_MAX_BYTES")

        def total_too_large() -> BadInput:
            return _too_large(
                origin, "what is read from it", limits.total_bytes, "HT_ARCHIVE_MAX_TOTAL_BYTES"
            )

        try:
            declared, stream = self._open(name)
            with stream:
                if declared > limits.file_bytes:
                    raise file_too_large()
                if declared > left:
                    raise total_too_large()
                over = file_too_large if limits.file_bytes <= left else total_too_large
                data = read_capped(stream, min(limits.file_bytes, left), over)
        except (OSError, KeyError, *_ZIP_ERRORS) as err:
            raise self._corrupt(name, f"cannot be read ({err})") from None
        self._read_so_far += len(data)
        return data

    def text(self, name: str) -> str:
        try:
            return self.data(name).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise self._corrupt(name, "is not UTF-8 text") from None

    def js(self, name: str) -> list:
        """The list a ``window.YTD.x.partN = [...]`` file assigns."""
        text = self.text(name)
        start = _JSON_START.match(text)
        try:
            value, end = _DECODER.raw_decode(text, start.end() if start else 0)
        except ValueError as err:  # JSONDecodeError, or a number of more than 4300 digits
            raise self._corrupt(name, f"is not valid JSON ({err})") from None
        except RecursionError:
            raise self._corrupt(name, "nests too deeply to be an export's JSON") from None
        if not _JSON_END.fullmatch(text, end):
            raise self._corrupt(name, f"is not valid JSON (extra data after offset {end})")
        if not isinstance(value, list):
            raise self._corrupt(name, "does not hold a list")
        return value


# --- the two forms -------------------------------------------------------------------------------


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links followed, stays under ``root`` (a loop does not)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return False


def _open_folder(origin: Path, limits: Limits) -> _Archive:
    """The ``.js`` files under a folder; links are followed only while they stay inside it."""
    root = origin.resolve()
    names: list[str] = []
    entries = 0
    for directory, subdirs, files in os.walk(root):  # does not descend into linked folders
        entries += len(subdirs) + len(files)
        if entries > limits.members:
            raise BadInput(
                f"archive {origin} holds more than {limits.members} files and folders "
                "(HT_ARCHIVE_MAX_MEMBERS)"
            )
        for entry in [*subdirs, *files]:
            path = Path(directory, entry)
            if path.is_symlink() and not _inside(path, root):
                raise BadInput(
                    f"archive {origin}: {path.relative_to(root).as_posix()} is a link to "
                    "a place outside the archive"
                )
        names += [
            Path(directory, f).relative_to(root).as_posix()
            for f in files
            if f.endswith(".js") and Path(directory, f).is_file()  # no FIFOs, devices
        ]

    def open_member(name: str) -> tuple[int, BinaryIO]:
        if not _inside(root / name, root):  # it changed since the walk
            raise BadInput(f"archive {origin}: {name} is a link to a place outside the archive")
        if not (root / name).exists():
            raise BadInput(f"archive {origin} has no file {name}")
        if not (root / name).is_file():  # a FIFO would block the open below
            raise BadInput(f"corrupt archive {origin}: {name} is not a regular file")
        stream = (root / name).resolve().open("rb")
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            stream.close()
            raise BadInput(f"corrupt archive {origin}: {name} is not a regular file")
        return info.st_size, stream

    return _Archive(origin, sorted(names), open_member, limits)


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member must not be in an export, or None. Nothing is ever extracted, but a
    member that would land outside the archive, or a link, is no X export's."""
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or ".." in parts or (parts and re.match(r"^[A-Za-z]:", parts[0])):
        return "is named outside the archive"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    return None


def _open_zip(origin: Path, zf: zipfile.ZipFile, limits: Limits) -> _Archive:
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise BadInput(
            f"archive {origin} holds more than {limits.members} members (HT_ARCHIVE_MAX_MEMBERS)"
        )
    for info in infos:
        if why := _unsafe_member(info):
            raise BadInput(f"corrupt archive {origin}: member {info.filename!r} {why}")
    names = [i.filename for i in infos if i.filename.endswith(".js") and not i.is_dir()]

    def open_member(name: str) -> tuple[int, BinaryIO]:
        info = zf.getinfo(name)
        return info.file_size, zf.open(info)

    return _Archive(origin, names, open_member, limits)


# --- posts and profile ---------------------------------------------------------------------------


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


def _post(item: object) -> dict | str:
    """The raw post an export item holds, or why it is not a usable post."""
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        return "not an object"
    texts = (tweet.get("full_text"), tweet.get("text"))
    text = next((t for t in texts if isinstance(t, str)), None)
    if text is None:
        return "no text string"
    post_id = tweet.get("id_str") or tweet.get("id")
    if isinstance(post_id, bool) or not isinstance(post_id, str | int | None):
        return "an id that is not a string or a number"
    for key in ("created_at", "lang"):
        if not isinstance(tweet.get(key), str | None):
            return f"a {key} that is not a string"
    return {
        "id": str(post_id) if post_id not in (None, "") else None,  # None: filled in later
        "text": text,
        "created_at": tweet.get("created_at"),
        "is_retweet": text.startswith("RT @"),
        "lang": tweet.get("lang"),
        "source": "archive",
    }


def _posts_of(files: _Archive, name: str) -> tuple[list[dict], int]:
    """The usable posts of one posts file, and how many items were skipped (warned once)."""
    posts: list[dict] = []
    skipped, first_reason = 0, ""
    items = files.js(name)
    for number, item in enumerate(items, start=1):
        post = _post(item)
        if isinstance(post, dict):
            posts.append(post)
            continue
        skipped += 1
        first_reason = first_reason or f"item {number}: {post}"
    if skipped:
        log.warning(
            "archive %s: %s: skipped %d of %d items that are not usable posts (first: %s)",
            files.origin,
            name,
            skipped,
            len(items),
            first_reason,
        )
    return posts, skipped


def _first(items: list, key: str) -> dict:
    for item in items:
        if isinstance(item, dict) and isinstance(item.get(key), dict):
            return item[key]
    return {}


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _avatar(profile: dict) -> str | None:
    """Only a URL is an avatar others can load; newer exports hold a path inside the zip."""
    url = _string(profile.get("avatarMediaUrl"))
    return url if url and url.startswith(("http://", "https://")) else None


def _parse(files: _Archive, handle: Handle) -> Fetched:
    origin = files.origin
    directory = _posts_dir(files.names)
    if directory is None:
        raise BadInput(f"archive {origin} has no posts: no data/tweets.js or data/tweet.js")
    posts: list[dict] = []
    skipped = 0
    for name in _post_files(files.names, directory):
        found, dropped = _posts_of(files, name)
        posts += found
        skipped += dropped
    if not posts:
        where = _in_dir(directory, _base(_post_files(files.names, directory)[0]))
        why = f"none of its {skipped} items is a usable post" if skipped else "it is empty"
        raise BadInput(f"archive {origin} has no posts: {where}: {why}")

    account: dict = {}
    profile: dict = {}
    if _in_dir(directory, "account.js") in files.names:
        account = _first(files.js(_in_dir(directory, "account.js")), "account")
    if _in_dir(directory, "profile.js") in files.names:
        profile = _first(files.js(_in_dir(directory, "profile.js")), "profile")
    username = _string(account.get("username"))
    if username and username.lower() != handle.key:
        raise BadInput(
            f"archive {origin} belongs to @{username}, not @{handle.name}: "
            "give one --source per handle, in the bot's order"
        )
    name = username or handle.name
    in_archive = _string(profile.get("avatarMediaUrl"))
    return Fetched(
        profile=Profile(
            handle=name,
            display_name=_string(account.get("accountDisplayName")) or name,
            avatar_url=_avatar(profile),
            source="archive",
            extra={"avatar_in_archive": in_archive} if in_archive else {},
        ),
        posts=fill_missing_ids(posts),
    )


def read_archive(path: str | Path, handle: Handle, limits: Limits | None = None) -> Fetched:
    """Parse an export (zip or folder) for ``handle``; BadInput on anything unusable."""
    limits = limits or Limits.from_env()
    origin = Path(path).expanduser()
    if not origin.exists():
        raise BadInput(f"archive not found: {origin}")
    if origin.is_dir():
        return _parse(_open_folder(origin, limits), handle)
    try:
        zf = zipfile.ZipFile(origin)
    except (OSError, ValueError, *_ZIP_ERRORS) as err:
        raise BadInput(f"corrupt archive {origin}: not a readable zip ({err})") from None
    with zf:
        return _parse(_open_zip(origin, zf, limits), handle)


def read_avatar(path: str | Path, name: str, limit: int) -> bytes:
    """The picture an export's ``profile.js`` points to inside it (``./data/profile_media/..``,
    relative to the export's top, the folder above ``data/``), read like the posts: nothing
    extracted, confined to the archive, at most ``limit`` bytes. BadInput on anything else (a
    name outside the archive, no such file, too large)."""
    relative = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in relative.parts if p not in ("", ".")]
    if relative.is_absolute() or ".." in parts or not parts or re.match(r"^[A-Za-z]:", parts[0]):
        raise BadInput(f"archive {path}: the avatar {name!r} is named outside the archive")
    base = Limits.from_env()
    limits = replace(base, file_bytes=min(limit, base.file_bytes), total_bytes=limit)
    origin = Path(path).expanduser()

    def read(files: _Archive) -> bytes:
        directory = _posts_dir(files.names) or ""
        top = str(PurePosixPath(directory).parent) if _base(directory) == "data" else directory
        return bytes(files.data(_in_dir(top, "/".join(parts))))

    if origin.is_dir():
        return read(_open_folder(origin, limits))
    try:
        zf = zipfile.ZipFile(origin)
    except (OSError, ValueError, *_ZIP_ERRORS) as err:
        raise BadInput(f"corrupt archive {origin}: not a readable zip ({err})") from None
    with zf:
        return read(_open_zip(origin, zf, limits))


class ArchiveSource:
    name = "archive"
    incremental = False  # an export is a snapshot: a refresh reads it whole

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        if not handle.location:
            raise BadInput(f"no archive path for {handle.name}: use --source archive:PATH")
        return read_archive(handle.location, handle)
