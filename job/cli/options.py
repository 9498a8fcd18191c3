"""Options that several commands share, declared once so flags, env vars and help agree."""

from __future__ import annotations

from enum import StrEnum

import typer

from job.errors import BadInput
from job.hub import hub_target
from job.pipeline import STAGES
from job.store import DEFAULT_STORE
from job.tracking import check_wandb

STORE = typer.Option(
    DEFAULT_STORE, "--store", envvar="HT_STORE", help="Local folder or s3://bucket/prefix."
)

# Choices are enums: --help lists them and click refuses anything else with exit 2. StrEnum
# members are their text, so the library receives plain stage names.
Stage = StrEnum("Stage", {stage: stage for stage in STAGES})


class RefreshStage(StrEnum):
    prepare = "prepare"
    publish = "publish"


class Via(StrEnum):
    jobs = "jobs"
    argo = "argo"


class Propagation(StrEnum):
    Foreground = "Foreground"
    Background = "Background"


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
    None, "--micro-batch", envvar="HT_TRAIN_MICRO_BATCH", help="Per-device batch (by hardware)."
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

NPROC_PER_NODE = typer.Option(
    1,
    "--nproc-per-node",
    envvar="HT_NPROC_PER_NODE",
    help="Train in N processes under torchrun (one per GPU); the stages before run once.",
)


def preflight(bot: str, hub_repo: str | None, nproc_per_node: int) -> None:
    """What would fail only after scraping and training, checked before anything runs: the
    process count, a Hub repo without a token, W&B without a key."""
    if nproc_per_node < 1:
        raise BadInput(f"--nproc-per-node must be at least 1, not {nproc_per_node}")
    hub_target(hub_repo, bot)
    check_wandb()


def train_settings(**values: float | int | None) -> dict:
    """The training flags that were given, for RunOptions.train (job.train reads them)."""
    return {name: value for name, value in values.items() if value is not None}
