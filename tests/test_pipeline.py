"""The pipeline's stages and markers on a local folder and on S3 (moto's server).

What docs/store.md promises: the store layout, skip-if-present on rerun, ``--force``, and a crash in
the middle of a stage leaving nothing a rerun would trust, after which a rerun completes.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from job.bots import parse_bot
from job.options import RunOptions
from job.pipeline import run
from job.sources import bind_sources
from job.store import open_store
from tests.servers.s3_proxy import S3Proxy, is_put
from tests.support.archives import synthetic_posts
from tests.support.cli import ROOT, assert_one_error_line
from tests.support.stores import PREPARE_KEYS, store_read, store_snapshot


@pytest.fixture
def alice_archive(make_archive):
    posts = synthetic_posts(150, seed=1) + ["RT @bob: shared", "ok then"] + synthetic_posts(50)
    return make_archive(posts, form="zip", username="Alice", display_name="Alice A.")


def run_until_prepare(htctl, store_uri, *sources, bot="alice", extra=(), env=None):
    args = ["run", bot, "--until", "prepare", "--store", store_uri]
    for source in sources:
        args += ["--source", f"archive:{source}"]
    return htctl(*args, *extra, env=env)


def test_prepare_writes_the_documented_layout(htctl, store_uri, alice_archive):
    result = run_until_prepare(htctl, store_uri, alice_archive)
    assert result.returncode == 0, result.stderr
    assert set(store_snapshot(store_uri)) == PREPARE_KEYS

    stats = json.loads(store_read(store_uri, "alice/dataset/stats.json"))
    assert stats["bot"] == "alice"
    assert stats["seed"] == 0
    assert stats["handles"]["alice"] == {
        "downloaded": 202,
        "retweets": 1,
        "short": 1,
        "kept": 200,
    }
    assert stats["train_posts"] + stats["valid_posts"] == 200
    assert stats["valid_posts"] == 20

    raw = store_read(store_uri, "alice/raw/alice.jsonl").decode().splitlines()
    first = json.loads(raw[0])
    assert len(raw) == 202
    assert {"id", "text", "created_at", "is_retweet", "lang", "source"} <= set(first)
    meta = json.loads(store_read(store_uri, "alice/raw/alice.meta.json"))
    assert meta["handle"] == "alice"
    assert meta["display_name"] == "Alice A."
    assert meta["source"] == "archive"
    assert meta["posts"] == 202
    assert "fetched_at" in meta

    train = store_read(store_uri, "alice/dataset/train.txt").decode()
    valid = store_read(store_uri, "alice/dataset/valid.txt").decode()
    eos = "<|endoftext|>"
    assert train.startswith(eos) and train.endswith(eos)
    assert train.count(eos) == stats["train_posts"] + 1
    assert valid.count(eos) == stats["valid_posts"] + 1


def test_a_rerun_skips_every_stage_and_changes_nothing(htctl, store_uri, alice_archive):
    assert run_until_prepare(htctl, store_uri, alice_archive).returncode == 0
    before = store_snapshot(store_uri)
    # A sentinel edit (still a valid marker): a rerun that rewrote stats.json would lose it.
    stats = json.loads(store_read(store_uri, "alice/dataset/stats.json"))
    sentinel = json.dumps({**stats, "sentinel": True}).encode()
    open_store(store_uri).write_bytes("alice/dataset/stats.json", sentinel)
    before["alice/dataset/stats.json"] = store_snapshot(store_uri)["alice/dataset/stats.json"]

    result = run_until_prepare(htctl, store_uri, alice_archive)
    assert result.returncode == 0, result.stderr
    assert "ran: nothing, all present" in result.stdout
    assert "scrape already in the store, skipped" in result.stdout
    assert store_snapshot(store_uri) == before
    assert store_read(store_uri, "alice/dataset/stats.json") == sentinel


def test_a_rerun_does_not_even_need_the_source_again(htctl, store_uri, alice_archive):
    assert run_until_prepare(htctl, store_uri, alice_archive).returncode == 0
    alice_archive.unlink()
    result = run_until_prepare(htctl, store_uri, alice_archive)
    assert result.returncode == 0, result.stderr


def test_force_reruns_every_stage(htctl, store_uri, alice_archive):
    assert run_until_prepare(htctl, store_uri, alice_archive).returncode == 0
    store = open_store(store_uri)
    store.write_bytes("alice/dataset/stats.json", b'{"sentinel": true}')
    store.write_bytes("alice/raw/alice.jsonl", b"")

    result = run_until_prepare(htctl, store_uri, alice_archive, extra=["--force"])
    assert result.returncode == 0, result.stderr
    assert "ran: scrape, prepare" in result.stdout
    assert json.loads(store_read(store_uri, "alice/dataset/stats.json"))["bot"] == "alice"
    assert len(store_read(store_uri, "alice/raw/alice.jsonl").splitlines()) == 202


def test_a_missing_marker_reruns_that_stage_and_the_ones_after(store_uri, alice_archive):
    bot = bind_sources(parse_bot("alice"), [f"archive:{alice_archive}"])
    store = open_store(store_uri)
    run(store, bot, RunOptions(until="prepare"))
    raw_before = store_snapshot(store_uri)["alice/raw/alice.jsonl"]
    store.delete("alice/dataset/stats.json")

    results = run(store, bot, RunOptions(until="prepare"))
    assert [(r.stage, r.skipped) for r in results] == [("scrape", True), ("prepare", False)]
    assert store.exists("alice/dataset/stats.json")
    assert store_snapshot(store_uri)["alice/raw/alice.jsonl"] == raw_before


def test_the_seed_decides_the_split_and_is_recorded(store_uri, alice_archive):
    bot = bind_sources(parse_bot("alice"), [f"archive:{alice_archive}"])
    store = open_store(store_uri)
    run(store, bot, RunOptions(until="prepare", seed=7))
    first = store.read_bytes("alice/dataset/valid.txt")
    run(store, bot, RunOptions(until="prepare", seed=7, force=True))
    assert store.read_bytes("alice/dataset/valid.txt") == first
    run(store, bot, RunOptions(until="prepare", seed=8, force=True))
    assert store.read_bytes("alice/dataset/valid.txt") != first
    assert json.loads(store.read_bytes("alice/dataset/stats.json"))["seed"] == 8


def test_an_unknown_stage_is_bad_input(htctl, store_uri, alice_archive):
    result = htctl("run", "alice", "--until", "deploy", "--store", store_uri)
    assert_one_error_line(result, 2, "unknown stage 'deploy'")
    assert store_snapshot(store_uri) == {}


# --- crashes -----------------------------------------------------------------------------------


def test_force_with_a_broken_source_leaves_the_complete_dataset_alone(
    htctl, store_uri, alice_archive, tmp_path
):
    """The source fails mid-way (part 2 of the export is corrupt) on a forced rerun."""
    assert run_until_prepare(htctl, store_uri, alice_archive).returncode == 0
    before = store_snapshot(store_uri)
    broken = tmp_path / "broken"
    (broken / "data").mkdir(parents=True)
    good = json.dumps([{"tweet": {"id_str": "1", "full_text": "a fine first part here"}}])
    (broken / "data" / "tweets.js").write_text("window.YTD.tweets.part0 = " + good)
    (broken / "data" / "tweets-part1.js").write_text("window.YTD.tweets.part1 = [{")

    result = run_until_prepare(htctl, store_uri, broken, extra=["--force"])
    assert_one_error_line(result, 2, "corrupt archive", "tweets-part1.js")
    assert store_snapshot(store_uri) == before


def test_a_write_failing_mid_prepare_leaves_no_marker_and_a_rerun_completes(
    htctl, store_uri, alice_archive, tmp_path
):
    """The stage dies after writing train.txt, while writing valid.txt (before its marker)."""
    if store_uri.startswith("s3://"):
        # S3: a proxy in front of moto refuses the PUT of valid.txt.
        proxy = S3Proxy(lambda method, path: "deny" if is_put(method, path, "valid.txt") else "")
        env = {"AWS_ENDPOINT_URL": proxy.url}
    else:
        # A folder where valid.txt must go: the rename onto it fails.
        (Path(store_uri) / "alice" / "dataset" / "valid.txt").mkdir(parents=True)
        proxy, env = None, None
    try:
        result = run_until_prepare(htctl, store_uri, alice_archive, env=env)
    finally:
        if proxy:
            proxy.close()
    assert_one_error_line(result, 3, "valid.txt")
    keys = set(store_snapshot(store_uri))
    assert "alice/dataset/train.txt" in keys  # the stage really was half done
    store = open_store(store_uri)
    assert not store.exists("alice/dataset/stats.json")

    if not store_uri.startswith("s3://"):
        (Path(store_uri) / "alice" / "dataset" / "valid.txt").rmdir()
    result = run_until_prepare(htctl, store_uri, alice_archive)
    assert result.returncode == 0, result.stderr
    assert "ran: prepare" in result.stdout  # scrape was complete and is kept
    assert json.loads(store_read(store_uri, "alice/dataset/stats.json"))["bot"] == "alice"


def test_sigkill_while_writing_the_dataset_then_a_rerun_completes(
    s3_store_uri, moto_url, alice_archive
):
    """The process is killed while its PUT of valid.txt is in flight (held by a proxy)."""
    proxy = S3Proxy(lambda method, path: "hold" if is_put(method, path, "valid.txt") else "")
    try:
        killed = start_and_kill_when_held(proxy, s3_store_uri, "alice", [alice_archive])
    finally:
        proxy.close()
    assert killed == -signal.SIGKILL
    keys = set(store_snapshot(s3_store_uri))
    assert "alice/dataset/train.txt" in keys
    assert "alice/dataset/stats.json" not in keys  # nothing a rerun would trust

    store = open_store(s3_store_uri)
    bot = bind_sources(parse_bot("alice"), [f"archive:{alice_archive}"])
    results = run(store, bot, RunOptions(until="prepare"))
    assert [(r.stage, r.skipped) for r in results] == [("scrape", True), ("prepare", False)]
    assert store.exists("alice/dataset/stats.json")
    assert store.read_bytes("alice/dataset/valid.txt").count(b"<|endoftext|>") == 21


def test_sigkill_between_two_handles_keeps_the_first_and_refetches_the_second(
    s3_store_uri, make_archive
):
    alice = make_archive(synthetic_posts(120, seed=1), username="alice")
    bob = make_archive(synthetic_posts(120, seed=2), username="bob")
    proxy = S3Proxy(lambda method, path: "hold" if is_put(method, path, "bob.jsonl") else "")
    try:
        killed = start_and_kill_when_held(proxy, s3_store_uri, "alice+bob", [alice, bob])
    finally:
        proxy.close()
    assert killed == -signal.SIGKILL
    keys = set(store_snapshot(s3_store_uri))
    assert {"alice-bob/raw/alice.jsonl", "alice-bob/raw/alice.meta.json"} <= keys
    assert "alice-bob/raw/bob.meta.json" not in keys
    alice_before = store_snapshot(s3_store_uri)["alice-bob/raw/alice.meta.json"]

    store = open_store(s3_store_uri)
    bot = bind_sources(parse_bot("alice+bob"), [f"archive:{alice}", f"archive:{bob}"])
    run(store, bot, RunOptions(until="prepare"))
    after = store_snapshot(s3_store_uri)
    assert after["alice-bob/raw/alice.meta.json"] == alice_before  # not refetched
    assert "alice-bob/raw/bob.meta.json" in after
    stats = json.loads(store.read_bytes("alice-bob/dataset/stats.json"))
    assert set(stats["handles"]) == {"alice", "bob"}


# --- killed while the S3 proxy (tests/servers/s3_proxy.py) holds one request ---------------------


def start_and_kill_when_held(proxy: S3Proxy, store_uri: str, bot: str, archives) -> int:
    """Run htctl through the proxy, SIGKILL it while the held request is in flight."""
    import os

    args = [sys.executable, "-m", "job", "run", bot, "--until", "prepare", "--store", store_uri]
    for archive in archives:
        args += ["--source", f"archive:{archive}"]
    env = {**os.environ, "AWS_ENDPOINT_URL": proxy.url}
    proc = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        assert proxy.held.wait(120), "the write to hold never came"
        proc.send_signal(signal.SIGKILL)
        return proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_raw_posts_lost_behind_their_marker_are_fetched_again(store_uri, alice_archive):
    bot = bind_sources(parse_bot("alice"), [f"archive:{alice_archive}"])
    store = open_store(store_uri)
    run(store, bot, RunOptions(until="prepare"))
    store.delete("alice/raw/alice.jsonl")  # pruned by hand: the meta alone proves nothing

    results = run(store, bot, RunOptions(until="prepare"))
    assert [(r.stage, r.skipped) for r in results] == [("scrape", False), ("prepare", False)]
    assert len(store.read_bytes("alice/raw/alice.jsonl").splitlines()) == 202


def test_hand_damaged_raw_posts_are_one_clear_error(htctl, store_uri, alice_archive):
    assert run_until_prepare(htctl, store_uri, alice_archive).returncode == 0
    store = open_store(store_uri)
    store.write_bytes("alice/raw/alice.jsonl", b'{"text": "cut sho')
    store.delete("alice/dataset/stats.json")
    result = run_until_prepare(htctl, store_uri, alice_archive)
    assert_one_error_line(result, 2, "corrupt raw posts", "--force")
    result = run_until_prepare(htctl, store_uri, alice_archive, extra=["--force"])
    assert result.returncode == 0, result.stderr


def test_under_torchrun_other_ranks_refuse_to_scrape(htctl, local_store_uri, alice_archive):
    """Ranks other than 0 only train: data must be prepared before torchrun starts them."""
    result = run_until_prepare(
        htctl, local_store_uri, alice_archive, env={"RANK": "1", "WORLD_SIZE": "2"}
    )
    assert result.returncode == 3
    assert "--until prepare" in result.stderr
    assert not Path(local_store_uri, "alice").exists()


def test_under_torchrun_other_ranks_leave_prepared_data_alone(
    htctl, local_store_uri, alice_archive
):
    assert run_until_prepare(htctl, local_store_uri, alice_archive).returncode == 0
    before = store_snapshot(local_store_uri)
    result = run_until_prepare(
        htctl,
        local_store_uri,
        alice_archive,
        extra=("--force",),
        env={"RANK": "1", "WORLD_SIZE": "2"},
    )
    assert result.returncode == 0, result.stderr
    assert store_snapshot(local_store_uri) == before
