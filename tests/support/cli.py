"""Running the real CLI and checking how it fails: the paths, a free port, the error line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_ARCHIVE = ROOT / "examples" / "sample-archive"
REAL_ARCHIVES = ROOT.parent / "shared" / "data" / "x-archives"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_htctl(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: int = 600):
    """Run the real CLI in a subprocess, as a user would; returns CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "job", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def assert_one_error_line(result, code: int, *needles: str) -> str:
    """The CLI failed the documented way: exit ``code``, no traceback, and stderr is exactly
    one line, ``htctl: error: ...`` (logs go to stdout), holding every needle."""
    assert result.returncode == code, (result.returncode, result.stderr, result.stdout[-2000:])
    assert "Traceback" not in result.stderr + result.stdout, result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"stderr is not one line: {lines}"
    error = lines[0]
    assert error.startswith("htctl: error: "), error
    for needle in needles:
        assert needle.lower() in error.lower(), (needle, error)
    return error
