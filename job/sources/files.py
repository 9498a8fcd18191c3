"""One's own exported posts from a plain file, chosen by extension:

- ``.jsonl``: one JSON object per line with a ``text`` string; optional ``id``,
  ``created_at``, ``is_retweet`` (a boolean) and ``lang``;
- ``.csv``: a header row with a ``text`` column; optional ``id``, ``created_at``,
  ``is_retweet`` (true/false, yes/no, 1/0 or empty) and ``lang`` columns;
- ``.txt``: one post per line.

Blank lines are not posts. Text is taken as written: the data rules then apply to it as to an
X archive (so ``&amp;`` becomes ``&``). A post without an ``id`` gets its line number, which is
enough because a file is a snapshot: a refresh reads the whole file again (``incremental`` is
False). Any bad line is BadInput (exit 2) naming the file and the line.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from job.bots import Handle
from job.errors import BadInput
from job.sources import Fetched, Profile

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def _post(text: str, line: int, fields: dict) -> dict:
    return {
        "id": str(fields.get("id") or line),
        "text": text,
        "created_at": fields.get("created_at") or None,
        "is_retweet": bool(fields.get("is_retweet", False)),
        "lang": fields.get("lang") or None,
        "source": "file",
    }


def _bad(path: Path, line: int, why: str) -> BadInput:
    return BadInput(f"bad posts file {path}:{line}: {why}")


def read_jsonl(path: Path, text: str) -> list[dict]:
    posts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise _bad(path, number, f"not valid JSON ({err.msg})") from None
        if not isinstance(item, dict):
            raise _bad(path, number, "expected a JSON object with a text field")
        if not isinstance(item.get("text"), str):
            raise _bad(path, number, "no text string")
        if not isinstance(item.get("is_retweet", False), bool | None):
            raise _bad(path, number, "is_retweet must be true or false")
        posts.append(_post(item["text"], number, item))
    return posts


def _flag(value: str | None, path: Path, line: int) -> bool:
    text = (value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _bad(path, line, f"is_retweet {value!r} is not true/false, yes/no or 1/0")


def read_csv(path: Path, text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
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
            posts.append(_post(row["text"], number, fields))
    except csv.Error as err:
        raise _bad(path, reader.line_num, f"not valid CSV ({err})") from None
    return posts


def read_txt(path: Path, text: str) -> list[dict]:
    return [
        _post(line, number, {})
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


READERS = {".jsonl": read_jsonl, ".csv": read_csv, ".txt": read_txt}


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise _bad(path, line, "not UTF-8 text") from None


def read_posts_file(path: str | Path) -> list[dict]:
    """The posts of a .jsonl, .csv or .txt file, in file order."""
    p = Path(path).expanduser()
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise BadInput(f"posts file {p} must end in .jsonl, .csv or .txt")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"posts file not found: {p}") from None
    except OSError as err:
        raise BadInput(f"cannot read posts file {p}: {err.strerror}") from None
    posts = reader(p, _decode(p, data))
    if not posts:
        raise BadInput(f"posts file {p} holds no posts")
    return posts


class FileSource:
    name = "file"
    incremental = False

    def fetch(self, handle: Handle, since_id: str | None = None) -> Fetched:
        if not handle.location:
            raise BadInput(f"no file for {handle.name}: use file:{handle.name}=PATH")
        posts = read_posts_file(handle.location)
        profile = Profile(handle=handle.name, display_name=handle.name, source="file")
        return Fetched(profile=profile, posts=posts)
