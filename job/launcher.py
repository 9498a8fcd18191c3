"""Train with N processes: torchrun as a child, signals passed on, the true exit code kept.

torchrun reports any failed rank as exit 1, so on its own it would turn a bad input (2) or a
configuration error (3), which a Kubernetes podFailurePolicy fails at once, into a crash that
is retried. Here every rank that fails with an htctl error records its exit code and message in
a folder the launcher names in ``HT_RANK_EXIT_DIR``; the launcher then reports the first rank
that failed. The first: when one rank fails torchrun SIGTERMs the others, which may then exit
143 themselves, and that must not hide the cause.

A command that trains in N ranks runs its CPU stages once, here, and then itself again in N
ranks (``train_in_ranks``); which process does what is decided by ``launches_ranks`` from the
process's ``Rank`` (job.rank), read once at the command's entry.

The launcher is PID 1 of a multi-GPU pod, the only process Kubernetes sends SIGTERM to on
eviction: it passes SIGTERM and SIGINT to torchrun, which passes them to the ranks, so they save
a checkpoint (job.train) before the pod's grace period ends.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from job import config
from job.errors import RanksFailed
from job.lease import hold
from job.options import TRAINING_STAGES
from job.rank import Rank
from job.store import Store

RANK_EXIT_DIR = "HT_RANK_EXIT_DIR"
FORWARDED_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# torchrun SIGKILLs the ranks this long after it passed a SIGTERM on (its default is 30 s):
# the default grace period of a pod (terminationGracePeriodSeconds), time to upload a
# checkpoint. Kubernetes kills the pod at the end of its own grace period anyway.
SHUTDOWN_TIMEOUT_ENV = "TORCH_ELASTIC_SHUTDOWN_TIMEOUT"
DEFAULT_SHUTDOWN_TIMEOUT = "600"


@dataclass(frozen=True)
class RankFailure:
    """What a rank recorded when it failed with an htctl error."""

    rank: int
    exit_code: int
    message: str
    time_ns: int  # wall clock at the write: orders failures across ranks


@dataclass(frozen=True)
class LaunchResult:
    exit_code: int
    failure: RankFailure | None  # the first rank that failed, when one recorded its failure


def launches_ranks(rank: Rank, nproc: int, until: str) -> bool:
    """N > 1 processes train under torchrun, started from here unless this is one of its ranks
    (a rank never launches again) and only when the command goes as far as training."""
    return nproc > 1 and not rank.under_torchrun and until in TRAINING_STAGES


def train_in_ranks(
    store: Store,
    bot: str,
    nproc: int,
    prepare: Callable[[], None],
    drop_flags: Sequence[str] = (),
    argv: Sequence[str] | None = None,
) -> None:
    """Prepare here, then run this command again in ``nproc`` ranks that train (rank 0 also
    publishes). ``prepare`` runs the CPU stages once, so the ranks do not each scrape or fetch.

    This process holds the bot's lease throughout; the ranks work under it (job.lease).
    ``argv``: the command's arguments, this process's own by default.
    """
    with hold(store, bot) as lease:
        prepare()
        train_under_torchrun(
            sys.argv[1:] if argv is None else argv,
            nproc,
            drop_flags=drop_flags,
            extra_env=lease.child_env(),
        )


def record_rank_failure(exit_code: int, message: str) -> None:
    """Leave this rank's exit code for the launcher; nothing when no launcher asked for it."""
    folder = config.text(RANK_EXIT_DIR)
    if not folder:
        return
    rank = Rank.from_env().index
    record = {"rank": rank, "exit_code": exit_code, "message": message, "time_ns": time.time_ns()}
    final = Path(folder) / f"rank-{rank}.json"
    partial = final.with_suffix(".partial")
    partial.write_text(json.dumps(record))
    os.replace(partial, final)  # atomic: the launcher never reads half a record


def first_rank_failure(folder: Path) -> RankFailure | None:
    failures = [RankFailure(**json.loads(p.read_text())) for p in folder.glob("rank-*.json")]
    return min(failures, key=lambda f: (f.time_ns, f.rank), default=None)


def torchrun_command(args: Sequence[str], nproc: int) -> list[str]:
    """torchrun through the interpreter that runs htctl: the same environment, no PATH lookup."""
    return [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc_per_node={nproc}",
        "-m",
        "job",
        *args,
    ]


def exit_code_of(returncode: int) -> int:
    """A child killed by a signal has a negative returncode; a shell would report 128 + N."""
    return 128 - returncode if returncode < 0 else returncode


def run_under_torchrun(
    args: Sequence[str], nproc: int, extra_env: Mapping[str, str] | None = None
) -> LaunchResult:
    """Run ``htctl ARGS`` in ``nproc`` processes under torchrun and wait for them.

    The exit code is the first failed rank's, else torchrun's own (0 on success).
    ``extra_env`` is added to the ranks' environment (the launcher's lease, job.lease).
    """
    folder = Path(tempfile.mkdtemp(prefix="htctl-ranks-"))
    env = {**config.environ(), **(extra_env or {}), RANK_EXIT_DIR: str(folder)}
    env.setdefault(SHUTDOWN_TIMEOUT_ENV, DEFAULT_SHUTDOWN_TIMEOUT)
    child: subprocess.Popen | None = None
    pending: list[int] = []  # a signal that came before the child existed

    def forward(signum: int, frame: object) -> None:
        if child is None:
            pending.append(signum)
        elif child.poll() is None:
            child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in FORWARDED_SIGNALS}
    try:
        # Its own session: a terminal's Ctrl-C reaches torchrun once, through this process.
        child = subprocess.Popen(torchrun_command(args, nproc), env=env, start_new_session=True)
        for signum in pending:
            child.send_signal(signum)
        returncode = child.wait()
        failure = first_rank_failure(folder)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child is not None and child.poll() is None:
            child.kill()  # this process is failing: leave no torchrun behind
            child.wait()
        shutil.rmtree(folder, ignore_errors=True)
    if failure is not None:
        return LaunchResult(failure.exit_code, failure)
    return LaunchResult(exit_code_of(returncode), None)


def launch_args(argv: Sequence[str], drop_flags: Sequence[str] = ()) -> list[str]:
    """This command's arguments for the ranks: without --nproc-per-node (a rank never launches
    again) and without the flags in ``drop_flags``."""
    kept: list[str] = []
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg == "--nproc-per-node":
            skip_value = True
        elif not arg.startswith("--nproc-per-node=") and arg not in drop_flags:
            kept.append(arg)
    return kept


def train_under_torchrun(
    argv: Sequence[str],
    nproc: int,
    drop_flags: Sequence[str] = (),
    extra_env: Mapping[str, str] | None = None,
) -> None:
    """Run this command again in ``nproc`` ranks; RanksFailed with the true exit code if it fails.

    The first failed rank's message becomes this process's one error line, the last line on
    stderr (torchrun prints its own failure report before).
    """
    result = run_under_torchrun(launch_args(argv, drop_flags), nproc, extra_env)
    if result.failure is not None:
        raise RanksFailed(result.failure.message, result.exit_code)
    if result.exit_code != 0:
        raise RanksFailed(
            f"training under torchrun failed with exit code {result.exit_code} "
            "(the ranks' output is above)",
            result.exit_code,
        )
