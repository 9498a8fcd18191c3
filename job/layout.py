"""Where a bot's files live in the store (docs/store.md "Layout of one bot")."""

from __future__ import annotations

import re

from job.errors import BadInput


def bot_folder(bot: str) -> str:
    """The prefix of every key of the bot (``store.list`` of it lists the whole bot)."""
    return f"{bot}/"


def bot_file(bot: str, path: str) -> str:
    """The key of ``path`` (a manifest path or key, ``raw/x.jsonl``) in the bot's folder."""
    return f"{bot}/{path}"


def path_in_bot(bot: str, key: str) -> str:
    """The inverse of ``bot_file``: ``raw/x.jsonl`` for ``<bot>/raw/x.jsonl``."""
    return key[len(bot) + 1 :]


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


def raw_avatar(bot: str, handle: str, suffix: str) -> str:
    """A picture of the person, stored by a source next to their posts (png, jpg, ...)."""
    return f"{bot}/raw/{handle}.avatar.{suffix}"


# -- htctl refresh (job.refresh, job.promote) ------------------------------------------------

REFRESH_STATE = "refresh.json"  # a path of the bot: what its model was trained on
STAGING = ".staging"


def refresh_state(bot: str) -> str:
    return bot_file(bot, REFRESH_STATE)


def staging_root(bot: str) -> str:
    """The folder of the bot's staging areas, one per refresh revision."""
    return f"{bot}/{STAGING}"


def staging(bot: str, rev: str) -> str:
    """One refresh's staging area: the normal layout of the bot inside it."""
    return f"{staging_root(bot)}/{rev}"


def refresh_plan(bot: str, rev: str) -> str:
    """Written once the staged raw/ is complete: the marker that the refresh can resume."""
    return f"{staging(bot, rev)}/refresh-plan.json"


def staged_entry_key(bot: str, rev: str, path: str) -> str:
    """A manifest key (relative to the bot folder) of ``path`` still in staging area ``rev``."""
    return f"{STAGING}/{rev}/{bot}/{path}"


def is_staged_key(entry_key: str) -> bool:
    """Whether a manifest key points into a staging area (a promote not finished yet)."""
    return entry_key.startswith(f"{STAGING}/")


def staged_revision(entry_key: str) -> str:
    """The staging area a staged manifest key points into."""
    return entry_key.split("/")[1]


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
