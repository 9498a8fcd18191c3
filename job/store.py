"""The store: a local folder or ``s3://bucket/prefix``, addressed by ``/``-separated keys.

Writes are atomic per object (a temp file renamed into place locally; S3 PUTs are atomic), so a
reader never sees half an object. Stages write their *marker* object last (raw/*.meta.json,
dataset/stats.json, metrics.json, manifest.json); a rerun trusts a stage only when its marker
exists, which is what makes a crash mid-stage harmless.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from job.errors import BadInput, ConfigError, TransientError

DEFAULT_STORE = "./ht-data"


class Store(Protocol):
    uri: str

    def exists(self, key: str) -> bool: ...
    def read_bytes(self, key: str) -> bytes: ...
    def write_bytes(self, key: str, data: bytes) -> None: ...
    def upload_file(self, key: str, path: Path) -> None: ...
    def download_file(self, key: str, path: Path) -> None: ...
    def list(self, prefix: str) -> list[str]: ...
    def delete(self, key: str) -> None: ...
    def check(self) -> None: ...


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
    keys = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        key = f"{prefix}/{path.relative_to(folder).as_posix()}"
        store.upload_file(key, path)
        keys.append(key)
    return keys


def download_tree(store: Store, prefix: str, folder: Path) -> list[Path]:
    paths = []
    for key in store.list(prefix + "/"):
        target = folder / key[len(prefix) + 1 :]
        store.download_file(key, target)
        paths.append(target)
    return paths


class LocalStore:
    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser()
        self.uri = str(self.root)

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/"):
            raise BadInput(f"invalid store key {key!r}")
        return self.root / key

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ConfigError(f"store {self.uri} is not writable: {err.strerror}") from None
        if not os.access(self.root, os.W_OK):
            raise ConfigError(f"store {self.uri} is not writable")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def read_bytes(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def write_bytes(self, key: str, data: bytes) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def upload_file(self, key: str, path: Path) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)

    def download_file(self, key: str, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self._path(key), path)

    def list(self, prefix: str) -> list[str]:
        base = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root
        if base.is_file():
            return [prefix]
        if not base.is_dir():
            return []
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in base.rglob("*")
            if p.is_file() and not p.name.endswith(".tmp")
        )

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Store:
    """S3 through boto3: the standard credential chain, ``AWS_ENDPOINT_URL`` for any S3 server."""

    def __init__(self, uri: str):
        rest = uri[len("s3://") :]
        bucket, _, prefix = rest.partition("/")
        if not bucket:
            raise BadInput(f"invalid S3 store {uri!r}: expected s3://bucket[/prefix]")
        self.uri = uri.rstrip("/")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._client = None
        self._transfer_config = None

    @property
    def client(self):
        if self._client is None:
            import boto3
            from boto3.s3.transfer import TransferConfig
            from botocore.config import Config

            self._client = boto3.client(
                "s3", config=Config(retries={"max_attempts": 8, "mode": "adaptive"})
            )
            # Managed transfer: multipart and parallel above 16 MiB (model weights).
            self._transfer_config = TransferConfig(
                multipart_threshold=16 * 1024 * 1024, max_concurrency=8
            )
        return self._client

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _call(self, what: str, fn, *args, **kwargs):
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            EndpointConnectionError,
            NoCredentialsError,
        )

        try:
            return fn(*args, **kwargs)
        except NoCredentialsError:
            raise ConfigError(f"no S3 credentials for {self.uri}") from None
        except EndpointConnectionError as err:
            raise TransientError(f"cannot reach S3 for {self.uri}: {err}") from None
        except ClientError as err:
            code = str(err.response.get("Error", {}).get("Code", ""))
            status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if code == "NoSuchBucket":
                raise ConfigError(f"S3 bucket {self.bucket!r} does not exist") from None
            if code in ("AccessDenied", "403", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
                raise ConfigError(f"S3 access denied to {self.uri} ({what})") from None
            if status >= 500 or code in ("SlowDown", "RequestTimeout"):
                raise TransientError(f"S3 {what} failed on {self.uri}: {code}") from None
            raise
        except BotoCoreError as err:
            raise TransientError(f"S3 {what} failed on {self.uri}: {err}") from None

    def check(self) -> None:
        from botocore.exceptions import ClientError

        try:
            self._call("head bucket", self.client.head_bucket, Bucket=self.bucket)
        except ClientError as err:
            code = str(err.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NotFound"):
                raise ConfigError(f"S3 bucket {self.bucket!r} does not exist") from None
            raise

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self._call("head", self.client.head_object, Bucket=self.bucket, Key=self._key(key))
            return True
        except ClientError as err:
            if str(err.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey", "NotFound"):
                return False
            raise

    def read_bytes(self, key: str) -> bytes:
        resp = self._call("get", self.client.get_object, Bucket=self.bucket, Key=self._key(key))
        return resp["Body"].read()

    def write_bytes(self, key: str, data: bytes) -> None:
        self._call("put", self.client.put_object, Bucket=self.bucket, Key=self._key(key), Body=data)

    def upload_file(self, key: str, path: Path) -> None:
        client = self.client
        self._call(
            "upload",
            client.upload_file,
            str(path),
            self.bucket,
            self._key(key),
            Config=self._transfer_config,
        )

    def download_file(self, key: str, path: Path) -> None:
        client = self.client
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.part")
        self._call(
            "download",
            client.download_file,
            self.bucket,
            self._key(key),
            str(tmp),
            Config=self._transfer_config,
        )
        os.replace(tmp, path)

    def _iter_keys(self, prefix: str) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        full = self._key(prefix)
        strip = len(self.prefix) + 1 if self.prefix else 0
        for page in self._call(
            "list", lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=full))
        ):
            for obj in page.get("Contents", []):
                yield obj["Key"][strip:]

    def list(self, prefix: str) -> list[str]:
        return sorted(self._iter_keys(prefix))

    def delete(self, key: str) -> None:
        self._call("delete", self.client.delete_object, Bucket=self.bucket, Key=self._key(key))


def open_store(uri: str | None = None) -> Store:
    """``s3://bucket/prefix`` or a local folder; default ``$HT_STORE`` or ``./ht-data``."""
    uri = uri or os.environ.get("HT_STORE") or DEFAULT_STORE
    if uri.startswith("s3://"):
        return S3Store(uri)
    if "://" in uri:
        raise BadInput(f"unsupported store {uri!r}: use a local folder or s3://bucket/prefix")
    return LocalStore(uri)


class PrefixStore:
    """A view of another store under a key prefix: a staging area with the same layout."""

    def __init__(self, base: Store, prefix: str):
        self.base = base
        self.prefix = prefix.strip("/")
        self.uri = f"{base.uri.rstrip('/')}/{self.prefix}"

    def _k(self, key: str) -> str:
        return f"{self.prefix}/{key}"

    def check(self) -> None:
        self.base.check()

    def exists(self, key: str) -> bool:
        return self.base.exists(self._k(key))

    def read_bytes(self, key: str) -> bytes:
        return self.base.read_bytes(self._k(key))

    def write_bytes(self, key: str, data: bytes) -> None:
        self.base.write_bytes(self._k(key), data)

    def upload_file(self, key: str, path: Path) -> None:
        self.base.upload_file(self._k(key), path)

    def download_file(self, key: str, path: Path) -> None:
        self.base.download_file(self._k(key), path)

    def list(self, prefix: str) -> list[str]:
        strip = len(self.prefix) + 1
        return [k[strip:] for k in self.base.list(self._k(prefix))]

    def delete(self, key: str) -> None:
        self.base.delete(self._k(key))
