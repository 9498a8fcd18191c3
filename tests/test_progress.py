"""Progress on long steps: plain log lines when stdout is not a TTY (a pod), a bar on a terminal."""

from __future__ import annotations

import logging
import os
import pty
import re
import subprocess
import sys

from job.progress import progress
from tests.support.archives import synthetic_posts
from tests.support.cli import ROOT

N_POSTS = 2000
ANSI = re.compile(r"\x1b\[")


def test_not_a_tty_logs_plain_lines_at_the_interval_and_at_the_end(caplog):
    caplog.set_level(logging.INFO, logger="htctl")
    with progress("@alice: posts processed", total=3, unit="posts", interval=0) as bar:
        for _ in range(3):
            bar.advance()
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        "@alice: posts processed: 1/3 posts",
        "@alice: posts processed: 2/3 posts",
        "@alice: posts processed: 3/3 posts",
        "@alice: posts processed: 3/3 posts",  # the closing line
    ]


def test_a_long_interval_still_logs_the_final_count(caplog):
    caplog.set_level(logging.INFO, logger="htctl")
    with progress("pages fetched", unit="pages", interval=3600) as bar:
        bar.advance(5)
    assert [r.getMessage() for r in caplog.records] == ["pages fetched: 5 pages"]


def test_htctl_run_in_a_pod_prints_plain_progress_lines(htctl, make_archive, tmp_path):
    archive = make_archive(synthetic_posts(N_POSTS), username="alice")
    result = htctl(
        "run",
        "alice",
        "--source",
        f"archive:{archive}",
        "--until",
        "prepare",
        "--store",
        str(tmp_path / "store"),
        env={"HT_PROGRESS_INTERVAL": "0", "TERM": "xterm-256color"},
    )
    assert result.returncode == 0, result.stderr
    assert not ANSI.search(result.stdout + result.stderr)
    counts = [
        int(m.group(1))
        for m in re.finditer(rf"@alice: posts processed: (\d+)/{N_POSTS} posts", result.stdout)
    ]
    assert len(counts) >= N_POSTS  # a line per post at interval 0 (and one per stage end)
    assert counts[0] == 1 and max(counts) == N_POSTS
    for line in result.stdout.splitlines():
        assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \w+ |^alice: done", line), line


def test_htctl_run_on_a_terminal_draws_a_bar(make_archive, tmp_path):
    archive = make_archive(synthetic_posts(N_POSTS), username="alice")
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "job", "run", "alice", "--source", f"archive:{archive}"]
        + ["--until", "prepare", "--store", str(tmp_path / "store")],
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, proc.stderr.read()
    assert ANSI.search(output)  # redrawn in place, with terminal escapes
    assert "━" in output  # rich's bar
    assert f"{N_POSTS}/{N_POSTS}" in output


def test_a_pod_log_is_not_flooded_at_the_default_interval(htctl, make_archive, tmp_path):
    archive = make_archive(synthetic_posts(N_POSTS), username="alice")
    result = htctl(
        "run",
        "alice",
        "--source",
        f"archive:{archive}",
        "--until",
        "prepare",
        "--store",
        str(tmp_path / "store"),
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "posts processed" in line]
    # One closing line per step (scrape checks, prepare curates), not one per post.
    assert 2 <= len(lines) <= 6, lines
    assert lines[-1].endswith(f"posts processed: {N_POSTS}/{N_POSTS} posts")
