"""``htctl refresh BOT``: fetch new posts, rebuild the dataset, retrain when it grew enough."""

from __future__ import annotations

import logging

import typer

from job import config
from job.bots import Bot, parse_bot
from job.cli import options as opt
from job.cli.app import log_to_stdout
from job.cli.json_output import echo_json, stdout_for_json
from job.launcher import launches_ranks, train_in_ranks
from job.rank import Rank
from job.refresh import (
    DEFAULT_MIN_GROWTH,
    RefreshOptions,
    prepare_for_ranks,
    refresh,
    result_json,
)
from job.sources import bind_sources
from job.store import Store, open_store

log = logging.getLogger("htctl")


def refresh_command(
    ctx: typer.Context,
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
    until: str = opt.choice(
        "--until",
        "publish",
        opt.REFRESH_STAGE_CHOICES,
        "prepare: update raw/ and dataset/ only, never retrain.",
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
    keep_best: bool = opt.KEEP_BEST,
    learning_rate: float = opt.LEARNING_RATE,
    adapter: str = opt.ADAPTER,
    lora_rank: int = opt.LORA_RANK,
    lora_alpha: float = opt.LORA_ALPHA,
    lora_dropout: float = opt.LORA_DROPOUT,
    lora_targets: str = opt.LORA_TARGETS,
    merge: bool = opt.MERGE,
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON line."),
    nproc_per_node: int = opt.NPROC_PER_NODE,
) -> None:
    """Bring a published bot up to date; the published bot is replaced atomically."""
    if not as_json:  # with --json, stdout is the JSON line's alone: logs stay on stderr
        log_to_stdout()
    parsed = bind_sources(parse_bot(bot), source)
    if min_growth is None:
        min_growth = config.number("HT_REFRESH_MIN_GROWTH", DEFAULT_MIN_GROWTH)
    opt.preflight(parsed.name, hub_repo, nproc_per_node, base_model)
    rank = Rank.from_env()
    options = RefreshOptions(
        min_growth=min_growth,
        until=until,
        force_retrain=retrain,
        seed=seed,
        base_model=base_model,
        hub_repo=hub_repo,
        train=opt.train_settings(ctx),
        rank=rank,
    )
    target = open_store(store)
    if launches_ranks(rank, nproc_per_node, until):
        # Fetch and decide once, here; the ranks train the staged build and rank 0 promotes
        # it and prints the result.
        train_in_ranks(
            target,
            parsed.name,
            nproc_per_node,
            prepare=lambda: prepare_quietly(target, parsed, options, as_json),
        )
        return
    with stdout_for_json(as_json):
        result = refresh(target, parsed, options)
    if as_json:
        echo_json(result_json(result))
        return
    new = ", ".join(f"@{k}: {n}" for k, n in result.new_posts.items())
    typer.echo(f"{result.bot}: {result.summary} (new posts: {new}; revision {result.revision})")


def prepare_quietly(target: Store, parsed: Bot, options: RefreshOptions, as_json: bool) -> None:
    """The fetch before the ranks train; with --json, what it prints goes to stderr."""
    with stdout_for_json(as_json):
        prepare_for_ranks(target, parsed, options)
