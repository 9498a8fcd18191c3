"""Handles, bots and users.txt: the names everything else is keyed by.

A bot is one or more handles. Its name is the lower-cased handles, de-duplicated, sorted and
joined by ``-`` (huggingtweets' rule), so ``Karpathy+elonmusk`` is ``elonmusk-karpathy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from job.errors import BadInput, InvalidHandle

X_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
BOT_SEPARATORS = re.compile(r"[\s,+]+")


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


@dataclass(frozen=True)
class Bot:
    """Handles in the order the user gave them (sources are matched in that order)."""

    handles: tuple[Handle, ...]

    @property
    def name(self) -> str:
        return "-".join(sorted(h.key for h in self.handles))

    @property
    def keys(self) -> list[str]:
        return [h.key for h in self.handles]

    @property
    def spec(self) -> str:
        """The bot as one argument that parse_bot reads back: handles joined by ``+``."""
        return "+".join(h.spec for h in self.handles)

    def __str__(self) -> str:
        return self.name


def parse_handle(text: str) -> Handle:
    """Parse one X handle (a leading ``@`` is allowed); raise InvalidHandle otherwise."""
    name = text.strip()
    if name.startswith("@"):
        name = name[1:]
    if not X_HANDLE.match(name):
        raise InvalidHandle(
            f"invalid handle {text!r}: an X handle is 1 to 15 letters, digits or underscores"
        )
    return Handle(name=name)


def parse_bot(text: str) -> Bot:
    """Parse ``karpathy``, ``@karpathy`` or ``elonmusk+karpathy`` into a Bot."""
    tokens = [t for t in BOT_SEPARATORS.split(text.strip()) if t]
    if not tokens:
        raise BadInput("empty bot: give at least one handle")
    handles: dict[str, Handle] = {}
    for token in tokens:
        handle = parse_handle(token)
        handles.setdefault(handle.key, handle)
    return Bot(handles=tuple(handles.values()))


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
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"users file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise BadInput(f"cannot read users file {p}: {err}") from None
    return parse_users_text(text, origin=str(p))
