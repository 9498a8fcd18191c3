"""Stage markers, trusted only when they parse and carry their keys with the right types.

A stage writes its marker last (raw/<handle>.meta.json, dataset/stats.json, metrics.json,
checkpoints/latest.json). A marker that exists but is truncated, hand-edited or written by
something else does not vouch for anything: ``read_marker`` returns None and logs one line
saying why, and the stage runs again. Every stage-skip check goes through it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

from job import layout
from job.bots import Bot
from job.errors import BadInput
from job.options import STAGES
from job.store import Store

log = logging.getLogger("htctl")

# Far above any real marker (metrics.json with a long log history is the largest).
MAX_MARKER_BYTES = 16 * 1024 * 1024

# A check on a parsed marker: None when it is good, else why not.
Check = Callable[[dict], str | None]


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_count(value: object) -> bool:
    return is_int(value) and value >= 0  # type: ignore[operator]


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def fields(**expected: Callable[[object], bool]) -> Check:
    """A check that every named key is present and passes its type test."""

    def check(marker: dict) -> str | None:
        for name, test in expected.items():
            if name not in marker:
                return f"no {name!r}"
            if not test(marker[name]):
                return f"{name!r} has the wrong type"
        return None

    return check


def optional(**expected: Callable[[object], bool]) -> Check:
    """A check that the named keys, where present, pass their type test."""

    def check(marker: dict) -> str | None:
        for name, test in expected.items():
            if name in marker and not test(marker[name]):
                return f"{name!r} has the wrong type"
        return None

    return check


def both(*checks: Check) -> Check:
    def check(marker: dict) -> str | None:
        return next((reason for c in checks if (reason := c(marker)) is not None), None)

    return check


def read_marker(store: Store, key: str, check: Check) -> dict | None:
    """The marker at ``key`` when it exists, parses as a JSON object and passes ``check``;
    otherwise None, with one log line when it exists but is not trusted."""
    if not store.exists(key):
        return None
    try:
        marker = json.loads(store.read_bytes(key, limit=MAX_MARKER_BYTES))
    except FileNotFoundError:
        return None
    except BadInput as err:  # larger than any marker
        return _untrusted(store, key, str(err))
    except (ValueError, RecursionError) as err:  # JSONDecodeError, UnicodeDecodeError
        return _untrusted(store, key, f"not JSON ({type(err).__name__})")
    if not isinstance(marker, dict):
        return _untrusted(store, key, "not a JSON object")
    if (reason := check(marker)) is not None:
        return _untrusted(store, key, reason)
    return marker


def _untrusted(store: Store, key: str, reason: str) -> None:
    log.warning("%s/%s is not a valid marker (%s): its stage runs again", store.uri, key, reason)
    return None


def require_marker(store: Store, key: str, check: Check, stage: str) -> dict:
    """A marker a later stage needs: BadInput (exit 2) when it is missing or not trusted."""
    marker = read_marker(store, key, check)
    if marker is None:
        raise BadInput(
            f"{store.uri}/{key} is missing or corrupt: run the {stage} stage again (--force)"
        )
    return marker


# --- the markers ------------------------------------------------------------------------------

_COUNTS = ("downloaded", "retweets", "short", "kept")


def raw_meta_check(handle: str) -> Check:
    def same_handle(marker: dict) -> str | None:
        return None if marker["handle"] == handle else f"written for @{marker['handle']}"

    return both(fields(handle=lambda v: isinstance(v, str), posts=is_count), same_handle)


def stats_check(bot: str, handles: list[str]) -> Check:
    """stats.json of this bot, with the four counts of each of its handles."""

    def same_bot(marker: dict) -> str | None:
        if marker["bot"] != bot:
            return f"written for {marker['bot']!r}"
        if sorted(marker["handles"]) != sorted(handles):
            return "its handles are not the bot's"
        for handle, counts in marker["handles"].items():
            if not isinstance(counts, dict) or not all(is_count(counts.get(c)) for c in _COUNTS):
                return f"the counts of {handle!r} are incomplete"
        return None

    return both(
        fields(
            bot=lambda v: isinstance(v, str),
            handles=lambda v: isinstance(v, dict),
            train_posts=is_count,
            valid_posts=is_count,
            seed=is_int,
        ),
        same_bot,
    )


def _number_or_none(value: object) -> bool:
    return value is None or is_number(value)


def _list_of_dicts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


METRICS_CHECK: Check = both(
    fields(
        eval_loss_before=is_number,
        eval_loss_after=is_number,
        perplexity_before=is_number,
        perplexity_after=is_number,
        train_seconds=is_number,
        train_tokens_per_second=_number_or_none,
    ),
    optional(log_history=_list_of_dicts, hyperparameters=lambda v: isinstance(v, dict)),
)

_CHECKPOINT_NAME = re.compile(r"^checkpoint-[0-9]{1,12}$")

LATEST_CHECKPOINT_CHECK: Check = fields(
    step=is_count,
    checkpoint=lambda v: isinstance(v, str) and bool(_CHECKPOINT_NAME.match(v)),
    files=is_count,
    fingerprint=lambda v: isinstance(v, str),
)


def raw_meta(store: Store, bot: str, handle: str) -> dict | None:
    return read_marker(store, layout.raw_meta(bot, handle), raw_meta_check(handle))


def stats(store: Store, bot: str, handles: list[str]) -> dict | None:
    return read_marker(store, layout.stats(bot), stats_check(bot, handles))


def metrics(store: Store, bot: str) -> dict | None:
    return read_marker(store, layout.metrics(bot), METRICS_CHECK)


# --- invalidation: a stage that is about to write distrusts its own and every later marker ----


def stage_markers(bot: Bot, stage: str) -> list[str]:
    """The keys that vouch for ``stage`` of ``bot`` (each written last by its stage)."""
    if stage == "scrape":
        return [layout.raw_meta(bot.name, handle) for handle in bot.keys]
    return {
        "prepare": [layout.stats(bot.name)],
        "train": [layout.metrics(bot.name)],
        "publish": [layout.manifest(bot.name)],
    }[stage]


def invalidate(store: Store, bot: Bot, stage: str) -> None:
    """Delete the markers of ``stage`` and of every later stage: none of them is trusted now.

    Each stage calls this right before its first write, once its input is checked, so a crash
    in the middle leaves nothing a rerun would trust and bad input leaves the store as it was."""
    for later in STAGES[STAGES.index(stage) :]:
        for key in stage_markers(bot, later):
            store.delete(key)
