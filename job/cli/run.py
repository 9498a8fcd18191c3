"""``htctl run``: the whole pipeline for one bot on this machine."""

from __future__ import annotations

from dataclasses import replace

import typer

import job.cli.options as opt
from job.bots import parse_bot
from job.cli.app import log_to_stdout
from job.generate import one_line
from job.launcher import launches_ranks, train_in_ranks
from job.markers import metrics as read_metrics
from job.options import RunOptions
from job.pipeline import run
from job.publish import first_sample
from job.rank import Rank
from job.sources import bind_sources
from job.store import open_store
from job.timings import summary


def run_command(
    ctx: typer.Context,
    bot: str = typer.Argument(..., help="A handle, or handles joined by '+': elonmusk+karpathy."),
    source: list[str] = typer.Option(
        [], "--source", help="x (default) or archive:PATH; one per handle, in the bot's order."
    ),
    store: str = opt.STORE,
    until: str = opt.choice("--until", "publish", opt.STAGE_CHOICES, "Last stage to run."),
    force: bool = typer.Option(False, "--force", help="Rerun stages whose output exists."),
    seed: int = typer.Option(0, "--seed", envvar="HT_SEED", help="Seed for split and training."),
    base_model: str = typer.Option(
        "gpt2", "--base-model", envvar="HT_BASE_MODEL", help="Hub id, folder, store path or tiny."
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
    nproc_per_node: int = opt.NPROC_PER_NODE,
) -> None:
    """Scrape, prepare, train and publish one bot into the store."""
    log_to_stdout()
    parsed = bind_sources(parse_bot(bot), source)
    opt.preflight(parsed.name, hub_repo, nproc_per_node, base_model)
    rank = Rank.from_env()
    options = RunOptions(
        until=until,
        force=force,
        seed=seed,
        base_model=base_model,
        hub_repo=hub_repo,
        train=opt.train_settings(ctx),
        rank=rank,
    )
    target = open_store(store)
    if launches_ranks(rank, nproc_per_node, until):
        # The CPU stages once, here; then every rank trains and rank 0 publishes. The stages
        # that ran here deleted the later markers, so the ranks rerun those without --force
        # (with it, rank 0 would scrape and prepare again under the other ranks' feet).
        train_in_ranks(
            target,
            parsed.name,
            nproc_per_node,
            prepare=lambda: run(target, parsed, replace(options, until="prepare")),
            drop_flags=("--force",),
        )
        return
    results = run(target, parsed, options)
    ran = [r.stage for r in results if not r.skipped]
    typer.echo(
        f"{parsed.name}: done up to {until} in {target.uri} "
        f"(ran: {', '.join(ran) or 'nothing, all present'})"
    )
    if until == "publish":
        text = first_sample(target, parsed.name)
        if text:
            typer.echo(f"sample (generated): {one_line(text)}")
    timings = (read_metrics(target, parsed.name) or {}).get("timings") if "train" in ran else None
    if isinstance(timings, dict):
        typer.echo(f"{parsed.name}: {summary(timings)}")
