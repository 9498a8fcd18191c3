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
    def __init__(
        self, description: str, total: int | None, unit: str, interval: float = 5.0, eta=False
    ):
        self.eta = eta  # plain lines end with the time left
        self.description = description
        self.total = total
        self.unit = unit
        self.interval = interval
        self.done = 0
        self.note = ""  # e.g. "loss 3.21, 812 tokens/s": after the count, on the bar and lines
        self._last = 0.0
        self._bar = None
        self._task = None
        self._start = time.monotonic()
        self._start_done = 0  # a resumed task starts part-way: its rate counts from there

    def advance(self, n: int = 1) -> None:
        self.update(self.done + n)

    def update(self, done: int, note: str | None = None, force: bool = False) -> None:
        """Set the count (and the note); a plain line when the interval has passed or forced."""
        self.done = done
        if note is not None:
            self.note = note
        if self._bar is not None:
            self._bar.update(self._task, completed=done, note=self.note)
            return
        now = time.monotonic()
        if force or now - self._last >= self.interval:
            self._last = now
            self._log()

    def start_at(self, done: int) -> None:
        """The count a task resumes from (not work done now: the rate and ETA leave it out)."""
        self.done = self._start_done = done
        self._start = time.monotonic()
        if self._bar is not None:
            self._bar.reset(self._task, completed=done, note=self.note)

    def eta_s(self) -> float | None:
        """Seconds left at the rate since the start, None until there is a rate."""
        rate_done = self.done - self._start_done
        if self.total is None or rate_done <= 0:
            return None
        elapsed = time.monotonic() - self._start
        return max(0.0, (self.total - self.done) * elapsed / rate_done)

    def _log(self) -> None:
        of = f"/{self.total}" if self.total is not None else ""
        note = f", {self.note}" if self.note else ""
        eta = self.eta_s() if self.eta else None
        left = f", ETA {clock(eta)}" if eta is not None and self.done < (self.total or 0) else ""
        log.info("%s: %d%s %s%s%s", self.description, self.done, of, self.unit, note, left)


def clock(seconds: float) -> str:
    """``h:mm:ss``, as rich's remaining-time column shows it."""
    minutes, sec = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{sec:02d}"


def is_terminal(console=None) -> bool:
    return console.is_terminal if console is not None else sys.stdout.isatty()


def interval_from_env() -> float:
    """``HT_PROGRESS_INTERVAL`` seconds; a bad value costs only the default (it is cosmetic)."""
    try:
        return max(0.0, config.number("HT_PROGRESS_INTERVAL", DEFAULT_INTERVAL, minimum=-math.inf))
    except ConfigError:
        return DEFAULT_INTERVAL


@contextmanager
def progress(
    description: str,
    total: int | None = None,
    unit: str = "items",
    interval: float | None = None,
    console=None,
    eta: bool = False,
    bar: bool | None = None,
) -> Iterator[Progress]:
    """A bar when ``console`` (default: stdout) is a terminal, else plain lines (``bar``
    decides when given); ``eta``: the time left, on the bar and at the end of each line."""
    every = interval_from_env() if interval is None else interval
    p = Progress(description, total, unit, every, eta=eta)
    if is_terminal(console) if bar is None else bar:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
        columns += [TextColumn(unit), TimeElapsedColumn()]
        if eta and total is not None:
            columns.append(TimeRemainingColumn())
        columns.append(TextColumn("{task.fields[note]}"))
        streams = {"stdout": sys.stdout, "stderr": sys.stderr}
        with RichProgress(*columns, transient=False, console=console) as shown:
            p._bar = shown
            p._task = shown.add_task(description, total=total, note="")
            with logs_above_the_bar(streams):
                yield p
        return
    p._last = time.monotonic()
    yield p
    p._log()


@contextmanager
def logs_above_the_bar(streams: dict) -> Iterator[None]:
    """While a bar is live, rich prints what goes to sys.stdout/stderr above it; htctl's log
    handlers hold the streams from before, so point them at rich's for that time."""
    moved = []
    for handler in logging.getLogger("htctl").handlers:
        if not isinstance(handler, logging.StreamHandler):
            continue
        for name, original in streams.items():
            current = getattr(sys, name)
            if handler.stream is original and current is not original:
                moved.append((handler, handler.setStream(current)))
    try:
        yield
    finally:
        for handler, previous in moved:
            handler.setStream(previous)


def setup_logging(verbose: bool = False) -> None:
    """Plain ``time level message`` lines on stderr; ``-v`` adds debug detail."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger("htctl")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
