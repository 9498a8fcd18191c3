"""Weights & Biases: the Trainer's W&B logging, turned on for real, in offline mode.

conftest turns W&B off for every test (``WANDB_MODE=disabled``); these runs turn it on the way a
user does (``WANDB_PROJECT``, ``HT_WANDB``) with ``WANDB_MODE=offline``, so wandb writes its run
under ``WANDB_DIR`` and uploads nothing. A local HTTP server stands in for the W&B API
(``WANDB_BASE_URL``) and for an HTTP(S) proxy: any request wandb made would reach it.

The runs are the tiny preset on the sample archive with a few steps and one thread, as in
tests/test_train.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from job.errors import ConfigError
from job.tracking import check_wandb, run_id
from tests.servers.recorder import RequestRecorder
from tests.support.training import BOT, tiny_run_args

STEPS = 4
PROJECT = "htctl-tests"


@pytest.fixture
def no_network() -> Iterator[RequestRecorder]:
    recorder = RequestRecorder()
    yield recorder
    recorder.stop()


PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")


def wandb_env(wandb_dir: Path, recorder: RequestRecorder, **extra: str) -> dict[str, str]:
    wandb_dir.mkdir(parents=True, exist_ok=True)  # an existing WANDB_DIR, as a user's would be
    return {
        "OMP_NUM_THREADS": "1",
        "WANDB_MODE": "offline",
        "WANDB_DIR": str(wandb_dir),
        "WANDB_BASE_URL": recorder.url,
        **dict.fromkeys(PROXY_VARS, recorder.url),
        "NO_PROXY": "",
        "no_proxy": "",
        **extra,
    }


def tiny_run(sample_archive: Path, store: Path, *extra: str) -> list[str]:
    return tiny_run_args(sample_archive, str(store), "--checkpoint-every", "0", *extra, until=None)


def inspect_run(run_dir: Path, *args: str) -> str:
    """``wandb leet inspect``: wandb's own reader of a run's ``.wandb`` log.

    An offline run keeps its history and summary only in that binary, append-only log: wandb
    0.31 writes no wandb-summary.json or history file for it, and no longer ships the Python
    reader (``wandb.sdk.internal.datastore``) that older releases had. ``leet inspect`` is the
    public, documented way to read the log back: ``--summary --json`` prints one object (state,
    project, name, latest metric values) and ``--json`` one record per line, both for scripts.
    """
    result = subprocess.run(
        [sys.executable, "-m", "wandb", "leet", "inspect", *args, str(run_dir)],
        capture_output=True,
        text=True,
        # The CLI's own debug log goes to $WANDB_DIR/wandb, else to the system temp folder.
        env={**os.environ, "WANDB_DIR": str(run_dir.parent.parent)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def history(run_dir: Path) -> list[dict]:
    """The logged rows (``wandb.log`` calls), in order."""
    records = [json.loads(line) for line in inspect_run(run_dir, "--json").splitlines()]
    return [r["history"]["item"] for r in records if r.get("type") == "history"]


def files_holding(root: Path, needle: bytes) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("switch", "project"),
    [({"WANDB_PROJECT": PROJECT}, PROJECT), ({"HT_WANDB": "1"}, "htctl")],
    ids=["wandb_project", "ht_wandb"],
)
def test_offline_wandb_run_logs_the_training_metrics_and_never_the_key(
    htctl, sample_archive, tmp_path, no_network, monkeypatch, switch, project
):
    for name in ("HT_WANDB", "WANDB_PROJECT"):
        monkeypatch.delenv(name, raising=False)  # each switch alone turns W&B on
    key = uuid.uuid4().hex + "0123abcd"  # the 40 hex digits of a W&B API key, made up
    wandb_dir, store = tmp_path / "wandb", tmp_path / "store"
    env = wandb_env(wandb_dir, no_network, WANDB_API_KEY=key, **switch)
    result = htctl(*tiny_run(sample_archive, store, "--max-steps", str(STEPS)), env=env)
    assert result.returncode == 0, result.stderr[-3000:]

    runs = sorted((wandb_dir / "wandb").glob("offline-run-*"))
    assert len(runs) == 1, runs
    run = json.loads(inspect_run(runs[0], "--summary", "--json"))
    assert (run["state"], run["exit_code"]) == ("finished", 0)
    assert (run["project"], run["name"]) == (project, BOT)
    # One htctl line says where it logs; wandb's own console lines are silenced.
    assert f"train: logging to W&B project {project}, run {BOT}" in result.stdout
    assert "wandb:" not in result.stdout + result.stderr

    # The Trainer's metrics, as W&B holds them, are the ones metrics.json reports.
    metrics = json.loads((store / BOT / "metrics.json").read_text())
    summary = run["summary"]
    assert summary["train/global_step"] == STEPS
    assert summary["eval/loss"] == pytest.approx(metrics["eval_loss_after"])
    assert summary["train/loss"] > 0
    rows = history(runs[0])
    train_steps = [r["train/global_step"] for r in rows if "train/loss" in r]
    assert train_steps == list(range(1, STEPS + 1))
    evals = {r["train/global_step"]: r["eval/loss"] for r in rows if "eval/loss" in r}
    assert evals[0] == pytest.approx(metrics["eval_loss_before"])
    assert evals[STEPS] == pytest.approx(metrics["eval_loss_after"])

    # metrics.json names the run, and the card points at it (offline: no URL yet).
    link = metrics["wandb"]
    assert (link["project"], link["url"]) == (project, None) and link["id"].startswith("ht-")
    card_text = (store / BOT / "README.md").read_text()
    assert f"W&B project `{project}`, run `{link['id']}` (an offline run" in card_text

    # Offline means offline: not one request, to the W&B API or through a proxy.
    assert no_network.requests == []

    # The key is nowhere: not in the logs, the store (model card included) or the W&B run.
    assert key not in result.stdout + result.stderr
    card = store / BOT / "README.md"
    assert card.is_file() and key not in card.read_text()
    assert files_holding(store, key.encode()) == []
    assert files_holding(wandb_dir, key.encode()) == []


@pytest.mark.slow
def test_ht_wandb_0_wins_over_wandb_project(htctl, sample_archive, tmp_path, no_network):
    wandb_dir = tmp_path / "wandb"
    env = wandb_env(wandb_dir, no_network, WANDB_PROJECT=PROJECT, HT_WANDB="0")
    args = tiny_run(sample_archive, tmp_path / "store", "--max-steps", "1", "--until", "train")
    result = htctl(*args, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "store" / BOT / "metrics.json").is_file()  # it did train
    assert list(wandb_dir.iterdir()) == []  # and wandb wrote nothing
    assert "wandb:" not in result.stdout + result.stderr  # wandb's own console lines
    assert no_network.requests == []


@pytest.mark.slow
def test_a_rerun_of_the_same_training_continues_its_run(
    htctl, sample_archive, tmp_path, no_network
):
    """What a Job retried after preemption does: same bot, data and settings, same run id."""
    wandb_dir, store = tmp_path / "wandb", tmp_path / "store"
    env = wandb_env(wandb_dir, no_network, WANDB_PROJECT=PROJECT)
    args = tiny_run(sample_archive, store, "--max-steps", "2", "--until", "train")
    first = htctl(*args, env=env)
    again = htctl(*args, "--force", env=env)
    assert first.returncode == again.returncode == 0, again.stderr[-3000:]
    runs = sorted((wandb_dir / "wandb").glob("offline-run-*"))
    assert len(runs) == 2, runs
    ids = {r.name.split("-", 3)[-1] for r in runs}  # offline-run-<date>_<time>-<id>
    assert len(ids) == 1 and next(iter(ids)).startswith("ht-"), runs


def test_run_ids_differ_by_bot_and_training():
    assert run_id("karpathy", "f" * 16) == run_id("karpathy", "f" * 16)
    assert run_id("karpathy", "f" * 16) != run_id("elonmusk", "f" * 16)
    assert run_id("karpathy", "f" * 16) != run_id("karpathy", "e" * 16)


def test_wandb_on_without_a_key_is_a_config_error_unless_offline(tmp_path):
    no_login = {"WANDB_PROJECT": "bots", "NETRC": str(tmp_path / "none")}
    with pytest.raises(ConfigError, match="WANDB_API_KEY is not set"):
        check_wandb(no_login)
    check_wandb({**no_login, "WANDB_MODE": "offline"})
    check_wandb({**no_login, "WANDB_API_KEY": "k" * 40})
    check_wandb({"NETRC": str(tmp_path / "none")})  # W&B off: nothing to check
    netrc = tmp_path / "netrc"
    netrc.write_text("machine api.wandb.ai\n  login user\n  password " + "k" * 40 + "\n")
    netrc.chmod(0o600)
    check_wandb({**no_login, "NETRC": str(netrc)})  # what `wandb login` writes


def test_htctl_run_with_wandb_on_and_no_key_fails_before_anything_runs(
    htctl, sample_archive, tmp_path
):
    store = tmp_path / "store"
    env = {"WANDB_MODE": "online", "WANDB_PROJECT": "bots", "NETRC": str(tmp_path / "none")}
    result = htctl(*tiny_run(sample_archive, store), env=env)
    assert result.returncode == 3, result.stderr[-3000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "WANDB_API_KEY is not set" in lines[0]
    assert not store.exists()  # nothing scraped, nothing half-written


@pytest.mark.slow
@pytest.mark.parametrize(
    ("status", "exit_code", "message"), [(401, 3, "refused"), (503, 4, "unreachable")]
)
def test_a_refused_key_or_an_outage_is_one_line_and_its_exit_code(
    htctl, sample_archive, tmp_path, status, exit_code, message
):
    server = RequestRecorder(status)
    try:
        key = uuid.uuid4().hex + "0123abcd"
        env = wandb_env(tmp_path / "wandb", server, WANDB_PROJECT=PROJECT, WANDB_API_KEY=key)
        env.update(WANDB_MODE="online", WANDB_INIT_TIMEOUT="10")  # wandb retries an outage
        args = tiny_run(sample_archive, tmp_path / "store", "--max-steps", "2", "--until", "train")
        result = htctl(*args, env=env)
    finally:
        server.stop()
    assert result.returncode == exit_code, result.stderr[-3000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines  # wandb's and transformers' own lines stay off stderr
    assert lines[0].startswith(f"htctl: error: W&B {message}")
    assert server.requests  # it did ask the (local) W&B server
    assert key not in result.stdout + result.stderr
    assert not (tmp_path / "store" / BOT / "metrics.json").exists()
