"""Where a bot's files live in the store (docs/store.md "Layout of one bot")."""

from __future__ import annotations

import re

from job.errors import BadInput


def raw_posts(bot: str, handle: str) -> str:
    return f"{bot}/raw/{handle}.jsonl"


def raw_meta(bot: str, handle: str) -> str:
    """Written after raw_posts: the marker that the handle's posts are complete."""
    return f"{bot}/raw/{handle}.meta.json"


def train_txt(bot: str) -> str:
    return f"{bot}/dataset/train.txt"


def valid_txt(bot: str) -> str:
    return f"{bot}/dataset/valid.txt"


def stats(bot: str) -> str:
    """Written after train.txt and valid.txt: the marker of a complete dataset."""
    return f"{bot}/dataset/stats.json"


def model_dir(bot: str) -> str:
    return f"{bot}/model"


def checkpoints(bot: str) -> str:
    return f"{bot}/checkpoints"


def metrics(bot: str) -> str:
    return f"{bot}/metrics.json"


def card(bot: str) -> str:
    return f"{bot}/README.md"


def predictions_json(bot: str) -> str:
    return f"{bot}/predictions.json"


def predictions_png(bot: str) -> str:
    return f"{bot}/predictions.png"


def loss_png(bot: str) -> str:
    return f"{bot}/loss.png"


def manifest(bot: str) -> str:
    """Written last: a bot is complete only when this exists."""
    return f"{bot}/manifest.json"


def lease(bot: str) -> str:
    """The bot's lease (job.lease): present while one writer works on the bot."""
    return f"{bot}/.lease.json"


# -- base models mirrored by ``htctl mirror-base`` (shared by every bot of the store) ----------

BASE = "base"
_HUB_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
# A bot named "base" keeps its own files under base/ too: an id starting with one of its
# folders or files would mix a mirror into that bot (or let the bot's --force delete it).
_BOT_ENTRIES = frozenset(
    key.split("/", 2)[1]
    for key in (
        raw_posts("b", "h"),
        train_txt("b"),
        model_dir("b"),
        checkpoints("b"),
        metrics("b"),
        card("b"),
        predictions_json("b"),
        predictions_png("b"),
        loss_png("b"),
        manifest("b"),
    )
)


def valid_hub_model_id(hub_id: str) -> bool:
    """``name`` (the Hub's legacy ids, ``gpt2``) or ``owner/name`` as the Hub takes them: each
    part a letter or digit then letters, digits, ``.``, ``_``, ``-``; no ``--`` or ``..``, no
    ``.`` or ``-`` at the end, no ``.git`` suffix. Such an id is already a safe key: no empty,
    ``.`` or ``..`` segment, no ``/`` beyond the one between owner and name."""
    parts = hub_id.split("/")
    return (
        1 <= len(parts) <= 2
        and all(_HUB_SEGMENT.fullmatch(part) for part in parts)
        and "--" not in hub_id
        and ".." not in hub_id
        and not hub_id.endswith((".", "-", ".git"))
    )


def base_model_dir(hub_id: str) -> str:
    """``base/<hub id>``: ``org/name`` stays two segments. An id the Hub would refuse is bad input
    (exit 2), so no text from the command line ever becomes a key unchecked."""
    if not valid_hub_model_id(hub_id):
        raise BadInput(
            f"invalid Hub model id {hub_id!r}: expected name or owner/name (letters, digits, "
            "'.', '_', '-'; no '--' or '..')"
        )
    if hub_id.split("/")[0] in _BOT_ENTRIES:
        raise BadInput(
            f"cannot mirror {hub_id!r}: {BASE}/{hub_id.split('/')[0]} is where a bot named "
            f"{BASE!r} keeps its files"
        )
    return f"{BASE}/{hub_id}"


def base_model_file(hub_id: str, name: str) -> str:
    return f"{base_model_dir(hub_id)}/{name}"


def mirror_json(hub_id: str) -> str:
    """Written after every file of the mirror: hub_id, revision (commit sha) and license."""
    return base_model_file(hub_id, "mirror.json")
