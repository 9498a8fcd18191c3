"""The prepare stage: raw posts -> train.txt, valid.txt and stats.json.

Per handle the data rules (job.rules) pick the kept posts; 10% of them (at least one) are held
out for validation before any balancing, so no validation post is ever trained on. The train
posts of a multi-handle bot are then repeated and shuffled so every handle contributes about as
many characters as the largest (huggingtweets' balancing). The 4 epochs of the recipe are run
by the trainer, not baked into the text.
"""

from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass

from job import layout
from job.bots import Bot
from job.errors import NotEnoughData
from job.rules import EOS, MIN_CHARS, WARN_CHARS, Curated, curate
from job.store import Store, read_text, write_json, write_text

log = logging.getLogger("htctl")

VALID_FRACTION = 0.1


@dataclass
class Dataset:
    train: list[str]
    valid: list[str]
    stats: dict


def load_raw(store: Store, bot: Bot, handle: str) -> list[dict]:
    text = read_text(store, layout.raw_posts(bot.name, handle))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def check_enough_text(handle: str, curated: Curated) -> None:
    """Rule 6: under 6,000 characters cannot train; under 40,000 deserves a warning."""
    if curated.kept_chars < MIN_CHARS:
        raise NotEnoughData(
            f"not enough text to train on @{handle}: {curated.counts} "
            f"({curated.kept_chars} characters kept, {MIN_CHARS} needed)"
        )
    if curated.kept_chars < WARN_CHARS:
        log.warning(
            "@%s has little text (%d characters kept, %d recommended): the bot may be poor",
            handle,
            curated.kept_chars,
            WARN_CHARS,
        )


def split(posts: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    shuffled = posts[:]
    rng.shuffle(shuffled)
    n_valid = max(1, round(len(shuffled) * VALID_FRACTION))
    return shuffled[n_valid:], shuffled[:n_valid]


def balance(per_handle: list[list[str]], rng: random.Random) -> list[str]:
    """Repeat each handle's posts until it has as many characters as the largest handle."""
    target = max(len("".join(posts)) for posts in per_handle)
    combined: list[str] = []
    for posts in per_handle:
        chosen = posts[:]
        length = len("".join(chosen))
        while length < target and posts:
            extra = posts[:]
            rng.shuffle(extra)
            for post in extra:
                chosen.append(post)
                length += len(post)
                if length >= target:
                    break
        combined.extend(chosen)
    rng.shuffle(combined)
    return combined


def to_text(posts: list[str]) -> str:
    return EOS + EOS.join(posts) + EOS


def build(bot: Bot, curated: dict[str, Curated], seed: int) -> Dataset:
    rng = random.Random(seed)
    trains, valids = [], []
    for handle in bot.keys:
        train, valid = split(curated[handle].kept, rng)
        trains.append(train)
        valids.append(valid)
    train_posts = balance(trains, rng) if len(trains) > 1 else trains[0]
    valid_posts = [p for v in valids for p in v]
    stats = {
        "bot": bot.name,
        "handles": {h: curated[h].counts.as_dict() for h in bot.keys},
        "train_posts": len(train_posts),
        "valid_posts": len(valid_posts),
        "seed": seed,
        "unique_train_posts": sum(len(t) for t in trains),
        "balanced": len(trains) > 1,
        "epochs_in_text": False,
    }
    return Dataset(train=train_posts, valid=valid_posts, stats=stats)


def prepare(store: Store, bot: Bot, seed: int) -> dict:
    """Curate every handle's raw posts, then write the dataset with stats.json last."""
    curated = {}
    for handle in bot.keys:
        curated[handle] = curate(load_raw(store, bot, handle))
        check_enough_text(handle, curated[handle])
        log.info("@%s: %s", handle, curated[handle].counts)
    dataset = build(bot, curated, seed)
    write_text(store, layout.train_txt(bot.name), to_text(dataset.train))
    write_text(store, layout.valid_txt(bot.name), to_text(dataset.valid))
    write_json(store, layout.stats(bot.name), dataset.stats)
    return dataset.stats
