"""Training in N processes: `htctl run --nproc-per-node N` launches torchrun and keeps exit codes.

The end-to-end tests run real torchrun with two CPU ranks (DeepSpeed on gloo) on the offline
``tiny`` model, one thread each, as tests/test_train.py does for one process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from job.errors import Preempted
from job.launcher import RANK_EXIT_DIR, first_rank_failure, launch_args, record_rank_failure
from job.store import S3Store, read_json
from tests.support.training import BOT, ONE_THREAD, sigterm_during_training, tiny_run_args


def test_ranks_get_the_same_arguments_without_the_launch_option():
    argv = ["-v", "run", "a+b", "--nproc-per-node", "2", "--force", "--max-steps=3"]
    assert launch_args(argv, drop_flags=("--force",)) == ["-v", "run", "a+b", "--max-steps=3"]
    assert launch_args(["refresh", "a", "--nproc-per-node=4", "--json"]) == [
        "refresh",
        "a",
        "--json",
    ]


def test_the_first_failure_written_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(RANK_EXIT_DIR, str(tmp_path))
    for rank, code in [("1", 2), ("0", 143)]:  # rank 1 failed; rank 0 was SIGTERMed after
        monkeypatch.setenv("RANK", rank)
        record_rank_failure(code, f"rank {rank}")
    failure = first_rank_failure(tmp_path)
    assert (failure.rank, failure.exit_code, failure.message) == (1, 2, "rank 1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rank-0.json", "rank-1.json"]


def test_no_launcher_no_record(tmp_path, monkeypatch):
    monkeypatch.delenv(RANK_EXIT_DIR, raising=False)
    monkeypatch.chdir(tmp_path)
    record_rank_failure(2, "bad input")
    assert list(tmp_path.iterdir()) == []


def test_nproc_below_one_is_bad_input(htctl, sample_archive, tmp_path):
    args = tiny_run_args(sample_archive, str(tmp_path / "store"), "--nproc-per-node", "0")
    result = htctl(*args)
    assert result.returncode == 2
    assert result.stderr.strip() == "htctl: error: --nproc-per-node must be at least 1, not 0"


def rank_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("htctl-ranks-*")}


# -- end to end, under torchrun ----------------------------------------------------------------


@pytest.mark.slow
def test_two_ranks_train_with_deepspeed(htctl, sample_archive, s3_store_uri):
    before = rank_folders()
    args = tiny_run_args(sample_archive, s3_store_uri, "--max-steps", "6", "--nproc-per-node", "2")
    result = htctl(*args, env=ONE_THREAD)
    assert result.returncode == 0, result.stderr[-3000:]
    metrics = read_json(S3Store(s3_store_uri), f"{BOT}/metrics.json")
    assert metrics["hyperparameters"]["world_size"] == 2
    ds = metrics["deepspeed"]
    assert ds["world_size"] == 2 and ds["global_steps"] == metrics["global_step"] == 6
    assert ds["zero_stage"] == 2  # the default with more than one process
    # The CPU stages ran once, in the launcher, before the ranks started.
    assert result.stdout.count(f"{BOT}: prepare\n") == 1
    assert rank_folders() == before  # the exit code folder is gone


@pytest.mark.slow
def test_a_rank_bad_input_exits_2_through_torchrun(htctl, sample_archive, tmp_path):
    store = str(tmp_path / "store")
    args = tiny_run_args(sample_archive, store, "--nproc-per-node", "2")
    args[args.index("tiny")] = "store:base/none"
    result = htctl(*args, env=ONE_THREAD)
    assert result.returncode == 2, result.stderr[-3000:]
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("htctl: error: base model"), lines[-5:]
    # torchrun's own report (exit 1) comes before the launcher's one line.
    assert "ChildFailedError" in result.stderr
    assert not (tmp_path / "store" / BOT / "metrics.json").exists()


@pytest.mark.slow
def test_sigterm_to_the_launcher_checkpoints_both_ranks(sample_archive, s3_store_uri, tmp_path):
    args = tiny_run_args(
        sample_archive,
        s3_store_uri,
        "--max-steps",
        "80",
        "--checkpoint-every",
        "0",
        "--nproc-per-node",
        "2",
    )
    # To the launcher only, as Kubernetes does: it passes it on to torchrun and the ranks.
    rc, stdout, stderr = sigterm_during_training(args, tmp_path, steps=80)
    assert rc == Preempted.exit_code == 143, stdout[-3000:]
    assert stderr[-1].startswith("htctl: error: ") and "SIGTERM" in stderr[-1]

    store = S3Store(s3_store_uri)
    assert not store.exists(f"{BOT}/metrics.json")
    step = read_json(store, f"{BOT}/checkpoints/latest.json")["step"]
    assert 0 < step < 80
    # Both ranks' ZeRO-2 optimizer partitions: every rank saved its part of the checkpoint.
    folder = f"{BOT}/checkpoints/checkpoint-{step}/global_step{step}"
    for rank in (0, 1):
        assert store.exists(f"{folder}/zero_pp_rank_{rank}_mp_rank_00_optim_states.pt")
