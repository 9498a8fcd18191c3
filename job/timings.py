"""Where a run's time goes: seconds per phase, for ``metrics.json``'s ``timings``.

A leaf (standard library only). ``startup`` starts at the process's own start as the kernel
records it: its age is ``/proc/uptime`` less the start time in ``/proc/self/stat`` (clock
ticks since boot), so interpreter start-up and every import count. Where /proc is missing the
clock starts when this module is imported instead (the first htctl import: ``job/__main__``
imports the CLI, which imports this). Stages that ran earlier in the same process (scrape,
prepare) are not start-up: the pipeline notes their seconds here and they are taken off.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_IMPORTED = time.monotonic()

# The train stage's phases, in the order they run; publish adds "publishing" (job.publish).
PHASES = (
    "startup",
    "model_load",
    "tokenizing",
    "deepspeed_init",
    "training",
    "evaluations",
    "saving",
    "uploading",
)
TRAINING = "training"

_earlier_stages = 0.0


def process_age() -> float:
    """Seconds since this process started (since this module's import where /proc is missing)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: starttime
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


def note_stage(seconds: float) -> None:
    """A stage ran in this process for ``seconds``: not start-up for the stages after it."""
    global _earlier_stages
    _earlier_stages += max(0.0, seconds)


def startup_seconds() -> float:
    """Process start until now, less the stages that already ran in this process."""
    return max(0.0, process_age() - _earlier_stages)


class Timings:
    """Seconds per phase; every phase of ``PHASES`` is present (0 when it did not happen)."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(PHASES, 0.0)

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + max(0.0, seconds)

    @contextmanager
    def phase(self, phase: str) -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        finally:
            self.add(phase, time.monotonic() - start)

    def as_dict(self) -> dict[str, float]:
        return {name: round(value, 3) for name, value in self.seconds.items()}


def summary(timings: dict) -> str:
    """One line: everything but training (the fixed cost per bot) against training."""
    numbers = {k: v for k, v in timings.items() if isinstance(v, int | float)}
    fixed = sum(v for k, v in numbers.items() if k != TRAINING)
    parts = ", ".join(f"{k} {v:.1f}" for k, v in numbers.items() if k != TRAINING)
    return f"fixed cost {fixed:.1f} s, training {numbers.get(TRAINING, 0.0):.1f} s ({parts})"
