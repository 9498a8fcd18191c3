"""htctl refresh: only new posts, no duplicates, the growth threshold, and an atomic promote.

A published bot is made the fast way here (a real prepare from a local Mastodon server, then
model files, metrics and a manifest in the shared format) so that fetch, merge, threshold and
promotion are tested without training; one slow test retrains for real with the tiny model.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from job import layout
from job.bots import parse_bot
from job.manifest import read_manifest
from job.post_merge import newest_id
from job.promote import read_consistent
from job.refresh import RefreshOptions, refresh
from job.store import Store, open_store, write_json
from tests.servers.bsky import BskyServer
from tests.servers.mastodon import MastodonServer
from tests.servers.x_api import XApiServer, tweet
from tests.support.publishing import publish_fake

SPEC = "mastodon:alice@example.social"
BOT = "alice@example.social"
WORDS = "the quick brown fox jumps over the lazy dog while thinking about {n} small things"


@pytest.fixture
def masto(monkeypatch):
    with MastodonServer() as server:
        monkeypatch.setenv("HT_MASTODON_API_URL", server.url)
        monkeypatch.setenv("HT_MASTODON_BACKOFF", "0")
        yield server


def post_more(account, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        account.text(WORDS.format(n=i))


def raw_ids(store: Store, bot: str = BOT) -> list[str]:
    lines = store.read_bytes(layout.raw_posts(bot, bot)).decode().splitlines()
    return [json.loads(line)["id"] for line in lines]


def staging_keys(store: Store, bot: str = BOT) -> list[str]:
    return store.list(f"{bot}/.staging/")


def assert_promoted(store: Store, bot: str = BOT):
    """The canonical manifest names canonical keys, every file matches it, no staging left."""
    manifest, files = read_consistent(store, bot)
    assert all(f.key == f.path for f in manifest.files)
    for path, data in files.items():
        assert store.read_bytes(f"{bot}/{path}") == data
    assert staging_keys(store, bot) == []
    return manifest


def test_adds_only_new_posts_and_keeps_the_model_below_the_threshold(masto, store_uri):
    account = masto.add_account("alice")
    post_more(account, 100)
    store = open_store(store_uri)
    publish_fake(store)
    before = read_manifest(store, BOT)
    newest = newest_id([{"id": i} for i in raw_ids(store)])
    post_more(account, 5, start=100)

    result = refresh(store, parse_bot(SPEC))

    assert result.new_posts == {BOT: 5} and not result.retrained
    assert 0 < result.growth < 0.10
    assert "published model kept" in result.summary
    assert masto.paths("/statuses")[-1].params["since_id"] == newest
    ids = raw_ids(store)
    assert len(ids) == 105 and len(set(ids)) == 105
    stats = json.loads(store.read_bytes(layout.stats(BOT)))
    assert stats["handles"][BOT]["downloaded"] == 105
    after = assert_promoted(store)
    assert after.revision != before.revision
    for path in ("model/model.safetensors", "model/config.json", "README.md", "metrics.json"):
        assert after.file(path) == before.file(path)  # the published model is untouched
    assert after.file(f"raw/{BOT}.jsonl") != before.file(f"raw/{BOT}.jsonl")


def test_no_new_posts_changes_nothing(masto, local_store_uri):
    post_more(masto.add_account("alice"), 100)
    store = open_store(local_store_uri)
    publish_fake(store)
    manifest = store.read_bytes(layout.manifest(BOT))
    result = refresh(store, parse_bot(SPEC))
    assert result.new_posts == {BOT: 0} and not result.retrained
    assert result.summary.startswith("no new posts")
    assert store.read_bytes(layout.manifest(BOT)) == manifest


def test_growth_is_measured_against_what_the_model_was_trained_on(masto, local_store_uri):
    account = masto.add_account("alice")
    post_more(account, 100)
    store = open_store(local_store_uri)
    publish_fake(store)
    options = RefreshOptions(until="prepare")
    post_more(account, 6, start=100)
    first = refresh(store, parse_bot(SPEC), options)
    assert not first.staged and len(raw_ids(store)) == 106
    published = assert_promoted(store)
    post_more(account, 6, start=106)
    second = refresh(store, parse_bot(SPEC), options)
    # small refreshes add up: the baseline stays the trained text, not the last refresh's
    assert second.trained_chars == first.trained_chars
    assert second.growth > 0.10 > first.growth > 0.05
    # retraining is due: the prepare step stages the data for the training step and publishes
    # nothing, so the published bot stays the one of the first refresh
    assert second.staged and not second.retrained and "staged for retraining" in second.summary
    assert read_manifest(store, BOT) == published and len(raw_ids(store)) == 106
    staged = staging_keys(store)
    assert any(k.endswith("dataset/stats.json") for k in staged)
    # a later prepare step starts over from the published data: nothing is lost or doubled
    third = refresh(store, parse_bot(SPEC), options)
    assert third.staged and third.new_posts == {BOT: 6}
    assert staging_keys(store) != staged and len(staging_keys(store)) == len(staged)


def test_other_torchrun_ranks_only_train_what_was_staged(masto, local_store_uri, monkeypatch):
    post_more(masto.add_account("alice"), 100)
    store = open_store(local_store_uri)
    publish_fake(store)
    requests = len(masto.requests)
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    result = refresh(store, parse_bot(SPEC))
    assert result.summary == "nothing staged to train on this rank"
    assert len(masto.requests) == requests  # no rank fetches on its own under torchrun


def test_bluesky_refresh_stops_at_the_first_known_post(monkeypatch, local_store_uri):
    with BskyServer() as bsky:
        monkeypatch.setenv("HT_BSKY_API_URL", bsky.url)
        account = bsky.add_account("alice.bsky.social")
        for i in range(150):
            account.post(WORDS.format(n=i))
        store = open_store(local_store_uri)
        name = publish_fake(store, "bsky:alice.bsky.social")
        feeds = len(bsky.paths("getAuthorFeed"))
        account.post("a brand new post with plenty of words")
        account.repost("and a repost of somebody else")
        result = refresh(store, parse_bot("bsky:alice.bsky.social"), RefreshOptions())
        assert result.new_posts == {name: 2}
        assert len(bsky.paths("getAuthorFeed")) == feeds + 1  # one page was enough
        lines = store.read_bytes(layout.raw_posts(name, name)).decode().splitlines()
        ids = [json.loads(line)["id"] for line in lines]
        assert len(ids) == 152 == len(set(ids))
        assert json.loads(lines[0])["is_retweet"]


def test_x_refresh_asks_for_posts_since_the_newest_and_merges_without_duplicates(
    monkeypatch, local_store_uri
):
    with XApiServer(token="t") as x:
        monkeypatch.setenv("HT_X_API_URL", x.url)
        monkeypatch.setenv("HT_X_BEARER_TOKEN", "t")
        user = x.add_user("karpathy", [tweet(1000 - i, WORDS.format(n=i)) for i in range(100)])
        store = open_store(local_store_uri)
        publish_fake(store, "karpathy")
        user.tweets[:0] = [tweet(2000 + i, WORDS.format(n=100 + i)) for i in (1, 0)]
        result = refresh(store, parse_bot("karpathy"), RefreshOptions(min_growth=1.0))
        assert x.timeline_requests()[-1].params["since_id"] == "1000"
        # this test server ignores since_id and serves everything: merging drops the repeats
        assert result.new_posts == {"karpathy": 2}
        ids = raw_ids(store, "karpathy")
        assert ids[:2] == ["2001", "2000"] and len(ids) == 102 == len(set(ids))


def test_file_source_refresh_replaces_the_snapshot(tmp_path, local_store_uri):
    path = tmp_path / "mine.txt"
    path.write_text("\n".join(WORDS.format(n=i) for i in range(100)))
    store = open_store(local_store_uri)
    spec = f"file:me={path}"
    publish_fake(store, spec)
    path.write_text("\n".join(WORDS.format(n=i) for i in range(130)))
    result = refresh(store, parse_bot(spec), RefreshOptions(until="prepare", min_growth=1.0))
    assert result.new_posts == {"me": 30} and not result.staged
    assert len(raw_ids(store, "me")) == 130
    assert json.loads(store.read_bytes(layout.stats("me")))["handles"]["me"]["kept"] == 130


class Crash(Exception):
    """A pod killed in the middle of a step."""


class CrashingStore:
    """A store that dies on the first write whose key satisfies ``when``."""

    def __init__(self, base: Store, when):
        self.base = base
        self.when = when
        self.armed = True

    def __getattr__(self, name):
        return getattr(self.base, name)

    def _check(self, key: str) -> None:
        if self.armed and self.when(key):
            self.armed = False
            raise Crash(key)

    def write_bytes(self, key: str, data: bytes) -> None:
        self._check(key)
        self.base.write_bytes(key, data)

    def upload_file(self, key: str, path: Path) -> None:
        self._check(key)
        self.base.upload_file(key, path)


def test_crash_mid_promote_leaves_the_new_complete_bot_and_the_next_refresh_finishes(
    masto, store_uri
):
    account = masto.add_account("alice")
    post_more(account, 100)
    store = open_store(store_uri)
    publish_fake(store)
    post_more(account, 5, start=100)
    canonical_raw = f"{BOT}/raw/{BOT}.jsonl"
    crashing = CrashingStore(store, lambda key: key == canonical_raw)
    with pytest.raises(Crash):
        refresh(crashing, parse_bot(SPEC))
    # switched, not finished: the manifest points into staging, and that bot is complete
    manifest, files = read_consistent(store, BOT)
    assert any(f.key.startswith(".staging/") for f in manifest.files)
    assert files[f"raw/{BOT}.jsonl"].decode().count("\n") == 105
    result = refresh(store, parse_bot(SPEC))
    assert result.new_posts == {BOT: 0}
    final = assert_promoted(store)
    assert final.revision == manifest.revision
    assert len(raw_ids(store)) == 105


def test_crash_before_the_switch_leaves_the_old_bot_and_is_resumed(masto, local_store_uri):
    account = masto.add_account("alice")
    post_more(account, 100)
    store = open_store(local_store_uri)
    publish_fake(store)
    old = store.read_bytes(layout.manifest(BOT))
    post_more(account, 5, start=100)
    crashing = CrashingStore(store, lambda key: ".staging/" in key and key.endswith("stats.json"))
    with pytest.raises(Crash):
        refresh(crashing, parse_bot(SPEC))
    assert store.read_bytes(layout.manifest(BOT)) == old
    manifest, _ = read_consistent(store, BOT)
    assert all(f.key == f.path for f in manifest.files)
    assert staging_keys(store)  # the staged raw/ is kept for the next attempt
    requests = len(masto.requests)
    result = refresh(store, parse_bot(SPEC))
    assert len(masto.requests) == requests  # resumed from staging: nothing fetched again
    assert result.new_posts == {BOT: 5}
    assert len(raw_ids(store)) == 105
    assert_promoted(store)


class SlowStore:
    """Every write takes a little while, so that a reader meets every window of a refresh."""

    def __init__(self, base: Store, delay: float = 0.01):
        self.base = base
        self.delay = delay

    def __getattr__(self, name):
        return getattr(self.base, name)

    def write_bytes(self, key: str, data: bytes) -> None:
        time.sleep(self.delay)
        self.base.write_bytes(key, data)

    def upload_file(self, key: str, path: Path) -> None:
        time.sleep(self.delay)
        self.base.upload_file(key, path)


def poll_while(store: Store, bot: str, work) -> list[str]:
    """Run ``work`` while another thread reads the bot as a reader would; returns the
    revisions the reader saw (it raises if it ever met an incomplete bot)."""
    seen: list[str] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                manifest, files = read_consistent(store, bot)
                assert set(files) == {f.path for f in manifest.files}
                seen.append(manifest.revision)
                time.sleep(0.005)  # poll hard, but leave the CPU to the refresh
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)
                return

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        work()
    finally:
        done.set()
        thread.join(timeout=60)
    assert not errors, errors
    return seen


def test_a_reader_polling_during_refresh_always_sees_a_complete_bot(masto, local_store_uri):
    account = masto.add_account("alice")
    post_more(account, 100)
    store = open_store(local_store_uri)
    publish_fake(store)
    old = read_manifest(store, BOT).revision
    post_more(account, 30, start=100)
    slow = SlowStore(store)
    no_retrain = RefreshOptions(min_growth=1.0)  # the slow test below retrains
    seen = poll_while(store, BOT, lambda: refresh(slow, parse_bot(SPEC), no_retrain))
    new = read_manifest(store, BOT).revision
    assert seen and set(seen) <= {old, new}
    assert new != old


def test_cli_refresh_reports_and_honours_min_growth_from_env(htctl, masto, tmp_path):
    account = masto.add_account("alice")
    post_more(account, 100)
    store_dir = tmp_path / "store"
    publish_fake(open_store(str(store_dir)))
    post_more(account, 20, start=100)
    env = {"HT_MASTODON_API_URL": masto.url, "HT_REFRESH_MIN_GROWTH": "0.5"}
    result = htctl("refresh", SPEC, "--store", str(store_dir), "--json", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["new_posts"] == {BOT: 20} and report["retrained"] is False
    assert 0.1 < report["growth"] < 0.5


def test_cli_refresh_errors_exit_like_run(htctl, masto, tmp_path):
    store_dir = str(tmp_path / "store")
    env = {"HT_MASTODON_API_URL": masto.url}
    unknown = htctl("refresh", "mastodon:ghost@example.social", "--store", store_dir, env=env)
    assert unknown.returncode == 2 and "unknown Mastodon account" in unknown.stderr
    bad = htctl("refresh", SPEC, "--min-growth", "-1", "--store", store_dir, env=env)
    assert bad.returncode == 2 and "min-growth" in bad.stderr


@pytest.mark.slow
def test_cli_run_then_refresh_retrains_and_readers_never_see_an_incomplete_bot(
    htctl, masto, tmp_path
):
    account = masto.add_account("alice")
    post_more(account, 100)
    store_dir = str(tmp_path / "store")
    store = open_store(store_dir)
    env = {"HT_MASTODON_API_URL": masto.url}
    fast = ["--max-steps", "2", "--checkpoint-every", "0", "--store", store_dir]
    built = htctl("run", SPEC, "--base-model", "tiny", *fast, env=env)
    assert built.returncode == 0, built.stderr
    before = read_manifest(store, BOT)
    write_json(store, f"{BOT}/unrelated.json", {"kept": True})
    post_more(account, 40, start=100)

    # the two steps of an Argo workflow or a multi-GPU Job: CPU (fetch, decide, stage), then
    # the training step; a reader in this process polls the store while the second one runs
    staged = htctl("refresh", SPEC, "--until", "prepare", "--json", *fast, env=env)
    assert staged.returncode == 0, staged.stderr
    assert json.loads(staged.stdout.splitlines()[-1])["staged"] is True
    assert read_manifest(store, BOT) == before
    holder = {}

    def work() -> None:
        holder["done"] = htctl("refresh", SPEC, "--json", *fast, env=env)

    seen = poll_while(store, BOT, work)
    assert holder["done"].returncode == 0, holder["done"].stderr
    report = json.loads(holder["done"].stdout.splitlines()[-1])
    assert report["retrained"] is True and report["growth"] >= 0.10
    assert report["new_posts"] == {BOT: 40}
    after = assert_promoted(store)
    assert set(seen) <= {before.revision, after.revision} and before.revision in seen
    assert after.revision == report["revision"] != before.revision
    assert after.file("model/model.safetensors") != before.file("model/model.safetensors")
    assert store.exists(f"{BOT}/unrelated.json")  # only files of the old bot are removed
    stats = json.loads(store.read_bytes(layout.stats(BOT)))
    assert stats["handles"][BOT]["downloaded"] == 140
    card = store.read_bytes(f"{BOT}/README.md").decode()
    assert ".staging" not in card  # the card names where the model lives after promotion
    state = json.loads(store.read_bytes(f"{BOT}/refresh.json"))
    assert state["trained_kept_chars"] == report["kept_chars"]
