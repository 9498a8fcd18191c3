"""Handles, bots and users.txt: the names everything else is keyed by.

A bot is one or more handles. Its name is the handles' keys, de-duplicated, sorted and joined by
``-`` (huggingtweets' rule), so ``Karpathy+elonmusk`` is ``elonmusk-karpathy``.

A handle may carry its source (README "Handles and sources")::

    karpathy  @karpathy  x:karpathy       an X handle (the default source)
    archive:karpathy=PATH                 an X data export of that handle
    bsky:alice.bsky.social                a Bluesky handle (a domain name)
    mastodon:user@example.social          a Mastodon account, user@instance
    file:NAME=PATH                        a file of one's own posts (.jsonl, .csv or .txt)

Keys are lower-case and never hold ``/``, whitespace or ``..``; the syntaxes cannot collide
(X keys have neither ``.`` nor ``@``, Bluesky keys always hold a ``.`` and no ``@``, Mastodon
keys always hold one ``@``). ``archive:`` and ``file:`` name a person the way an X handle does:
``archive:karpathy=...`` is the same bot as ``karpathy``, fetched another way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from job.errors import BadInput, InvalidHandle

X_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_]{1,30}$")
# A DNS label: letters, digits and inner hyphens, at most 63 characters.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# At least two labels; the last (top-level) one starts with a letter (AT Protocol handle rule).
DOMAIN = re.compile(rf"^(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?$")
# Mastodon's username rule: word characters, with dots or hyphens only inside.
MASTODON_USER = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$")
BOT_SEPARATORS = re.compile(r"[\s,+]+")
MAX_DOMAIN = 200  # a key must fit a file name with ".meta.json" after it (255 bytes)
MAX_BOT_NAME = 255  # the bot's folder name in a local store
SOURCES = ("x", "archive", "bsky", "mastodon", "file")
PATH_SOURCES = ("archive", "file")
# A bot's short hash ends its Job name and its Hub repo name alike (job.cluster.names, job.hub).
HASH_LEN = 8


def bot_hash(bot_name: str) -> str:
    """The first HASH_LEN hex digits of sha256(bot name): unique where sanitised names merge."""
    return hashlib.sha256(bot_name.encode("utf-8")).hexdigest()[:HASH_LEN]


@dataclass(frozen=True)
class Handle:
    """One account on one source; ``name`` keeps the case the user typed."""

    name: str
    source: str = "x"
    location: str | None = None  # a path, for sources that read files

    @property
    def key(self) -> str:
        """The lower-case identity used in bot names, store paths and stats.json."""
        return self.name.lower()

    @property
    def spec(self) -> str:
        """The text that parses back to this handle (what a Job passes to ``htctl run``)."""
        if self.source == "x":
            return self.name
        if self.location:
            return f"{self.source}:{self.name}={self.location}"
        return f"{self.source}:{self.name}"


def name_part(key: str) -> str:
    """A key as it appears in a bot name: ``-`` doubled, so that joining keys with ``-`` can
    always be split back (``a`` + ``b.bsky.social`` must not equal ``a-b.bsky.social``)."""
    return key.replace("-", "--")


@dataclass(frozen=True)
class Bot:
    """Handles in the order the user gave them (sources are matched in that order)."""

    handles: tuple[Handle, ...]

    @property
    def name(self) -> str:
        return "-".join(sorted(name_part(h.key) for h in self.handles))

    @property
    def keys(self) -> list[str]:
        return [h.key for h in self.handles]

    @property
    def spec(self) -> str:
        """The bot as one argument that parse_bot reads back: handles joined by ``+``."""
        return "+".join(h.spec for h in self.handles)

    def __str__(self) -> str:
        return self.name


def _strip_at(text: str) -> str:
    return text[1:] if text.startswith("@") else text


def _x_handle(text: str, original: str) -> str:
    name = _strip_at(text)
    if not X_HANDLE.match(name):
        hint = ""
        if DOMAIN.match(name):
            hint = f" (a Bluesky handle? write bsky:{name})"
        elif "@" in name:
            hint = f" (a Mastodon account? write mastodon:{name})"
        raise InvalidHandle(
            f"invalid handle {original!r}: an X handle is 1 to 15 letters, digits or "
            f"underscores{hint}"
        )
    return name


def _bsky_handle(text: str, original: str) -> str:
    name = _strip_at(text)
    if len(name) > MAX_DOMAIN or not DOMAIN.match(name):
        raise InvalidHandle(
            f"invalid Bluesky handle {original!r}: expected a domain name such as "
            "bsky:alice.bsky.social"
        )
    return name


def _mastodon_account(text: str, original: str) -> str:
    user, at, instance = _strip_at(text).partition("@")
    if (
        not at
        or not MASTODON_USER.match(user)
        or ".." in user
        or len(instance) > MAX_DOMAIN
        or not DOMAIN.match(instance)
    ):
        raise InvalidHandle(
            f"invalid Mastodon account {original!r}: expected user@instance such as "
            "mastodon:alice@example.social"
        )
    return f"{user}@{instance}"


def _named_path(kind: str, text: str, original: str) -> tuple[str, str]:
    name, eq, path = text.partition("=")
    if not eq or not path:
        raise InvalidHandle(f"invalid handle {original!r}: expected {kind}:NAME=PATH")
    return name, path


def parse_handle(text: str) -> Handle:
    """Parse one handle in any syntax of the module doc; raise InvalidHandle otherwise."""
    original = text
    text = text.strip()
    kind, colon, rest = text.partition(":")
    if not colon:
        return Handle(name=_x_handle(text, original))
    if kind not in SOURCES:
        raise InvalidHandle(
            f"invalid handle {original!r}: unknown source {kind!r} (known: {', '.join(SOURCES)})"
        )
    if kind == "x":
        return Handle(name=_x_handle(rest, original))
    if kind == "bsky":
        return Handle(name=_bsky_handle(rest, original), source="bsky")
    if kind == "mastodon":
        return Handle(name=_mastodon_account(rest, original), source="mastodon")
    name, path = _named_path(kind, rest, original)
    if kind == "archive":
        return Handle(name=_x_handle(name, original), source="archive", location=path)
    if not FILE_NAME.match(name):
        raise InvalidHandle(
            f"invalid handle {original!r}: a file source's NAME is 1 to 30 letters, digits "
            "or underscores"
        )
    return Handle(name=name, source="file", location=path)


def make_bot(handles: list[Handle]) -> Bot:
    """A bot from handles in order: repeats of one key collapse; a key given with two
    different sources is ambiguous and refused."""
    unique: dict[str, Handle] = {}
    for handle in handles:
        first = unique.setdefault(handle.key, handle)
        if (first.source, first.location) != (handle.source, handle.location):
            raise BadInput(
                f"handle {handle.key} is given twice with different sources "
                f"({first.spec} and {handle.spec}): keep one"
            )
    bot = Bot(handles=tuple(unique.values()))
    if len(bot.name.encode()) > MAX_BOT_NAME:
        raise BadInput(
            f"bot name {bot.name[:40]}... is {len(bot.name.encode())} bytes, longer than the "
            f"{MAX_BOT_NAME} a store folder allows: use fewer handles"
        )
    return bot


def parse_bot(text: str) -> Bot:
    """Parse ``karpathy``, ``@karpathy``, ``elonmusk+bsky:alice.bsky.social`` into a Bot."""
    tokens = [t for t in BOT_SEPARATORS.split(text.strip()) if t]
    if not tokens:
        raise BadInput("empty bot: give at least one handle")
    return make_bot([parse_handle(token) for token in tokens])


def parse_users_text(text: str, origin: str = "users.txt") -> list[Bot]:
    """Parse users.txt content; every error names its line, and nothing is returned on error."""
    bots: list[Bot] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            bot = parse_bot(line)
        except BadInput as err:
            errors.append(f"{origin}:{number}: {err}")
            continue
        if bot.name in seen:
            errors.append(f"{origin}:{number}: bot {bot.name} repeats line {seen[bot.name]}")
            continue
        seen[bot.name] = number
        bots.append(bot)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise BadInput(errors[0] + more)
    if not bots:
        raise BadInput(f"{origin}: no bots in file")
    return bots


def read_users_file(path: str | Path) -> list[Bot]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")  # editors on Windows add a BOM
    except FileNotFoundError:
        raise BadInput(f"users file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise BadInput(f"cannot read users file {p}: {err}") from None
    return parse_users_text(text, origin=str(p))
