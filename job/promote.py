"""The atomic promote of a refresh: stage, switch, finish, and clean up leftovers.

A refresh builds the new bot in a staging view of the store, ``<bot>/.staging/<rev>/`` with
the normal layout inside (job/layout.py), then promotes it:

(a) write the canonical manifest with the keys of the new files pointing into the staging
    folder: from here readers see the new complete bot (the *switch*);
(b) copy those files to their canonical keys;
(c) write the manifest again with canonical keys;
(d) delete files only the old bot had, and the staging folder.

A crash before (a) leaves the old bot; after (a) the new one, and the next refresh (or
``finish_promote``) completes steps (b) to (d) from the manifest alone.

Readers read the manifest, then each file through its ``key``, and check its sha256: a reader
that read the old manifest just before the switch may meet a file already replaced; the hash
tells it to read the manifest again (see ``read_consistent``).
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from job import layout
from job.errors import BadInput, CorruptManifest, StaleManifest
from job.manifest import Manifest, ManifestFile, entry_for_bytes, read_manifest, write_manifest
from job.store import PrefixStore, Store, delete_prefix

log = logging.getLogger("htctl")


def new_revision() -> str:
    """A staging area's name: sorts by time, unique between concurrent attempts."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def staging_view(store: Store, bot: str, rev: str) -> Store:
    """The staging area, with the canonical URI so that what publish writes there (the card's
    model location) names where the files will live once promoted."""
    return PrefixStore(store, layout.staging(bot, rev), uri=store.uri)


def drop_staging(store: Store, bot: str, rev: str) -> None:
    delete_prefix(store, layout.staging(bot, rev) + "/")
    folder = store.local_path(layout.staging(bot, rev))
    if folder is not None:  # a folder store keeps the emptied folders otherwise
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.parent.rmdir()


def is_staged(entry: ManifestFile) -> bool:
    return layout.is_staged_key(entry.key)


def leftover_staging(store: Store, bot: str, live: Manifest | None) -> list[str]:
    """Staging folders no manifest points into (a refresh that crashed before its switch)."""
    staged = (f for f in (live.files if live else []) if is_staged(f))
    referenced = {layout.staged_revision(f.key) for f in staged}
    root = layout.staging_root(bot) + "/"
    inside = (key[len(root) :] for key in store.list(root))
    return sorted({rest.split("/", 1)[0] for rest in inside if "/" in rest} - referenced)


def _copy(store: Store, source: str, target: str, scratch: Path) -> None:
    """Store-to-store copy through local disk (managed transfer on S3, any size)."""
    local = scratch / secrets.token_hex(8)
    try:
        store.download_file(source, local)
        store.upload_file(target, local)
    finally:
        local.unlink(missing_ok=True)


def _marker_last(entry: ManifestFile) -> tuple[bool, str]:
    markers = entry.path.endswith(".meta.json") or entry.path in (
        "dataset/stats.json",
        "metrics.json",
    )
    return markers, entry.path


def finish_promote(store: Store, bot: str, old: Manifest | None = None) -> Manifest | None:
    """Steps (b)-(d): copy staged files to canonical keys, write the canonical manifest, delete
    what only the old bot had and the staging folder. Safe to repeat after a crash."""
    switched = read_manifest(store, bot)
    if switched is None or not any(is_staged(f) for f in switched.files):
        return switched
    staged = sorted((f for f in switched.files if is_staged(f)), key=_marker_last)
    with tempfile.TemporaryDirectory(prefix="htctl-promote-") as tmp:
        for entry in staged:
            _copy(store, switched.store_key(entry), layout.bot_file(bot, entry.path), Path(tmp))
    final = Manifest(
        bot=switched.bot,
        created_at=switched.created_at,
        revision=switched.revision,
        files=[ManifestFile(f.path, f.path, f.size, f.sha256) for f in switched.files],
    )
    write_manifest(store, final)
    keep = {f.path for f in final.files}
    for entry in old.files if old else []:
        if entry.path not in keep and not is_staged(entry):
            store.delete(old.store_key(entry))
    for rev in {layout.staged_revision(f.key) for f in staged}:
        drop_staging(store, bot, rev)
    log.info("%s: promoted revision %s", bot, final.revision)
    return final


def promote(store: Store, bot: str, rev: str, target: Manifest, staged: set[str]) -> Manifest:
    """Make ``target`` (keys == paths) the published bot; the files in ``staged`` are still in
    the staging folder ``rev``. The first manifest write is the switch."""
    old = read_manifest(store, bot)
    switch = Manifest(
        bot=target.bot,
        created_at=target.created_at,
        revision=target.revision,
        files=[
            ManifestFile(
                f.path,
                layout.staged_entry_key(bot, rev, f.path) if f.path in staged else f.key,
                f.size,
                f.sha256,
            )
            for f in target.files
        ],
    )
    write_manifest(store, switch)
    return finish_promote(store, bot, old) or switch


def read_consistent(store: Store, bot: str, attempts: int = 10) -> tuple[Manifest, dict]:
    """What a reader does: the manifest and every file's bytes, verified; the manifest is read
    again when a file does not match it (a switch happened in between)."""
    last_error = ""
    mismatched: Manifest | None = None
    for _ in range(attempts):
        manifest = read_manifest(store, bot)
        if manifest is None:
            raise BadInput(f"bot {bot} is not published in {store.uri}")
        if manifest == mismatched:  # the same manifest twice: nothing changed, bytes are bad
            raise CorruptManifest(
                f"corrupt store: {last_error}, and the manifest of {bot} did not change"
            )
        files, ok = {}, True
        for entry in manifest.files:
            try:
                data = store.read_bytes(manifest.store_key(entry))
            except Exception as err:  # noqa: BLE001 - any store's "gone": read the manifest again
                ok, last_error = False, f"{entry.key}: {err}"
                break
            if entry_for_bytes(entry.path, data).sha256 != entry.sha256:
                ok, last_error = False, f"{entry.key} changed"
                break
            files[entry.path] = data
        if ok:
            return manifest, files
        mismatched = manifest
    raise StaleManifest(f"bot {bot} kept changing while being read ({last_error})")
