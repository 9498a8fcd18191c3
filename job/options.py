"""What a pipeline run is asked to do, typed and checked before any stage runs.

A leaf: it imports no stage, so the pipeline, the stages and the CLI all import it. The CLI
builds these values from flags and the environment; a bad value is a ``BadInput`` (exit 2)
raised when the value is built, before anything is written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from job.errors import BadInput
from job.rank import Rank

STAGES = ("scrape", "prepare", "train", "publish")
TRAINING_STAGES = STAGES[STAGES.index("train") :]  # the stages that run in every rank

LEARNING_RATE = 1.372e-4
# LoRA trains a few low-rank matrices from zero: it takes a larger step than the full fine-tune.
# Measured (benchmarks/README.md, quality.py): 2e-3 beats 5e-4 and 1e-3; 4e-3 is 0.5% better
# still, 8e-3 diverges at first, so the default keeps a factor 4 from that edge.
LORA_LEARNING_RATE = 2e-3
ADAPTERS = ("none", "lora")
_MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]{0,99}$")


@dataclass(frozen=True)
class TrainSettings:
    """Knobs of the train stage (CLI flags, HT_TRAIN_* env); defaults = the recipe."""

    epochs: float = 4.0
    max_steps: int = -1  # > 0 stops early (tests); the recipe runs whole epochs
    learning_rate: float | None = None  # at effective batch 1 (None: the adapter's default)
    micro_batch: int | None = None  # None: 1, the seed's (job.hardware.batch_plan)
    grad_accum: int = 1
    zero_stage: int | None = None  # None: 2, except 0 for one CPU process (zero_stage_for)
    block_size: int | None = None  # None: min(model max length, 1024)
    checkpoint_every: int = 500  # steps between checkpoint uploads; 0: only on SIGTERM
    keep_best: bool = True  # publish the best evaluated weights, not the last (job.best_weights)
    adapter: str = "none"  # "lora": train and publish a LoRA adapter (job/adapters.py)
    lora_rank: int = 16
    lora_alpha: float = 32.0
    lora_dropout: float = 0.05
    lora_targets: tuple[str, ...] = ()  # (): the architecture's (job/adapters.py)
    merge: bool = False  # publish the adapter merged into the base's full weights

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
        if self.learning_rate is not None and not 0 < self.learning_rate < 1:
            raise BadInput(f"learning rate must be in (0, 1), not {self.learning_rate}")
        self._check_adapter()

    def _check_adapter(self) -> None:
        if self.adapter not in ADAPTERS:
            raise BadInput(f"unknown adapter {self.adapter!r}: choose one of {', '.join(ADAPTERS)}")
        if self.merge and self.adapter == "none":
            raise BadInput("--merge merges a LoRA adapter: give --adapter lora with it")
        if self.merge and self.zero_stage == 3:
            raise BadInput("--merge needs whole weights on rank 0: ZeRO stage 0, 1 or 2")
        if not 1 <= self.lora_rank <= 1024:
            raise BadInput(f"LoRA rank must be 1 to 1024, not {self.lora_rank}")
        if not (math.isfinite(self.lora_alpha) and self.lora_alpha > 0):
            raise BadInput(f"LoRA alpha must be a positive number, not {self.lora_alpha}")
        if not 0 <= self.lora_dropout < 1:
            raise BadInput(f"LoRA dropout must be in [0, 1), not {self.lora_dropout}")
        for name in self.lora_targets:
            if not _MODULE_NAME.match(name):
                raise BadInput(f"LoRA target module {name!r} is not a module name")

    @property
    def base_learning_rate(self) -> float:
        """The rate at effective batch 1: the given one, else the recipe's for the adapter."""
        if self.learning_rate is not None:
            return self.learning_rate
        return LORA_LEARNING_RATE if self.adapter == "lora" else LEARNING_RATE

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainSettings:
        """The settings given (None: the recipe's default); unknown names are bad input."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise BadInput(f"unknown training setting(s): {', '.join(unknown)}")
        given = {k: v for k, v in values.items() if v is not None}
        if isinstance(given.get("lora_targets"), str):  # the flag's comma-separated list
            given["lora_targets"] = tuple(
                t.strip() for t in given["lora_targets"].split(",") if t.strip()
            )
        if isinstance(given.get("adapter"), str):
            given["adapter"] = given["adapter"].strip().lower()
        return cls(**given)


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
