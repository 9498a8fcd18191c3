"""The prepare stage: raw posts -> train.txt, valid.txt and stats.json.

Per handle the data rules (job.rules) pick the kept posts; 10% of them (at least one) are held
out for validation before any balancing, so no validation post is ever trained on (posts with
the same text go to the same side). The train posts of a multi-handle bot are then repeated and
shuffled so every handle contributes about as many characters as the largest (huggingtweets'
balancing). The 4 epochs of the recipe are run by the trainer, not baked into the text.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from job import layout, markers
from job.bots import Bot
from job.errors import BadInput, NotEnoughData
from job.options import RunOptions
from job.progress import progress
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
    key = layout.raw_posts(bot.name, handle)
    try:
        return [json.loads(line) for line in read_text(store, key).splitlines() if line.strip()]
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        # Written atomically by scrape, so only a hand edit gets here.
        raise BadInput(
            f"corrupt raw posts {store.uri}/{key} ({err}): rerun with --force to fetch again"
        ) from None


def curate_handle(handle: str, posts: list[dict]) -> Curated:
    """The data rules on one handle's posts, with progress (posts processed)."""
    with progress(f"@{handle}: posts processed", total=len(posts), unit="posts") as bar:

        def counted(items: Iterable[dict]) -> Iterable[dict]:
            for item in items:
                yield item
                bar.advance()

        return curate(counted(posts))


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
    """Hold out about 10% of the posts (at least one, never all) for validation.

    The split is over distinct texts, so a post repeated word for word never lands on both
    sides. A single distinct text cannot be split: it all goes to train, valid stays empty.
    """
    counts = Counter(posts)
    texts = list(counts)
    rng.shuffle(texts)
    wanted = max(1, round(len(posts) * VALID_FRACTION))
    held: set[str] = set()
    n_valid = 0
    for text in texts[:-1]:  # the last distinct text always stays in train
        if n_valid >= wanted:
            break
        held.add(text)
        n_valid += counts[text]
    train = [p for p in texts for _ in range(counts[p]) if p not in held]
    valid = [p for p in texts for _ in range(counts[p]) if p in held]
    rng.shuffle(train)
    return train, valid


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


def prepare(store: Store, bot: Bot, options: RunOptions) -> None:
    """The stage: curate every handle's raw posts, then write the dataset, stats.json last.

    Everything is computed and checked before this and the later stages' markers are deleted
    and the first file is written, so a handle with too little text leaves the store as it was.
    """
    curated = {}
    for handle in bot.keys:
        curated[handle] = curate_handle(handle, load_raw(store, bot, handle))
        check_enough_text(handle, curated[handle])
        log.info("@%s: %s", handle, curated[handle].counts)
    dataset = build(bot, curated, options.seed)
    markers.invalidate(store, bot, "prepare")
    write_text(store, layout.train_txt(bot.name), to_text(dataset.train))
    write_text(store, layout.valid_txt(bot.name), to_text(dataset.valid))
    write_json(store, layout.stats(bot.name), dataset.stats)
