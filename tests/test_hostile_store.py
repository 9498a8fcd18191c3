"""A hostile or broken store: manifests, markers and S3 endpoints that lie.

The store is shared by thousands of Jobs and read by everyone who runs ``generate``, so what it
holds is untrusted input. Each case puts a real input in moto's S3 (or a local store), or points
htctl at a server that is not S3 (tests/servers/bad_s3.py), and checks the documented outcome:
the exit code, the one stderr line, and that nothing outside the store and the cache changed (a
canary path next to them stays absent).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from job import layout
from job.bots import Bot, parse_bot
from job.errors import (
    EXIT_BAD_INPUT,
    EXIT_TRANSIENT,
    BadInput,
    ConfigError,
    CorruptManifest,
    StaleManifest,
    TransientError,
)
from job.generate import MIN_NEW_TOKENS, fit_prompt
from job.manifest import (
    MAX_MANIFEST_BYTES,
    MAX_MANIFEST_FILES,
    confined,
    entry_for_bytes,
    new_manifest,
    read_manifest,
)
from job.options import RunOptions
from job.pipeline import is_done
from job.promote import read_consistent
from job.store import LocalStore, S3Store, Store, open_store, write_json
from tests.servers.bad_s3 import HtmlEverywhere, NeverAnswers
from tests.support.archives import synthetic_posts
from tests.support.cli import assert_one_error_line
from tests.support.publishing import metrics_fixture
from tests.support.stores import store_snapshot

BOT = "alice"
# What a bot's files look like to the manifest: the bytes do not need to be a real model, a
# hostile manifest must be refused before any of them is read.
FILES = {
    "model/config.json": b'{"model_type": "gpt2"}',
    "model/model.safetensors": b"weights" * 100,
    "README.md": b"# alice\n",
}
EVIL = b"#!/bin/sh\necho owned\n"


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the store and the cache: nothing may ever appear in it."""
    return tmp_path / "outside"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HT_CACHE", str(folder))
    return folder


def publish_files(store: Store, bot: str = BOT) -> dict:
    """The bot's files plus an honest manifest of them; returns the manifest as JSON."""
    for path, data in FILES.items():
        store.write_bytes(f"{bot}/{path}", data)
    manifest = new_manifest(bot, [entry_for_bytes(p, d) for p, d in FILES.items()])
    write_json(store, layout.manifest(bot), manifest.to_dict())
    return manifest.to_dict()


def with_entry(manifest: dict, store: Store, path: str, key: str = "model/evil.bin") -> dict:
    """Add an entry whose bytes exist under ``key`` and whose digest matches them: the digest
    check passes, as it does for whoever writes the manifest."""
    store.write_bytes(f"{BOT}/{key}", EVIL)
    entry = entry_for_bytes(path, EVIL, key)
    return {**manifest, "files": [*manifest["files"], asdict(entry)]}


def no_files_under(folder: Path) -> bool:
    return not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))


def generate_line(htctl, store_uri: str, code: int, *needles: str) -> str:
    result = htctl("generate", BOT, "My dream is", "--store", store_uri)
    return assert_one_error_line(result, code, *needles)


# --- 1. manifests ------------------------------------------------------------------------------


def _traversal(m, store, outside):
    return with_entry(m, store, f"model/../../../{outside.name}/canary")


def _absolute(m, store, outside):
    return with_entry(m, store, f"model/{outside}/canary")  # "model//tmp/...": absolute after


def _key_outside_the_bot(m, store, outside):
    store.write_bytes("mallory/model/config.json", EVIL)
    files = [dict(f) for f in m["files"]]
    files[0]["key"] = "../mallory/model/config.json"
    return {**m, "files": files}


def _other_bot(m, store, outside):
    publish_files(store, "mallory")  # alice's folder vouching for mallory's model
    return {**m, "bot": "mallory"}


def _path_outside_the_folders(m, store, outside):
    return with_entry(m, store, "checkpoints/evil.bin")


def _control_character(m, store, outside):
    return with_entry(m, store, "model/evil\n.bin")


def _backslash(m, store, outside):
    return with_entry(m, store, "model/..\\..\\evil.bin")


def _size(value):
    def mutate(m, store, outside):
        files = [dict(f) for f in m["files"]]
        files[0]["size"] = value
        return {**m, "files": files}

    return mutate


def _digest(m, store, outside):
    files = [dict(f) for f in m["files"]]
    files[0]["sha256"] = "../" + files[0]["sha256"][3:]
    return {**m, "files": files}


def _duplicate_path(m, store, outside):
    return {**m, "files": [*m["files"], m["files"][0]]}


def _too_many_files(m, store, outside):
    entry = m["files"][0]
    many = [{**entry, "path": f"model/f{i}", "key": f"model/f{i}"} for i in range(10_001)]
    assert len(many) > MAX_MANIFEST_FILES
    return {**m, "files": many}


def _files_not_a_list(m, store, outside):
    return {**m, "files": {"model/config.json": m["files"][0]}}


HOSTILE_MANIFESTS = {
    "path-traversal": _traversal,
    "absolute-path": _absolute,
    "key-outside-the-bot": _key_outside_the_bot,
    "manifest-of-another-bot": _other_bot,
    "path-outside-the-bot-folders": _path_outside_the_folders,
    "control-character-in-path": _control_character,
    "backslash-in-path": _backslash,
    "size-as-string": _size("12"),
    "size-as-float": _size(1.5),
    "size-negative": _size(-1),
    "size-as-bool": _size(True),
    "digest-not-hex": _digest,
    "duplicate-path": _duplicate_path,
    "too-many-files": _too_many_files,
    "files-not-a-list": _files_not_a_list,
}


@pytest.mark.parametrize("case", HOSTILE_MANIFESTS)
def test_a_hostile_manifest_is_a_corrupt_store_and_nothing_is_written(
    htctl, s3_store_uri, cache, outside, case
):
    store = open_store(s3_store_uri)
    manifest = HOSTILE_MANIFESTS[case](publish_files(store), store, outside)
    write_json(store, layout.manifest(BOT), manifest)
    before = store_snapshot(s3_store_uri)

    generate_line(htctl, s3_store_uri, 2, "corrupt store", f"{BOT}/manifest.json")

    assert not outside.exists()
    assert no_files_under(cache)
    assert store_snapshot(s3_store_uri) == before


def test_path_traversal_from_a_local_store_read_through_staging_keys(
    htctl, local_store_uri, cache, outside
):
    """A local store whose keys are not its paths is copied into the cache: same refusal."""
    store = open_store(local_store_uri)
    manifest = publish_files(store)
    manifest = with_entry(manifest, store, f"model/../../../{outside.name}/canary", "staging/e")
    write_json(store, layout.manifest(BOT), manifest)
    before = store_snapshot(local_store_uri)

    generate_line(htctl, local_store_uri, 2, "corrupt store", "is not normalised")

    assert not outside.exists()
    assert no_files_under(cache)
    assert store_snapshot(local_store_uri) == before


@pytest.mark.parametrize(
    "raw",
    [
        b'{"bot": "alice", "files": [',  # truncated
        b"\xff\xfe not utf-8",
        b"[" * 100_000 + b"]" * 100_000,  # nested past the parser's recursion limit
        b'["alice"]',
    ],
    ids=["truncated", "not-utf8", "nested-too-deeply", "not-an-object"],
)
def test_a_manifest_that_is_not_a_manifest_is_exit_2(htctl, local_store_uri, cache, raw):
    store = open_store(local_store_uri)
    publish_files(store)
    store.write_bytes(layout.manifest(BOT), raw)
    generate_line(htctl, local_store_uri, 2, "corrupt store")
    assert no_files_under(cache)


def test_a_manifest_larger_than_the_bound_is_refused_before_it_is_parsed(
    htctl, local_store_uri, cache
):
    store = open_store(local_store_uri)
    manifest = publish_files(store)
    padded = json.dumps(manifest).encode() + b" " * MAX_MANIFEST_BYTES
    store.write_bytes(layout.manifest(BOT), padded)
    generate_line(htctl, local_store_uri, 2, "corrupt store", f"larger than {MAX_MANIFEST_BYTES}")
    assert no_files_under(cache)


def test_every_reader_gets_the_validated_manifest(s3_store_uri):
    """read_manifest is the one door: the pipeline's publish check and refresh use it too."""
    store = open_store(s3_store_uri)
    manifest = publish_files(store)
    assert read_manifest(store, BOT).revision == manifest["revision"]
    write_json(store, layout.manifest(BOT), {**manifest, "bot": "mallory"})
    with pytest.raises(CorruptManifest, match="manifest of 'mallory', not of 'alice'"):
        read_manifest(store, BOT)
    # A writer publishes again over a corrupt manifest rather than trusting or failing on it.
    assert is_done(store, parse_bot(BOT), "publish") is False


def test_bytes_that_never_match_an_unchanged_manifest_are_a_corrupt_store(local_store_uri):
    """Bytes that do not match a manifest read twice, unchanged: no refresh explains that, so
    the store is corrupt (exit 2, what retrying cannot help), not a bot that is changing."""
    store = open_store(local_store_uri)
    manifest = publish_files(store)
    changed = manifest["files"][0]
    store.write_bytes(f"{BOT}/{changed['key']}", b"corrupted for good")
    with pytest.raises(CorruptManifest, match="did not change") as caught:
        read_consistent(store, BOT, attempts=3)
    assert caught.value.exit_code == EXIT_BAD_INPUT
    assert changed["key"] in str(caught.value)


class SwitchingManifests(LocalStore):
    """A refresh switching the bot under a reader on every read: each read of the manifest
    gives a new revision, and the bytes never match what was read."""

    def __init__(self, root: str):
        super().__init__(root)
        self.reads = 0

    def read_bytes(self, key: str, *args, **kwargs) -> bytes:
        data = super().read_bytes(key, *args, **kwargs)
        if key != layout.manifest(BOT):
            return data
        self.reads += 1
        return json.dumps({**json.loads(data), "revision": f"r{self.reads}"}).encode()


def test_a_bot_that_keeps_changing_while_being_read_is_transient(local_store_uri):
    """A new manifest on every read, and bytes that never match it: exit 4, since a later read
    gets a consistent bot; the input is not bad."""
    publish_files(open_store(local_store_uri))
    store = SwitchingManifests(local_store_uri)
    store.write_bytes(f"{BOT}/{next(iter(FILES))}", b"switched meanwhile")
    with pytest.raises(StaleManifest, match=f"{BOT} kept changing while being read") as caught:
        read_consistent(store, BOT, attempts=3)
    assert caught.value.exit_code == EXIT_TRANSIENT
    assert isinstance(caught.value, TransientError)
    assert store.reads == 3


@pytest.mark.parametrize(
    "relative", ["../x", "/etc/passwd", "a/../../x", "", ".", "a//b", "link/x"]
)
def test_local_writes_of_a_fetch_are_confined_where_they_happen(tmp_path, relative):
    root = tmp_path / "cache" / "models" / "abc"
    root.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "link").symlink_to(tmp_path / "elsewhere")  # a link that leaves the folder
    with pytest.raises(CorruptManifest, match="refusing to write"):
        confined(root, relative)
    assert confined(root, "sub/config.json") == root.resolve() / "sub" / "config.json"


# --- 5. prompts longer than the model's context ------------------------------------------------


def test_a_prompt_longer_than_the_context_keeps_its_most_recent_tokens():
    ids = list(range(1000))
    kept, new = fit_prompt(ids, max_length=160, context=256)
    assert new == MIN_NEW_TOKENS
    assert kept == ids[-(256 - MIN_NEW_TOKENS) :]
    assert len(kept) + new <= 256
    # A prompt that fits is untouched and the sample keeps its saved length in all.
    assert fit_prompt(ids[:20], max_length=160, context=256) == (ids[:20], 140)


def test_generate_with_a_prompt_longer_than_the_context_samples_from_its_end(tmp_path, caplog):
    from transformers import GenerationConfig

    from job.generate import load, sample
    from job.models import save_tiny

    folder = save_tiny(tmp_path / "tiny")
    GenerationConfig(do_sample=True, max_length=160, min_length=10).save_pretrained(folder)
    tokenizer, model = load(folder)
    prompt = "start " + "word " * 400 + "THE END"  # tiny's context is 256 byte tokens
    with caplog.at_level(logging.WARNING, logger="htctl"):
        (text,) = sample(tokenizer, model, prompt, n=1, seed=0)
    assert "kept its last" in caplog.text
    assert "THE END" in text and not text.startswith("start")


# --- 6. markers ---------------------------------------------------------------------------------


def _prepared(store_uri: str, make_archive) -> tuple[Store, Bot]:
    from job.pipeline import run
    from job.sources import bind_sources

    archive = make_archive(synthetic_posts(120, seed=3), username="alice")
    bot = bind_sources(parse_bot(BOT), [f"archive:{archive}"])
    store = open_store(store_uri)
    run(store, bot, RunOptions(until="prepare"))
    return store, bot


def _truncated(store: Store, key: str) -> None:
    data = store.read_bytes(key)
    store.write_bytes(key, data[: len(data) // 2])


@pytest.mark.parametrize(
    "stage, key, damage",
    [
        ("prepare", layout.stats(BOT), _truncated),
        ("prepare", layout.stats(BOT), lambda s, k: s.write_bytes(k, b'{"bot": "alice"}')),
        ("prepare", layout.stats(BOT), lambda s, k: write_json(s, k, {"bot": 1, "seed": "0"})),
        ("scrape", layout.raw_meta(BOT, BOT), _truncated),
        ("scrape", layout.raw_meta(BOT, BOT), lambda s, k: s.write_bytes(k, b"[]")),
    ],
    ids=[
        "stats-truncated",
        "stats-without-keys",
        "stats-wrong-types",
        "meta-truncated",
        "meta-list",
    ],
)
def test_a_damaged_marker_is_not_trusted_and_its_stage_reruns(
    store_uri, make_archive, caplog, stage, key, damage
):
    store, bot = _prepared(store_uri, make_archive)
    assert is_done(store, bot, stage)
    damage(store, key)
    with caplog.at_level(logging.WARNING, logger="htctl"):
        assert not is_done(store, bot, stage)
    assert f"{key} is not a valid marker" in caplog.text

    from job.pipeline import run

    results = run(store, bot, RunOptions(until="prepare"))
    assert [r.stage for r in results if not r.skipped] == (
        ["scrape", "prepare"] if stage == "scrape" else ["prepare"]
    )
    assert is_done(store, bot, stage)
    assert isinstance(json.loads(store.read_bytes(key)), dict)


def test_a_truncated_metrics_marker_means_train_reruns_and_publish_refuses_it(
    local_store_uri, make_archive, caplog
):
    from job.publish import publish

    store, bot = _prepared(local_store_uri, make_archive)
    write_json(store, layout.metrics(BOT), metrics_fixture())
    assert is_done(store, bot, "train")
    _truncated(store, layout.metrics(BOT))
    with caplog.at_level(logging.WARNING, logger="htctl"):
        assert not is_done(store, bot, "train")
    assert "metrics.json is not a valid marker (not JSON" in caplog.text
    with pytest.raises(BadInput, match="metrics.json is missing or corrupt: run the train stage"):
        publish(store, bot, RunOptions())
    assert not store.exists(layout.manifest(BOT))


@pytest.mark.parametrize(
    "latest",
    [
        {"step": 5, "checkpoint": "../../../outside", "files": 1, "fingerprint": "f"},
        {"step": "5", "checkpoint": "checkpoint-5", "files": 1, "fingerprint": "f"},
        {"checkpoint": "checkpoint-5"},
    ],
    ids=["name-escapes", "step-not-int", "keys-missing"],
)
def test_a_checkpoint_marker_that_is_not_valid_is_not_resumed(local_store_uri, latest):
    from job.checkpoints import LATEST, StoreCheckpoints

    store = open_store(local_store_uri)
    checkpoints = StoreCheckpoints(store, BOT, "f")
    key = f"{layout.checkpoints(BOT)}/{LATEST}"
    write_json(store, key, latest)
    assert checkpoints.latest() is None
    good = {"step": 5, "checkpoint": "checkpoint-5", "files": 1, "fingerprint": "f"}
    write_json(store, key, good)
    assert checkpoints.latest() == good


# --- 6 and 10. endpoints that are not S3, or that hang ------------------------------------------


@pytest.fixture
def html_endpoint(s3_env, monkeypatch):
    with HtmlEverywhere() as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        yield server


def test_run_against_an_endpoint_that_answers_html_is_exit_3(
    htctl, html_endpoint, make_archive, outside
):

    archive = make_archive(synthetic_posts(120), username="alice")
    result = htctl(
        "run",
        BOT,
        "--until",
        "prepare",
        "--store",
        "s3://bucket/bots",
        "--source",
        f"archive:{archive}",
    )
    assert_one_error_line(result, 3, "does not speak S3", "AWS_ENDPOINT_URL")
    assert html_endpoint.requests  # it was asked, and its answer was not taken for S3's
    assert not any(r.startswith("PUT") for r in html_endpoint.requests)
    assert not outside.exists()


def test_generate_against_an_endpoint_that_answers_html_is_exit_3(htctl, html_endpoint, cache):
    generate_line(htctl, "s3://bucket/bots", 3, "does not speak S3")
    assert no_files_under(cache)


def test_every_s3_operation_checks_it_got_an_s3_answer(html_endpoint, tmp_path):
    store = S3Store("s3://bucket/bots")
    local = tmp_path / "f.bin"
    local.write_bytes(b"x" * 10)
    calls = {
        "check": store.check,
        "exists": lambda: store.exists("a/b"),
        "read": lambda: store.read_bytes("a/b"),
        "write": lambda: store.write_bytes("a/b", b"x"),
        "upload": lambda: store.upload_file("a/b", local),
        "download": lambda: store.download_file("a/b", tmp_path / "back.bin"),
        "list": lambda: store.list("a/"),
    }
    for name, call in calls.items():
        with pytest.raises(ConfigError, match="does not speak S3"):
            call()
            pytest.fail(f"{name} took a web page for an S3 answer")
    assert not (tmp_path / "back.bin").exists()


def test_a_hung_endpoint_fails_as_transient_within_the_configured_bound(s3_env, monkeypatch):
    with NeverAnswers() as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        monkeypatch.setenv("HT_S3_TIMEOUT", "0.3")
        start = time.monotonic()
        with pytest.raises(TransientError, match="S3 head bucket failed"):
            S3Store("s3://bucket/bots").check()
        elapsed = time.monotonic() - start
        assert server.connections >= 1
    # 3 attempts of 0.3 s plus botocore's backoff between them (under 1 s, then under 2 s).
    assert elapsed < 6, elapsed


def test_generate_against_a_hung_endpoint_is_exit_4_one_line(htctl, s3_env, cache):
    with NeverAnswers() as server:
        start = time.monotonic()
        result = htctl(
            "generate",
            BOT,
            "hi",
            "--store",
            "s3://bucket/bots",
            env={"AWS_ENDPOINT_URL": server.url, "HT_S3_TIMEOUT": "0.3"},
        )
        elapsed = time.monotonic() - start
    assert_one_error_line(result, 4, "timeout")
    assert elapsed < 15, elapsed
    assert no_files_under(cache)


def test_the_default_bound_on_a_hung_call_is_about_a_minute():
    from job.store import S3_MAX_ATTEMPTS, S3_TIMEOUT

    assert 40 <= S3_MAX_ATTEMPTS * S3_TIMEOUT <= 75


@pytest.mark.parametrize("value", ["nan", "0", "-1", "soon", "inf"])
def test_a_bad_s3_timeout_setting_is_exit_3(htctl, s3_env, local_store_uri, value):
    result = htctl(
        "generate", BOT, "hi", "--store", "s3://bucket/bots", env={"HT_S3_TIMEOUT": value}
    )
    assert_one_error_line(result, 3, "HT_S3_TIMEOUT")


@pytest.mark.parametrize(
    "bucket", ["Invalid_Bucket!", "ab", "UPPER", "a..b", "192.168.1.1", "-dash", "x" * 64]
)
def test_an_invalid_bucket_name_is_one_line_exit_2(htctl, s3_env, bucket):
    result = htctl("generate", BOT, "hi", "--store", f"s3://{bucket}/bots")
    assert_one_error_line(result, 2, "invalid S3 bucket name")


def test_s3_keys_a_folder_cannot_hold_are_not_listed_so_never_downloaded(s3_store_uri, tmp_path):
    import boto3

    from job.store import download_tree

    store = open_store(s3_store_uri)
    bucket = s3_store_uri[len("s3://") :].split("/")[0]
    store.write_bytes(f"{BOT}/model/config.json", b"{}")
    hostile = f"bots/{BOT}/model/../../outside/canary"  # work/model/../../outside
    boto3.client("s3").put_object(Bucket=bucket, Key=hostile, Body=EVIL)
    assert hostile in {
        o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=bucket)["Contents"]
    }

    assert store.list(f"{BOT}/model/") == [f"{BOT}/model/config.json"]
    work = tmp_path / "work" / "model"
    download_tree(store, f"{BOT}/model", work)
    assert [p.name for p in work.iterdir()] == ["config.json"]
    assert not (tmp_path / "outside").exists()
