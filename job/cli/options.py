"""Options that several commands share, declared once so flags, env vars and help agree."""

from __future__ import annotations

from typing import Any

import typer

from job.errors import BadInput
from job.hub import hub_target
from job.models import check_base_model
from job.options import STAGES, TrainSettings
from job.store import DEFAULT_STORE
from job.tracking import check_wandb

STORE = typer.Option(
    DEFAULT_STORE, "--store", envvar="HT_STORE", help="Local folder or s3://bucket/prefix."
)


def choice(flag: str, default: str, choices: tuple[str, ...], help: str) -> Any:
    """An option whose values --help lists (``<a|b>``) and the shell completes. A value
    outside them is passed on as it is: the options built from it refuse it (job/options.py,
    job/refresh.py, launch) in one line that names the choices, exit 2, before anything runs."""

    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return typer.Option(
        default, flag, metavar=f"<{'|'.join(choices)}>", autocompletion=complete, help=help
    )


STAGE_CHOICES = STAGES
REFRESH_STAGE_CHOICES = ("prepare", "publish")
VIA_CHOICES = ("jobs", "argo")
PROPAGATION_CHOICES = ("Foreground", "Background")


HUB_REPO = typer.Option(
    None,
    "--hub-repo",
    envvar="HT_HUB_REPO",
    help="Also push to this Hub repo, owner/name; {bot} in the name: the bot (HF_TOKEN).",
)
EPOCHS = typer.Option(
    None, "--epochs", envvar="HT_TRAIN_EPOCHS", help="Training epochs (recipe: 4)."
)
MAX_STEPS = typer.Option(
    None, "--max-steps", envvar="HT_TRAIN_MAX_STEPS", help="Stop training after N steps."
)
CHECKPOINT_EVERY = typer.Option(
    None,
    "--checkpoint-every",
    envvar="HT_TRAIN_CHECKPOINT_EVERY",
    help="Upload a checkpoint every N steps (default 500; 0: only on SIGTERM).",
)
MICRO_BATCH = typer.Option(
    None,
    "--micro-batch",
    envvar="HT_TRAIN_MICRO_BATCH",
    help="Per-device batch (1; more scales the rate by sqrt).",
)
GRAD_ACCUM = typer.Option(
    None, "--grad-accum", envvar="HT_TRAIN_GRAD_ACCUM", help="Gradient accumulation steps."
)
ZERO_STAGE = typer.Option(
    None,
    "--zero-stage",
    envvar="HT_TRAIN_ZERO_STAGE",
    help="DeepSpeed ZeRO stage (2; 0 for one CPU process).",
)
KEEP_BEST = typer.Option(
    None,
    "--keep-best/--no-keep-best",
    envvar="HT_TRAIN_KEEP_BEST",
    help="Publish the best evaluated weights, not the last (default: keep best).",
)
LEARNING_RATE = typer.Option(
    None,
    "--learning-rate",
    envvar="HT_TRAIN_LEARNING_RATE",
    help="Rate at effective batch 1 (1.372e-4; 2e-3 with --adapter lora).",
)
ADAPTER = typer.Option(
    None,
    "--adapter",
    envvar="HT_TRAIN_ADAPTER",
    metavar="<none|lora>",
    help="none: fine-tune every weight; lora: train and publish a LoRA adapter.",
)
LORA_RANK = typer.Option(None, "--lora-rank", envvar="HT_TRAIN_LORA_RANK", help="LoRA rank (16).")
LORA_ALPHA = typer.Option(
    None, "--lora-alpha", envvar="HT_TRAIN_LORA_ALPHA", help="LoRA alpha (32)."
)
LORA_DROPOUT = typer.Option(
    None, "--lora-dropout", envvar="HT_TRAIN_LORA_DROPOUT", help="LoRA dropout (0.05)."
)
LORA_TARGETS = typer.Option(
    None,
    "--lora-targets",
    envvar="HT_TRAIN_LORA_TARGETS",
    help="Modules LoRA adapts, comma-separated (default: per architecture).",
)
MERGE = typer.Option(
    False,
    "--merge",
    envvar="HT_TRAIN_MERGE",
    help="With --adapter lora: publish the adapter merged into full weights.",
)

NPROC_PER_NODE = typer.Option(
    1,
    "--nproc-per-node",
    envvar="HT_NPROC_PER_NODE",
    help="Train in N processes under torchrun (one per GPU); the stages before run once.",
)


def preflight(bot: str, hub_repo: str | None, nproc_per_node: int, base_model: str | None) -> None:
    """What would fail only after scraping and training, checked before anything runs: the
    process count, a base model folder without config.json, a Hub repo without a token, W&B
    without a key."""
    if nproc_per_node < 1:
        raise BadInput(f"--nproc-per-node must be at least 1, not {nproc_per_node}")
    if base_model is not None:
        check_base_model(base_model)
    hub_target(hub_repo, bot)
    check_wandb()


# The training flags that run and refresh share (declared above, one name each).
TRAIN_FLAGS = (
    "epochs",
    "max_steps",
    "checkpoint_every",
    "micro_batch",
    "grad_accum",
    "zero_stage",
    "keep_best",
    "learning_rate",
    "adapter",
    "lora_rank",
    "lora_alpha",
    "lora_dropout",
    "lora_targets",
    "merge",
)


def train_settings(ctx: typer.Context) -> TrainSettings:
    """The training flags of the command being run (click's ``ctx.params``), checked; the
    recipe's defaults for those not given."""
    return TrainSettings.from_dict({name: ctx.params[name] for name in TRAIN_FLAGS})
