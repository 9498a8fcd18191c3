"""The pipeline: scrape -> prepare -> train -> publish, each stage skipped when its marker is good.

A stage is trusted only through its marker (written last by the stage), and a marker only when
it parses and carries its keys (job.markers; a corrupt one is logged and its stage reruns).
Before a stage writes
anything, its marker and every later stage's are deleted, so a crash in the middle leaves
nothing that a rerun would trust, and a stage that ran makes every later stage run again.
scrape and prepare check their input first and invalidate only once it is good, so bad input
(even with ``--force``) leaves the store as it was.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from job import layout
from job.bots import Bot
from job.errors import BadInput, ConfigError, CorruptManifest
from job.lease import Lease, hold
from job.store import Store

log = logging.getLogger("htctl")

STAGES = ("scrape", "prepare", "train", "publish")


@dataclass
class RunOptions:
    until: str = "publish"
    force: bool = False
    seed: int = 0
    base_model: str = "gpt2"
    work_dir: Path | None = None  # local scratch for training; a temp dir when None
    train: dict = field(default_factory=dict)  # extra training settings (job.train)
    hub_repo: str | None = None  # also push the published bot to this Hub repo (job.hub)


@dataclass
class Context:
    store: Store
    bot: Bot
    options: RunOptions


@dataclass
class StageResult:
    stage: str
    skipped: bool
    seconds: float = 0.0


def markers(ctx: Context, stage: str) -> list[str]:
    bot = ctx.bot.name
    if stage == "scrape":
        return [layout.raw_meta(bot, h) for h in ctx.bot.keys]
    return {
        "prepare": [layout.stats(bot)],
        "train": [layout.metrics(bot)],
        "publish": [layout.manifest(bot)],
    }[stage]


def is_done(ctx: Context, stage: str) -> bool:
    """The stage's markers are there and valid (and so are the files they vouch for)."""
    from job import markers as marker

    store, bot = ctx.store, ctx.bot.name
    if stage == "scrape":
        from job.scrape import is_scraped

        return all(is_scraped(store, ctx.bot, handle) for handle in ctx.bot.keys)
    if stage == "prepare":
        return marker.stats(store, bot, ctx.bot.keys) is not None and all(
            store.exists(key) for key in (layout.train_txt(bot), layout.valid_txt(bot))
        )
    if stage == "train":
        return marker.metrics(store, bot) is not None
    from job.manifest import read_manifest

    try:
        return read_manifest(store, bot) is not None
    except CorruptManifest as err:  # publishing again writes a good one
        log.warning("%s: its stage runs again", err)
        return False


def invalidate(ctx: Context, stage: str) -> None:
    """Delete the markers of ``stage`` and of every later stage: none of them is trusted now."""
    for later in STAGES[STAGES.index(stage) :]:
        for key in markers(ctx, later):
            ctx.store.delete(key)


def _scrape(ctx: Context) -> None:
    from job.scrape import scrape

    # scrape deletes the markers of the handles it refetches itself, and keeps the others.
    scrape(
        ctx.store,
        ctx.bot,
        force=ctx.options.force,
        before_write=lambda: invalidate(ctx, "prepare"),
    )


def _prepare(ctx: Context) -> None:
    from job.dataset import prepare

    prepare(
        ctx.store, ctx.bot, seed=ctx.options.seed, before_write=lambda: invalidate(ctx, "prepare")
    )


def _train(ctx: Context) -> None:
    from job.train import train

    invalidate(ctx, "train")
    train(ctx)


def _publish(ctx: Context) -> None:
    from job.publish import publish

    invalidate(ctx, "publish")
    publish(ctx)


RUNNERS: dict[str, Callable[[Context], None]] = {
    "scrape": _scrape,
    "prepare": _prepare,
    "train": _train,
    "publish": _publish,
}


def is_secondary_rank() -> bool:
    """True on ranks other than 0 under torchrun: they exist to train, rank 0 does the rest."""
    return int(os.environ.get("RANK", "0")) != 0


def run(store: Store, bot: Bot, options: RunOptions) -> list[StageResult]:
    if options.until not in STAGES:
        raise BadInput(f"unknown stage {options.until!r}: choose one of {', '.join(STAGES)}")
    store.check()
    with hold(store, bot.name) as lease:  # one writer of the bot at a time (job.lease)
        return _run_stages(Context(store=store, bot=bot, options=options), lease)


def _run_stages(ctx: Context, lease: Lease) -> list[StageResult]:
    bot, options = ctx.bot, ctx.options
    stages = STAGES[: STAGES.index(options.until) + 1]
    results = []
    rerun = options.force
    for stage in stages:
        if is_secondary_rank() and stage != "train":
            if stage == "publish":
                break
            if not is_done(ctx, stage):
                raise ConfigError(
                    f"{bot}: {stage} must finish before training under torchrun: "
                    "run `htctl run BOT --until prepare` first"
                )
            results.append(StageResult(stage, skipped=True))
            continue
        if not rerun and is_done(ctx, stage):
            log.info("%s: %s already in the store, skipped (--force reruns it)", bot, stage)
            results.append(StageResult(stage, skipped=True))
            continue
        lease.ensure_held()
        log.info("%s: %s", bot, stage)
        start = time.monotonic()
        RUNNERS[stage](ctx)
        results.append(StageResult(stage, skipped=False, seconds=time.monotonic() - start))
        rerun = True
    return results
