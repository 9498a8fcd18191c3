"""Progress for long steps: a rich bar on a terminal, plain log lines in a pod.

Kubernetes collects stdout line by line, so when stdout is not a TTY we log a plain line at
most every ``interval`` seconds (``HT_PROGRESS_INTERVAL``, default 5) and one at the end,
instead of redrawing a bar with terminal escapes.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from job import config
from job.errors import ConfigError

log = logging.getLogger("htctl")

DEFAULT_INTERVAL = 5.0


class Progress:
    def __init__(self, description: str, total: int | None, unit: str, interval: float = 5.0):
        self.description = description
        self.total = total
        self.unit = unit
        self.interval = interval
        self.done = 0
        self._last = 0.0
        self._bar = None
        self._task = None

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n)
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._log()

    def _log(self) -> None:
        of = f"/{self.total}" if self.total is not None else ""
        log.info("%s: %d%s %s", self.description, self.done, of, self.unit)


def is_terminal() -> bool:
    return sys.stdout.isatty()


def interval_from_env() -> float:
    """``HT_PROGRESS_INTERVAL`` seconds; a bad value costs only the default (it is cosmetic)."""
    try:
        return max(0.0, config.number("HT_PROGRESS_INTERVAL", DEFAULT_INTERVAL, minimum=-math.inf))
    except ConfigError:
        return DEFAULT_INTERVAL


@contextmanager
def progress(
    description: str, total: int | None = None, unit: str = "items", interval: float | None = None
) -> Iterator[Progress]:
    p = Progress(description, total, unit, interval_from_env() if interval is None else interval)
    if is_terminal():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress

        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
        with RichProgress(*columns, TextColumn(unit), TimeElapsedColumn(), transient=False) as bar:
            p._bar = bar
            p._task = bar.add_task(description, total=total)
            yield p
        return
    p._last = time.monotonic()
    yield p
    p._log()


def setup_logging(verbose: bool = False) -> None:
    """Plain ``time level message`` lines on stderr; ``-v`` adds debug detail."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger("htctl")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
