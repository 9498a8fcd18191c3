"""``htctl run``: the whole pipeline for one bot on this machine."""

from __future__ import annotations

import typer

from job.bots import parse_bot
from job.cli import app, log_to_stdout
from job.generate import one_line
from job.hub import hub_target
from job.pipeline import STAGES, RunOptions, run
from job.publish import first_sample
from job.sources import bind_sources
from job.store import open_store


@app.command("run")
def run_command(
    bot: str = typer.Argument(..., help="A handle, or handles joined by '+': elonmusk+karpathy."),
    source: list[str] = typer.Option(
        [], "--source", help="x (default) or archive:PATH; one per handle, in the bot's order."
    ),
    store: str = typer.Option(
        None, "--store", envvar="HT_STORE", help="Local folder or s3://bucket/prefix."
    ),
    until: str = typer.Option("publish", "--until", help=f"Last stage: {'|'.join(STAGES)}."),
    force: bool = typer.Option(False, "--force", help="Rerun stages whose output exists."),
    seed: int = typer.Option(0, "--seed", envvar="HT_SEED", help="Seed for split and training."),
    base_model: str = typer.Option(
        "gpt2", "--base-model", envvar="HT_BASE_MODEL", help="Hub id, folder, store path or tiny."
    ),
    hub_repo: str = typer.Option(
        None, "--hub-repo", envvar="HT_HUB_REPO", help="Also push to this Hub repo (HF_TOKEN)."
    ),
    epochs: float = typer.Option(
        None, "--epochs", envvar="HT_TRAIN_EPOCHS", help="Training epochs (recipe: 4)."
    ),
    max_steps: int = typer.Option(
        None, "--max-steps", envvar="HT_TRAIN_MAX_STEPS", help="Stop training after N steps."
    ),
    checkpoint_every: int = typer.Option(
        None,
        "--checkpoint-every",
        envvar="HT_TRAIN_CHECKPOINT_EVERY",
        help="Upload a checkpoint every N steps (default 500; 0: only on SIGTERM).",
    ),
    micro_batch: int = typer.Option(
        None, "--micro-batch", envvar="HT_TRAIN_MICRO_BATCH", help="Per-device batch (by hardware)."
    ),
    grad_accum: int = typer.Option(
        None, "--grad-accum", envvar="HT_TRAIN_GRAD_ACCUM", help="Gradient accumulation steps."
    ),
    zero_stage: int = typer.Option(
        None, "--zero-stage", envvar="HT_TRAIN_ZERO_STAGE", help="DeepSpeed ZeRO stage (2)."
    ),
) -> None:
    """Scrape, prepare, train and publish one bot into the store."""
    log_to_stdout()
    parsed = bind_sources(parse_bot(bot), source)
    hub_target(hub_repo)  # a repo without a token fails now, not after training
    train_settings = {
        "epochs": epochs,
        "max_steps": max_steps,
        "checkpoint_every": checkpoint_every,
        "micro_batch": micro_batch,
        "grad_accum": grad_accum,
        "zero_stage": zero_stage,
    }
    options = RunOptions(
        until=until,
        force=force,
        seed=seed,
        base_model=base_model,
        hub_repo=hub_repo,
        train={k: v for k, v in train_settings.items() if v is not None},
    )
    target = open_store(store)
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
