"""What a pipeline run is asked to do, typed and checked before any stage runs.

A leaf: it imports no stage, so the pipeline, the stages and the CLI all import it. The CLI
builds these values from flags and the environment; a bad value is a ``BadInput`` (exit 2)
raised when the value is built, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from job.errors import BadInput
from job.rank import Rank

STAGES = ("scrape", "prepare", "train", "publish")
TRAINING_STAGES = STAGES[STAGES.index("train") :]  # the stages that run in every rank

LEARNING_RATE = 1.372e-4


@dataclass(frozen=True)
class TrainSettings:
    """Knobs of the train stage (CLI flags, HT_TRAIN_* env); defaults = the recipe."""

    epochs: float = 4.0
    max_steps: int = -1  # > 0 stops early (tests); the recipe runs whole epochs
    learning_rate: float = LEARNING_RATE  # at effective batch 1; scaled by sqrt(batch)
    micro_batch: int | None = None  # None: 1, the seed's (job.hardware.batch_plan)
    grad_accum: int = 1
    zero_stage: int | None = None  # None: 2, except 0 for one CPU process (zero_stage_for)
    block_size: int | None = None  # None: min(model max length, 1024)
    checkpoint_every: int = 500  # steps between checkpoint uploads; 0: only on SIGTERM
    keep_best: bool = True  # publish the best evaluated weights, not the last (job.best_weights)

    def __post_init__(self) -> None:
        if self.zero_stage is not None and self.zero_stage not in (0, 1, 2, 3):
            raise BadInput(f"ZeRO stage must be 0, 1, 2 or 3, not {self.zero_stage}")
        if self.epochs <= 0 and self.max_steps <= 0:
            raise BadInput("give a positive number of epochs or max steps")
        for name in ("micro_batch", "grad_accum", "block_size"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise BadInput(f"{name.replace('_', ' ')} must be at least 1, not {value}")
        if self.checkpoint_every < 0:
            raise BadInput("checkpoint every N steps needs N >= 0")

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainSettings:
        """The settings given (None: the recipe's default); unknown names are bad input."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise BadInput(f"unknown training setting(s): {', '.join(unknown)}")
        return cls(**{k: v for k, v in values.items() if v is not None})


@dataclass(frozen=True)
class RunOptions:
    until: str = "publish"
    force: bool = False
    seed: int = 0
    base_model: str = "gpt2"
    work_dir: Path | None = None  # local scratch for training; a temp dir when None
    train: TrainSettings = field(default_factory=TrainSettings)
    hub_repo: str | None = None  # also push the published bot to this Hub repo (job.hub)
    rank: Rank = field(default_factory=Rank.from_env)  # read once, where the options are built

    def __post_init__(self) -> None:
        if self.until not in STAGES:
            raise BadInput(f"unknown stage {self.until!r}: choose one of {', '.join(STAGES)}")
