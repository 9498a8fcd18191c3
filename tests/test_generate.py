"""``htctl generate``: samples from a published bot, found through its manifest."""

from __future__ import annotations

import json

import pytest

from job import layout
from job.errors import BadInput
from job.generate import cache_root, generate, one_line
from job.store import Store, delete_prefix, write_json
from tests.support.publishing import BOT, PROMPT, make_trained_bot, publish_bot


@pytest.fixture
def published_local(local_store_uri, tmp_path) -> Store:
    store = make_trained_bot(local_store_uri, tmp_path)
    publish_bot(store)
    return store


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("HT_CACHE", str(folder))
    return folder


def test_prints_n_samples_one_per_line(htctl, shared_published):
    result = htctl("generate", BOT, PROMPT, "-n", "3", "--store", shared_published.uri)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(PROMPT) and len(line) > len(PROMPT) for line in lines)


def test_json_is_a_list_of_n_samples(htctl, shared_published):
    uri = shared_published.uri
    result = htctl("generate", f"@{BOT}", PROMPT, "-n", "2", "--json", "--store", uri)
    assert result.returncode == 0, result.stderr
    samples = json.loads(result.stdout)
    assert isinstance(samples, list) and len(samples) == 2
    assert all(isinstance(s, str) and s.startswith(PROMPT) for s in samples)


def test_unknown_bot_is_exit_2(htctl, shared_published):
    result = htctl("generate", "nobody_here", PROMPT, "--store", shared_published.uri)
    assert result.returncode == 2
    assert "unknown bot nobody_here" in result.stderr
    assert result.stderr.strip().count("\n") == 0 and result.stdout == ""


def test_incomplete_bot_is_exit_2(htctl, local_store_uri, tmp_path):
    make_trained_bot(local_store_uri, tmp_path)  # trained, never published: no manifest
    result = htctl("generate", BOT, PROMPT, "--store", local_store_uri)
    assert result.returncode == 2
    assert f"bot {BOT} is incomplete" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_invalid_arguments_are_exit_2(htctl, local_store_uri):
    assert htctl("generate", BOT, PROMPT, "-n", "0", "--store", local_store_uri).returncode == 2
    bad = htctl("generate", "not a handle!", PROMPT, "--store", local_store_uri)
    assert bad.returncode == 2 and "invalid handle" in bad.stderr


def test_samples_are_seeded_and_read_in_place_from_a_local_store(shared_published, cache):
    first = generate(shared_published, BOT, PROMPT, n=2, seed=5)
    assert generate(shared_published, BOT, PROMPT, n=2, seed=5) == first
    assert generate(shared_published, BOT, PROMPT, n=2, seed=6) != first
    assert not cache.exists()  # nothing copied: the files are where the manifest says


def test_s3_download_is_cached_and_a_republish_invalidates_it(s3_store_uri, tmp_path, cache):
    store = make_trained_bot(s3_store_uri, tmp_path, model_seed=0)
    publish_bot(store)
    first = generate(store, BOT, PROMPT, n=2, seed=1)
    models = cache_root() / "models"
    assert len(list(models.iterdir())) == 1
    # The second call needs no model bytes from S3: delete them and it still works.
    model_objects = store.list(f"{layout.model_dir(BOT)}/")
    for key in model_objects:
        store.delete(key)
    assert generate(store, BOT, PROMPT, n=2, seed=1) == first
    # A republish with other weights gets its own cache folder.
    make_trained_bot(s3_store_uri, tmp_path, model_seed=1)
    store.delete(layout.manifest(BOT))
    publish_bot(store)
    second = generate(store, BOT, PROMPT, n=2, seed=1)
    assert len(list(models.iterdir())) == 2
    assert second != first


def test_model_is_read_through_manifest_keys(published_local, cache):
    """A refresh may point keys into a staging folder: generate follows the keys."""
    store = published_local
    before = generate(store, BOT, PROMPT, seed=3)
    manifest = json.loads(store.read_bytes(layout.manifest(BOT)))
    for entry in manifest["files"]:
        if entry["path"].startswith("model/"):
            entry["key"] = f"staging/r2/{entry['path']}"
            store.write_bytes(f"{BOT}/{entry['key']}", store.read_bytes(f"{BOT}/{entry['path']}"))
    write_json(store, layout.manifest(BOT), manifest)
    delete_prefix(store, f"{BOT}/model/")
    assert generate(store, BOT, PROMPT, seed=3) == before


def test_generate_of_unknown_bot_raises_bad_input(shared_published):
    with pytest.raises(BadInput, match="unknown bot"):
        generate(shared_published, "someone_else", PROMPT)


def test_one_line_replaces_newlines():
    assert one_line("a\nb\r\nc") == "a b c"


class SwitchesOnFirstDownload:
    """A store whose first download lands right after a refresh finished: the staging folder
    the reader's manifest pointed into is gone and the canonical manifest is back."""

    def __init__(self, store: Store, finish_refresh):
        self._store, self._finish, self.downloads = store, finish_refresh, 0

    def __getattr__(self, name):
        return getattr(self._store, name)

    def local_path(self, key):
        return None  # no folder to read in place: every read is a download, as from S3

    def download_file(self, key, path):
        self.downloads += 1
        if self.downloads == 1:
            self._finish()
        return self._store.download_file(key, path)


def test_a_refresh_switching_the_bot_mid_read_is_read_again(published_local, cache):
    from dataclasses import replace

    from job.manifest import read_manifest, write_manifest

    store = published_local
    canonical = read_manifest(store, BOT)
    staged = replace(
        canonical,
        files=[replace(f, key=f".staging/r2/{f.path}") for f in canonical.files],
    )
    for entry in canonical.model_files():
        store.write_bytes(
            f"{BOT}/.staging/r2/{entry.path}", store.read_bytes(f"{BOT}/{entry.path}")
        )
    write_manifest(store, staged)

    def finish_refresh():
        write_manifest(store, canonical)
        delete_prefix(store, f"{BOT}/.staging")

    reader = SwitchesOnFirstDownload(store, finish_refresh)
    samples = generate(reader, BOT, PROMPT, n=2, seed=1)
    assert len(samples) == 2 and all(s.startswith(PROMPT) for s in samples)
    # The first read lost its staging files after one download; the second read got them all.
    assert reader.downloads == 1 + len(canonical.model_files())


def test_model_bytes_that_never_match_their_manifest_are_a_corrupt_store(
    htctl, published_local, cache
):
    """A model file changed under a manifest that stays the same is no refresh: exit 2 (Jobs
    do not retry what cannot get better), one line, and nothing lands in the cache."""
    manifest = json.loads(published_local.read_bytes(layout.manifest(BOT)))
    weights = next(f for f in manifest["files"] if f["path"].endswith(".safetensors"))
    published_local.write_bytes(f"{BOT}/{weights['key']}", b"not the weights")

    result = htctl("generate", BOT, PROMPT, "--store", published_local.uri)

    assert result.returncode == 2, result.stderr
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("htctl: error: corrupt store: "), error
    assert "did not change" in error
    assert not any(p.is_file() for p in cache.rglob("*") if ".complete" in p.name)
