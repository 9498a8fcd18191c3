"""The store: a local folder or ``s3://bucket/prefix``, addressed by ``/``-separated keys.

Writes are atomic per object (a temp file renamed into place locally; S3 PUTs are atomic), so a
reader never sees half an object. Stages write their *marker* object last (raw/*.meta.json,
dataset/stats.json, metrics.json, manifest.json); a rerun trusts a stage only when its marker
exists, which is what makes a crash mid-stage harmless.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from job import config
from job.errors import BadInput
from job.stores.local import LocalStore
from job.stores.prefix import PrefixStore
from job.stores.protocol import Store, too_large
from job.stores.s3 import MULTIPART_THRESHOLD, S3_MAX_ATTEMPTS, S3_TIMEOUT, S3Store, s3_timeout

__all__ = [
    "DEFAULT_STORE",
    "MULTIPART_THRESHOLD",
    "S3_MAX_ATTEMPTS",
    "S3_TIMEOUT",
    "LocalStore",
    "PrefixStore",
    "S3Store",
    "Store",
    "delete_prefix",
    "download_tree",
    "open_store",
    "read_json",
    "read_text",
    "s3_timeout",
    "too_large",
    "upload_tree",
    "write_json",
    "write_text",
]

DEFAULT_STORE = "./ht-data"


def read_json(store: Store, key: str) -> Any:
    return json.loads(store.read_bytes(key))


def write_json(store: Store, key: str, value: Any) -> None:
    store.write_bytes(key, (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode())


def write_text(store: Store, key: str, text: str) -> None:
    store.write_bytes(key, text.encode("utf-8"))


def read_text(store: Store, key: str) -> str:
    return store.read_bytes(key).decode("utf-8")


def delete_prefix(store: Store, prefix: str) -> None:
    for key in store.list(prefix):
        store.delete(key)


def upload_tree(store: Store, prefix: str, folder: Path) -> list[str]:
    """Upload every file under ``folder`` to ``prefix/<relative path>``; returns the keys."""
    prefix = prefix.rstrip("/")
    keys = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        key = f"{prefix}/{path.relative_to(folder).as_posix()}"
        store.upload_file(key, path)
        keys.append(key)
    return keys


def download_tree(store: Store, prefix: str, folder: Path) -> list[Path]:
    prefix = prefix.rstrip("/")
    paths = []
    for key in store.list(prefix + "/"):
        target = folder / key[len(prefix) + 1 :]
        store.download_file(key, target)
        paths.append(target)
    return paths


def open_store(uri: str | None = None) -> Store:
    """``s3://bucket/prefix`` or a local folder; default ``$HT_STORE`` or ``./ht-data``."""
    uri = uri or config.text("HT_STORE") or DEFAULT_STORE
    if uri.startswith("s3://"):
        return S3Store(uri)
    if "://" in uri:
        raise BadInput(f"unsupported store {uri!r}: use a local folder or s3://bucket/prefix")
    return LocalStore(uri)
