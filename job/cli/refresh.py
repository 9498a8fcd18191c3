"""``htctl refresh BOT``: fetch new posts, rebuild the dataset, retrain when it grew enough."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace

import typer

import job.cli.options as opt
from job import config
from job.bots import parse_bot
from job.cli.app import log_to_stdout
from job.errors import BadInput
from job.launcher import train_under_torchrun, under_torchrun
from job.lease import hold
from job.refresh import (
    DEFAULT_MIN_GROWTH,
    RefreshOptions,
    refresh,
    result_json,
    staged_revision,
)
from job.sources import bind_sources
from job.store import open_store

log = logging.getLogger("htctl")


def refresh_command(
    bot: str = typer.Argument(..., help="The bot's handles as for run: karpathy+bsky:a.b.c."),
    source: list[str] = typer.Option(
        [], "--source", help="As for run: one per handle, in the bot's order."
    ),
    store: str = opt.STORE,
    min_growth: float = typer.Option(
        None,
        "--min-growth",
        help=f"Retrain when the kept text grew by this fraction (HT_REFRESH_MIN_GROWTH; "
        f"default {DEFAULT_MIN_GROWTH}).",
    ),
    until: str = typer.Option(
        "publish", "--until", help="prepare: update raw/ and dataset/ only, never retrain."
    ),
    retrain: bool = typer.Option(False, "--retrain", help="Retrain whatever the growth."),
    seed: int = typer.Option(
        None, "--seed", envvar="HT_SEED", help="Default: the published dataset's seed."
    ),
    base_model: str = typer.Option(
        None,
        "--base-model",
        envvar="HT_BASE_MODEL",
        help="Default: the published model's base model (gpt2 for a new bot).",
    ),
    hub_repo: str = opt.HUB_REPO,
    epochs: float = opt.EPOCHS,
    max_steps: int = opt.MAX_STEPS,
    checkpoint_every: int = opt.CHECKPOINT_EVERY,
    micro_batch: int = opt.MICRO_BATCH,
    grad_accum: int = opt.GRAD_ACCUM,
    zero_stage: int = opt.ZERO_STAGE,
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON line."),
    nproc_per_node: int = opt.NPROC_PER_NODE,
) -> None:
    """Bring a published bot up to date; the published bot is replaced atomically."""
    log_to_stdout()
    parsed = bind_sources(parse_bot(bot), source)
    if min_growth is None:
        min_growth = config.number("HT_REFRESH_MIN_GROWTH", DEFAULT_MIN_GROWTH)
    if min_growth < 0:
        raise BadInput(f"--min-growth must be at least 0, not {min_growth}")
    opt.preflight(parsed.name, hub_repo, nproc_per_node)
    train = opt.train_settings(
        epochs=epochs,
        max_steps=max_steps,
        checkpoint_every=checkpoint_every,
        micro_batch=micro_batch,
        grad_accum=grad_accum,
        zero_stage=zero_stage,
    )
    options = RefreshOptions(
        min_growth=min_growth,
        until=until,
        force_retrain=retrain,
        seed=seed,
        base_model=base_model,
        hub_repo=hub_repo,
        train=train,
    )
    target = open_store(store)
    if nproc_per_node > 1 and not under_torchrun() and until == "publish":
        # Fetch and decide once, here, unless a build is staged already (an Argo prepare step,
        # or a preempted attempt whose checkpoint must not be thrown away); the ranks train
        # it and rank 0 promotes it and prints the result.
        # This process holds the bot's lease throughout; the ranks work under it.
        with hold(target, parsed.name) as lease:
            staged = staged_revision(target, parsed)
            if staged is None:
                prepared = refresh(target, parsed, replace(options, until="prepare"))
                log.info("%s: %s", prepared.bot, prepared.summary)
            else:
                log.info("%s: training the build staged as %s", parsed.name, staged)
            train_under_torchrun(sys.argv[1:], nproc_per_node, extra_env=lease.child_env())
        return
    result = refresh(target, parsed, options)
    if as_json:
        typer.echo(result_json(result))
        return
    new = ", ".join(f"@{k}: {n}" for k, n in result.new_posts.items())
    typer.echo(f"{result.bot}: {result.summary} (new posts: {new}; revision {result.revision})")
