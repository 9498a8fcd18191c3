"""Running a tiny training in the real CLI, and stopping it the way Kubernetes does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.cli import ROOT

BOT = "htctl_sample"


ONE_THREAD = {"OMP_NUM_THREADS": "1"}


def tiny_run_args(
    sample_archive: Path, store: str, *extra: str, until: str | None = "train"
) -> list[str]:
    """``htctl run`` of the sample archive with the tiny preset, up to ``until`` (None: the
    whole pipeline), then ``extra``."""
    return [
        "run",
        BOT,
        "--source",
        f"archive:{sample_archive}",
        "--store",
        store,
        "--base-model",
        "tiny",
        *(["--until", until] if until else []),
        *extra,
    ]


def wait_for_line(path: Path, needle: str, proc: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text() if path.exists() else ""
        if needle in text:
            return text
        if proc.poll() is not None:
            raise AssertionError(f"htctl exited ({proc.returncode}) before {needle!r}:\n{text}")
        time.sleep(0.05)
    raise AssertionError(f"no {needle!r} within {timeout}s")


def sigterm_during_training(args: list[str], tmp_path: Path, steps: int) -> tuple[int, str, list]:
    """Run ``htctl ARGS``, SIGTERM it (as Kubernetes does) once training is under way; returns
    the exit code, stdout and the lines of stderr."""
    log_file, err_file = tmp_path / "sigterm.log", tmp_path / "sigterm.err"
    with log_file.open("w") as out, err_file.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "job", *args],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env={**os.environ, **ONE_THREAD},
        )
        try:
            # Step 1 is logged once it is done: training is under way, well before the end.
            wait_for_line(log_file, f"train: 1/{steps} steps", proc, timeout=400)
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
    return rc, log_file.read_text(), err_file.read_text().strip().splitlines()
