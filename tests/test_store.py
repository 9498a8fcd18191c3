"""The store contract on a local folder and on S3 (moto's server): the same behaviour on both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from job.errors import BadInput, ConfigError, TransientError
from job.store import (
    MULTIPART_THRESHOLD,
    LocalStore,
    PrefixStore,
    S3Store,
    delete_prefix,
    download_tree,
    open_store,
    read_json,
    upload_tree,
    write_json,
)
from tests.support.cli import free_port


@pytest.fixture
def store(store_uri):
    s = open_store(store_uri)
    s.check()
    return s


def test_bytes_round_trip_with_nested_keys(store):
    store.write_bytes("bot/raw/alice.jsonl", b'{"text": "hi"}\n')
    write_json(store, "bot/dataset/stats.json", {"bot": "bot", "ü": 1})
    assert store.exists("bot/raw/alice.jsonl")
    assert store.read_bytes("bot/raw/alice.jsonl") == b'{"text": "hi"}\n'
    assert read_json(store, "bot/dataset/stats.json") == {"bot": "bot", "ü": 1}
    assert not store.exists("bot/raw/bob.jsonl")


def test_overwrite_replaces_the_whole_object(store):
    store.write_bytes("k/v", b"a much longer first version")
    store.write_bytes("k/v", b"short")
    assert store.read_bytes("k/v") == b"short"


def test_reading_a_missing_key_is_file_not_found(store, tmp_path):
    with pytest.raises(FileNotFoundError):
        store.read_bytes("bot/nothing-here.json")
    with pytest.raises(FileNotFoundError):
        store.download_file("bot/nothing-here.bin", tmp_path / "out.bin")
    assert list(tmp_path.iterdir()) == []  # no partial download left behind


def test_list_is_a_folder_listing_not_a_name_prefix(store):
    for key in ("bot/a.txt", "bot/sub/b.txt", "bot-other/c.txt", "botx"):
        store.write_bytes(key, b"x")
    assert store.list("bot") == ["bot/a.txt", "bot/sub/b.txt"]
    assert store.list("bot/") == ["bot/a.txt", "bot/sub/b.txt"]
    assert store.list("bot/a.txt") == ["bot/a.txt"]
    assert store.list("nothing") == []
    assert set(store.list("")) == {"bot/a.txt", "bot/sub/b.txt", "bot-other/c.txt", "botx"}


def test_delete_is_idempotent_and_delete_prefix_spares_neighbours(store):
    for key in ("bot/a", "bot/b/c", "bot-keep/d"):
        store.write_bytes(key, b"x")
    store.delete("bot/a")
    store.delete("bot/a")
    assert not store.exists("bot/a")
    delete_prefix(store, "bot")
    assert store.list("") == ["bot-keep/d"]


def test_upload_and_download_trees(store, tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "config.json").write_text("{}")
    (src / "sub" / "weights.bin").write_bytes(os.urandom(3000))
    keys = upload_tree(store, "bot/model", src)
    assert keys == ["bot/model/config.json", "bot/model/sub/weights.bin"]
    out = tmp_path / "out"
    download_tree(store, "bot/model/", out)  # a trailing slash means the same folder
    assert (out / "sub" / "weights.bin").read_bytes() == (src / "sub" / "weights.bin").read_bytes()
    assert (out / "config.json").read_text() == "{}"


def test_prefix_store_is_the_same_layout_under_a_prefix(store):
    staged = PrefixStore(store, ".staging/run1")
    staged.write_bytes("bot/manifest.json", b"{}")
    assert store.exists(".staging/run1/bot/manifest.json")
    assert staged.list("bot") == ["bot/manifest.json"]
    assert staged.read_bytes("bot/manifest.json") == b"{}"
    staged.delete("bot/manifest.json")
    assert not store.exists(".staging/run1/bot/manifest.json")


def test_size_and_read_head_never_read_past_the_limit(store):
    store.write_bytes("bot/raw/big.bin", b"x" * 5000)
    assert store.size("bot/raw/big.bin") == 5000
    assert store.read_head("bot/raw/big.bin", 10) == b"x" * 11  # one more: "too big"
    assert store.read_head("bot/raw/big.bin", 5000) == b"x" * 5000
    for missing in (lambda: store.size("bot/raw/gone"), lambda: store.read_head("bot/gone", 9)):
        with pytest.raises(FileNotFoundError):
            missing()


def test_a_prefix_view_keeps_the_uri_it_is_given_and_knows_its_whole_store(store):
    view = PrefixStore(store, "bot/.staging/r1", uri=store.uri)
    assert view.uri == store.uri  # what publish writes there names the canonical place
    assert PrefixStore(store, "bot/.staging/r1").uri == f"{store.uri}/bot/.staging/r1"
    assert view.unprefixed() is store and store.unprefixed() is store
    view.write_bytes("bot/x.bin", b"abc")
    assert view.size("bot/x.bin") == 3 and view.read_head("bot/x.bin", 1) == b"ab"


def test_only_a_folder_store_has_local_paths(store):
    view = PrefixStore(store, "p")
    if isinstance(store, LocalStore):
        assert store.local_path("") == store.root
        assert store.local_path("bot/model") == store.root / "bot/model"
        assert view.local_path("") == store.root / "p"
        assert view.local_path("bot/x") == store.root / "p/bot/x"
    else:
        assert store.local_path("bot/model") is None and view.local_path("bot/x") is None


@pytest.mark.parametrize("key", ["../outside", "bot/../../outside", "/etc/passwd"])
def test_a_local_path_never_leaves_the_folder(tmp_path, key):
    store = LocalStore(tmp_path / "store")
    with pytest.raises(BadInput):
        store.local_path(key)
    with pytest.raises(BadInput):
        PrefixStore(store, "p").local_path(key if key.startswith("..") else f"../../{key}")


def test_read_head_does_not_follow_a_link_or_a_key_out_of_the_folder(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("token")
    store = LocalStore(tmp_path / "store")
    store.write_bytes("bot/raw/ok.txt", b"fine")
    (tmp_path / "store/bot/raw/link.txt").symlink_to(secret)
    (tmp_path / "store/bot/linked").symlink_to(tmp_path)  # a folder link out of the store
    assert store.read_head("bot/raw/ok.txt", 100) == b"fine"
    for key in ("bot/raw/link.txt", "bot/linked/secret.txt", "../secret.txt", "/etc/hostname"):
        with pytest.raises(FileNotFoundError):
            store.read_head(key, 100)


# --- local specifics ---------------------------------------------------------------------------


def test_local_check_creates_nothing(tmp_path):
    root = tmp_path / "deep" / "store"
    LocalStore(root).check()
    assert not (tmp_path / "deep").exists()


def test_local_store_under_a_file_is_a_config_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="not a folder"):
        LocalStore(blocker / "store").check()


def test_local_write_failure_is_a_config_error_not_a_traceback(tmp_path):
    store = LocalStore(tmp_path)
    (tmp_path / "bot" / "stats.json").mkdir(parents=True)  # a folder where a file must go
    with pytest.raises(ConfigError, match="cannot write bot/stats.json"):
        store.write_bytes("bot/stats.json", b"{}")
    assert [p.name for p in (tmp_path / "bot").iterdir()] == ["stats.json"]  # no temp left


@pytest.mark.parametrize("key", ["../escape", "/abs", "a/../../b", ""])
def test_local_keys_cannot_escape_the_store(tmp_path, key):
    with pytest.raises(BadInput):
        LocalStore(tmp_path / "s").write_bytes(key, b"x")


def test_local_write_killed_midway_leaves_the_old_object_or_the_new_one(tmp_path):
    """SIGKILL during a large write: readers see the old object whole, never a torn one."""
    root = tmp_path / "store"
    store = LocalStore(root)
    store.write_bytes("bot/train.txt", b"old")
    writer = textwrap.dedent(
        f"""
        import sys
        from job.store import LocalStore
        store = LocalStore({str(root)!r})
        print("writing", flush=True)
        while True:
            store.write_bytes("bot/train.txt", b"n" * 64 * 1024 * 1024)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.5)  # well inside a 64 MiB write-fsync-rename loop
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    data = store.read_bytes("bot/train.txt")
    assert data == b"old" or data == b"n" * 64 * 1024 * 1024
    assert store.list("bot") == ["bot/train.txt"]  # a leftover temp file is never listed


# --- S3 specifics ------------------------------------------------------------------------------


def test_s3_large_files_go_through_multipart_managed_transfer(s3_store_uri, tmp_path):
    import boto3

    store = open_store(s3_store_uri)
    big = tmp_path / "model.safetensors"
    big.write_bytes(os.urandom(MULTIPART_THRESHOLD + 1024))
    store.upload_file("bot/model/model.safetensors", big)
    head = boto3.client("s3").head_object(
        Bucket=store.bucket, Key=f"{store.prefix}/bot/model/model.safetensors"
    )
    assert "-" in head["ETag"]  # a multipart upload's ETag is "<md5>-<parts>"
    out = tmp_path / "back"
    store.download_file("bot/model/model.safetensors", out)
    assert out.read_bytes() == big.read_bytes()


def test_s3_missing_bucket_is_a_config_error(s3_env):
    with pytest.raises(ConfigError, match="does not exist"):
        S3Store("s3://ht-no-such-bucket-here/bots").check()


def test_s3_access_denied_is_a_config_error(moto_auth, monkeypatch, tmp_path):
    url, bucket, key_id, secret = moto_auth
    monkeypatch.setenv("AWS_ENDPOINT_URL", url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    store = S3Store(f"s3://{bucket}/bots")
    with pytest.raises(ConfigError, match="access denied"):
        store.check()
    with pytest.raises(ConfigError, match="access denied"):
        store.write_bytes("bot/x", b"x")
    with pytest.raises(ConfigError, match="access denied"):
        store.exists("bot/x")
    local = tmp_path / "weights.bin"
    local.write_bytes(b"w" * 100)
    with pytest.raises(ConfigError, match="access denied"):
        store.upload_file("bot/model/weights.bin", local)
    with pytest.raises(ConfigError, match="access denied"):
        store.download_file("bot/model/weights.bin", tmp_path / "back.bin")
    assert not (tmp_path / "back.bin").exists()


def test_s3_unreachable_endpoint_is_transient(s3_env, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens
    with pytest.raises(TransientError, match="cannot reach S3"):
        S3Store("s3://some-bucket/p").check()


def test_s3_without_credentials_is_a_config_error(s3_env, monkeypatch, tmp_path):
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(var)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(ConfigError, match="credentials"):
        S3Store("s3://some-bucket/p").check()


@pytest.mark.parametrize("uri", ["s3://", "s3:///prefix", "gs://bucket/p", "http://x/y"])
def test_unsupported_store_uris_are_bad_input(uri):
    with pytest.raises(BadInput):
        open_store(uri)


def test_default_store_comes_from_ht_store(monkeypatch, tmp_path):
    monkeypatch.setenv("HT_STORE", str(tmp_path / "from-env"))
    assert open_store().uri == str(tmp_path / "from-env")
    monkeypatch.delenv("HT_STORE")
    assert open_store().uri == "ht-data"


def test_deleting_the_last_file_of_a_local_folder_removes_the_folder(tmp_path):
    store = open_store(str(tmp_path / "store"))
    store.write_bytes("bot/checkpoints/checkpoint-5/a.pt", b"a")
    store.write_bytes("bot/raw/alice.jsonl", b"{}\n")
    delete_prefix(store, "bot/checkpoints")
    assert not (tmp_path / "store" / "bot" / "checkpoints").exists()
    assert (tmp_path / "store" / "bot" / "raw" / "alice.jsonl").is_file()
