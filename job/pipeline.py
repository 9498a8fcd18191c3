"""The pipeline: scrape -> prepare -> train -> publish, each stage skipped when its marker is good.

Every stage has one signature, ``stage(store, bot, options) -> None``. A stage is trusted only
through its marker (written last by the stage), and a marker only when it parses and carries
its keys (job.markers; a corrupt one is logged and its stage reruns). Before a stage writes
anything, it deletes its marker and every later stage's (``markers.invalidate``), so a crash in
the middle leaves nothing that a rerun would trust, and a stage that ran makes every later
stage run again. scrape and prepare check their input first and invalidate only once it is
good, so bad input (even with ``--force``) leaves the store as it was.

Under torchrun every rank runs the pipeline: rank 0 does everything, the others only train
(``options.rank``, read once where the options were built).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from job import layout, markers
from job.bots import Bot
from job.dataset import prepare
from job.errors import ConfigError, CorruptManifest
from job.lease import Lease, hold
from job.manifest import read_manifest
from job.options import STAGES, RunOptions
from job.publish import publish
from job.scrape import is_scraped, scrape
from job.store import Store
from job.timings import note_stage
from job.train import train

log = logging.getLogger("htctl")

Stage = Callable[[Store, Bot, RunOptions], None]

RUNNERS: dict[str, Stage] = {
    "scrape": scrape,
    "prepare": prepare,
    "train": train,
    "publish": publish,
}


@dataclass
class StageResult:
    stage: str
    skipped: bool
    seconds: float = 0.0


def is_done(store: Store, bot: Bot, stage: str) -> bool:
    """The stage's markers are there and valid (and so are the files they vouch for)."""
    name = bot.name
    if stage == "scrape":
        return all(is_scraped(store, bot, handle) for handle in bot.keys)
    if stage == "prepare":
        return markers.stats(store, name, bot.keys) is not None and all(
            store.exists(key) for key in (layout.train_txt(name), layout.valid_txt(name))
        )
    if stage == "train":
        return markers.metrics(store, name) is not None
    try:
        return read_manifest(store, name) is not None
    except CorruptManifest as err:  # publishing again writes a good one
        log.warning("%s: its stage runs again", err)
        return False


def run(store: Store, bot: Bot, options: RunOptions) -> list[StageResult]:
    store.check()
    with hold(store, bot.name, options.rank) as lease:  # one writer of the bot at a time
        return _run_stages(store, bot, options, lease)


def _run_stages(store: Store, bot: Bot, options: RunOptions, lease: Lease) -> list[StageResult]:
    stages = STAGES[: STAGES.index(options.until) + 1]
    results = []
    rerun = options.force
    for stage in stages:
        if not options.rank.is_primary and stage != "train":
            if stage == "publish":
                break
            if not is_done(store, bot, stage):
                raise ConfigError(
                    f"{bot}: {stage} must finish before training under torchrun: "
                    "run `htctl run BOT --until prepare` first"
                )
            results.append(StageResult(stage, skipped=True))
            continue
        if not rerun and is_done(store, bot, stage):
            log.info("%s: %s already in the store, skipped (--force reruns it)", bot, stage)
            results.append(StageResult(stage, skipped=True))
            continue
        lease.ensure_held()
        log.info("%s: %s", bot, stage)
        start = time.monotonic()
        RUNNERS[stage](store, bot, options)
        seconds = time.monotonic() - start
        note_stage(seconds)  # not start-up for the later stages' timings
        results.append(StageResult(stage, skipped=False, seconds=seconds))
        rerun = True
    return results
