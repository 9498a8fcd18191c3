"""Training progress: a bar on a terminal, plain periodic lines in a pod (job/progress.py).

A transformers ``TrainerCallback`` that shows steps done of the total, the last training loss,
tokens per second and the time left; eval losses are logged as lines. It replaces the Trainer's
own console output (raw dicts, numbers as text), which train.py turns off. Only the main rank
reports: N ranks would print the same step N times.

DeepSpeed JIT-builds a small C++ op with the system compiler the first time it starts on a
CPU (about a minute, once per cache volume): :func:`announce_deepspeed_op_build` says so before
the pause, so a silent minute does not read as a hang.
"""

from __future__ import annotations

import logging
import time
from contextlib import ExitStack
from pathlib import Path

from transformers import TrainerCallback

from job.progress import Progress, progress

log = logging.getLogger("htctl")

# The ops DeepSpeed's CPU accelerator builds on first use (comm/torch.py: build_shm_op).
CPU_JIT_OPS = ("ShareMemCommBuilder",)
BUILD_SECONDS = 60  # measured: 55-65 s on 2 shared cores, more under load


def unbuilt_deepspeed_ops() -> list[tuple[str, Path]]:
    """(name, folder) of each op DeepSpeed will compile when it starts: ops of the current
    accelerator that are neither installed prebuilt nor already in TORCH_EXTENSIONS_DIR."""
    import deepspeed.ops
    from deepspeed.accelerator import get_accelerator
    from deepspeed.git_version_info import installed_ops
    from torch.utils.cpp_extension import _get_build_directory

    accelerator = get_accelerator()
    if accelerator.device_name() != "cpu":
        return []
    missing = []
    for builder_name in CPU_JIT_OPS:
        builder = accelerator.create_op_builder(builder_name)
        if builder is None or not deepspeed.ops.__compatible_ops__.get(builder.NAME, False):
            continue  # DeepSpeed skips an op it cannot build here
        if installed_ops.get(builder.NAME, False):
            continue
        folder = Path(_get_build_directory(builder.NAME, verbose=False))
        if not (folder / f"{builder.NAME}.so").is_file():
            missing.append((builder.NAME, folder))
    return missing


def announce_deepspeed_op_build() -> None:
    """One line before DeepSpeed's first-run compile, naming where the result is cached."""
    for name, folder in unbuilt_deepspeed_ops():
        log.info(
            "train: building DeepSpeed's CPU op %s once (about %d s), cached in %s",
            name,
            BUILD_SECONDS,
            folder.parent,
        )


def rate_note(loss: float | None, tokens_per_s: float | None) -> str:
    parts = []
    if loss is not None:
        parts.append(f"loss {loss:.4f}")
    if tokens_per_s is not None:
        parts.append(f"{tokens_per_s:,.0f} tokens/s")
    return ", ".join(parts)


class TrainProgress(TrainerCallback):
    """Steps as job/progress.py shows them; ``bar``: None decides by stdout (or ``console``)."""

    def __init__(self, bar: bool | None = None, console=None):
        self.bar = bar
        self.console = console
        self._stack = ExitStack()
        self._progress: Progress | None = None
        self._loss: float | None = None
        self._tokens_at_start = 0
        self._started = 0.0
        self._reported_loss = False

    def on_train_begin(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        log.info("train: started at step %d of %d", state.global_step, state.max_steps)
        self._progress = self._stack.enter_context(
            progress(
                "train",
                total=state.max_steps,
                unit="steps",
                console=self.console,
                bar=self.bar,
                eta=True,
            )
        )
        self._progress.start_at(state.global_step)
        self._tokens_at_start = state.num_input_tokens_seen or 0
        self._started = time.monotonic()

    def on_step_end(self, args, state, control, **kwargs):
        # a step whose loss is about to be logged is shown by on_log, with that loss
        if self._progress is not None and not control.should_log:
            self._progress.update(state.global_step, self._note(state))

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero:
            return
        logs = logs or {}
        if "eval_loss" in logs:
            log.info("train: step %d eval_loss %.4f", state.global_step, float(logs["eval_loss"]))
        if "loss" in logs and self._progress is not None:
            self._loss = float(logs["loss"])
            # the first loss is shown at once: a pod's log proves training is under way
            first = not self._reported_loss
            self._reported_loss = True
            self._progress.update(state.global_step, self._note(state), force=first)

    def on_train_end(self, args, state, control, **kwargs):
        self._progress = None
        self._stack.close()  # the bar's last frame, or the closing plain line

    def _note(self, state) -> str:
        elapsed = time.monotonic() - self._started
        tokens = (state.num_input_tokens_seen or 0) - self._tokens_at_start
        rate = tokens / elapsed if tokens > 0 and elapsed > 0 else None
        return rate_note(self._loss, rate)


def progress_callback(use_bar: bool) -> TrainProgress:
    """The callback train.py adds; first says whether DeepSpeed is about to compile."""
    announce_deepspeed_op_build()
    return TrainProgress(bar=use_bar)


class LoopClock(TrainerCallback):
    """Notes when the Trainer's loop began: the DeepSpeed engine is built by then."""

    began: float | None = None

    def on_train_begin(self, args, state, control, **kwargs):
        self.began = time.monotonic()
