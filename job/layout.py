"""Where a bot's files live in the store (docs/store.md "Layout of one bot")."""

from __future__ import annotations


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
