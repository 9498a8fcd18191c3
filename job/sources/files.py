"""One's own exported posts from a plain file, chosen by extension:

- ``.jsonl``: one JSON object per line with a ``text`` string; optional ``id``,
  ``created_at``, ``is_retweet`` (a boolean) and ``lang``;
- ``.csv``: a header row with a ``text`` column; optional ``id``, ``created_at``,
  ``is_retweet`` (true/false, yes/no, 1/0 or empty) and ``lang`` columns;
- ``.txt``: one post per line.

Blank lines are not posts. Text is taken as written: the data rules then apply to it as to an
X archive (so ``&amp;`` becomes ``&``). A post without an ``id`` gets one derived from its
content (``noid:`` + 16 hex digits, see :func:`job.sources.fill_missing_ids`): stable across
refreshes, distinct for distinct posts, never equal to a real id.

The file is the user's own, held to its format: any bad line (not JSON, not an object, no text
string, a field of the wrong type, not UTF-8, too long) is BadInput (exit 2) naming the file and
the line. It is read line by line within two limits (README, "Archives and post files"): the
file's size (``HT_POSTS_FILE_MAX_BYTES``) and one line's length
(``HT_POSTS_MAX_LINE_CHARS``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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

MAX_BYTES = 512 * MiB  # one posts file
MAX_LINE_CHARS = MiB  # one line (a post is at most tens of thousands of characters)
# What decoding with surrogateescape leaves for bytes that are not UTF-8.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class Limits:
    file_bytes: int = MAX_BYTES
    line_chars: int = MAX_LINE_CHARS

    @classmethod
    def from_env(cls) -> Limits:
        return limits_from_env(
            cls, file_bytes="HT_POSTS_FILE_MAX_BYTES", line_chars="HT_POSTS_MAX_LINE_CHARS"
        )


_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def _post(text: str, fields: dict) -> dict:
    post_id = fields.get("id")
    return {
        "id": str(post_id) if post_id not in (None, "") else None,  # None: filled in later
        "text": text,
        "created_at": fields.get("created_at") or None,
        "is_retweet": bool(fields.get("is_retweet", False)),
        "lang": fields.get("lang") or None,
        "source": "file",
    }


def _bad(path: Path, line: int, why: str) -> BadInput:
    return BadInput(f"bad posts file {path}:{line}: {why}")


def _lines(path: Path, stream: io.TextIOBase, limits: Limits) -> Iterator[str]:
    """The file's lines (line endings kept, for csv), each checked: not too long, UTF-8, and
    all of them together within the file's cap."""
    total = 0
    number = 0
    while line := stream.readline(limits.line_chars + 1):
        number += 1
        total += len(line)
        if total > limits.file_bytes:  # characters, never more than bytes: it grew after stat
            raise _too_large(path, limits)
        if len(line.rstrip("\r\n")) > limits.line_chars:
            raise _bad(
                path,
                number,
                f"a line longer than {limits.line_chars} characters (HT_POSTS_MAX_LINE_CHARS)",
            )
        if _UNDECODABLE.search(line):
            raise _bad(path, number, "not UTF-8 text")
        yield line


def _too_large(path: Path, limits: Limits) -> BadInput:
    return BadInput(
        f"posts file {path} is larger than the {describe_size(limits.file_bytes)} limit "
        "(HT_POSTS_FILE_MAX_BYTES)"
    )


def _field(path: Path, line: int, item: dict, key: str, types: tuple[type, ...]) -> None:
    value = item.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
        kinds = " or ".join("a string" if t is str else "an integer" for t in types)
        raise _bad(path, line, f"{key} must be {kinds}")


def read_jsonl(path: Path, lines: Iterator[str]) -> list[dict]:
    posts = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise _bad(path, number, f"not valid JSON ({err.msg})") from None
        except ValueError as err:  # a number of more than 4300 digits
            raise _bad(path, number, f"not valid JSON ({err})") from None
        except RecursionError:
            raise _bad(path, number, "JSON nested too deeply to be a post") from None
        if not isinstance(item, dict):
            raise _bad(path, number, "expected a JSON object with a text field")
        if not isinstance(item.get("text"), str):
            raise _bad(path, number, "no text string")
        if not isinstance(item.get("is_retweet", False), bool | None):
            raise _bad(path, number, "is_retweet must be true or false")
        _field(path, number, item, "id", (str, int))
        _field(path, number, item, "created_at", (str,))
        _field(path, number, item, "lang", (str,))
        posts.append(_post(item["text"], item))
    return posts


def _flag(value: str | None, path: Path, line: int) -> bool:
    text = (value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _bad(path, line, f"is_retweet {value!r} is not true/false, yes/no or 1/0")


def read_csv(path: Path, lines: Iterator[str]) -> list[dict]:
    reader = csv.DictReader(lines, strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as err:
        raise _bad(path, 1, f"not valid CSV ({err})") from None
    if "text" not in header:
        raise _bad(path, 1, f"no 'text' column in the header {header!r}")
    posts = []
    try:
        for row in reader:
            number = reader.line_num
            if None in row:
                raise _bad(
                    path, number, f"{len(header) + len(row[None])} fields, header has {len(header)}"
                )
            if row["text"] is None:
                raise _bad(path, number, "the row has no text field")
            if not row["text"].strip() and not any((v or "").strip() for v in row.values()):
                continue
            fields = dict(row) | {"is_retweet": _flag(row.get("is_retweet"), path, number)}
            posts.append(_post(row["text"], fields))
    except csv.Error as err:
        raise _bad(path, reader.line_num, f"not valid CSV ({err})") from None
    return posts


def read_txt(path: Path, lines: Iterator[str]) -> list[dict]:
    return [_post(line.rstrip("\r\n"), {}) for line in lines if line.strip()]


READERS: dict[str, Callable[[Path, Iterator[str]], list[dict]]] = {
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".txt": read_txt,
}


def read_posts_file(path: str | Path, limits: Limits | None = None) -> list[dict]:
    """The posts of a .jsonl, .csv or .txt file, in file order."""
    limits = limits or Limits.from_env()
    p = Path(path).expanduser()
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise BadInput(f"posts file {p} must end in .jsonl, .csv or .txt")
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise BadInput(f"posts file {p} is not a regular file")
        if info.st_size > limits.file_bytes:
            raise _too_large(p, limits)
        # utf-8-sig drops a BOM; newline="" splits lines as csv wants and keeps their endings;
        # surrogateescape lets _lines name the line that is not UTF-8.
        with p.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
            posts = reader(p, _lines(p, text, limits))
    except FileNotFoundError:
        raise BadInput(f"posts file not found: {p}") from None
    except OSError as err:
        raise BadInput(f"cannot read posts file {p}: {err.strerror}") from None
    if not posts:
        raise BadInput(f"posts file {p} holds no posts")
    return fill_missing_ids(posts)


class FileSource:
    name = "file"
    incremental = False

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        if not handle.location:
            raise BadInput(f"no file for {handle.name}: use file:{handle.name}=PATH")
        posts = read_posts_file(handle.location)
        profile = Profile(handle=handle.name, display_name=handle.name, source="file")
        return Fetched(profile=profile, posts=posts)
