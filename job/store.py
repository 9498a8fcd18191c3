"""The store: a local folder or ``s3://bucket/prefix``, addressed by ``/``-separated keys.

Writes are atomic per object (a temp file renamed into place locally; S3 PUTs are atomic), so a
reader never sees half an object. Stages write their *marker* object last (raw/*.meta.json,
dataset/stats.json, metrics.json, manifest.json); a rerun trusts a stage only when its marker
exists, which is what makes a crash mid-stage harmless.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
    def folders(self) -> list[str]: ...
    def delete(self, key: str) -> None: ...
    def check(self) -> None: ...

    # Conditional writes (the per-bot lease, job.lease). A *tag* names one version of an
    # object (S3: its ETag); each call is atomic, so of two racing writers exactly one wins.
    def create_if_absent(self, key: str, data: bytes) -> str | None: ...
    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]: ...
    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None: ...
    def delete_if_match(self, key: str, tag: str) -> bool: ...


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


def _is_temp(name: str) -> bool:
    """Temp files of an atomic write in progress (or left by a killed process)."""
    return name.startswith(".") and (name.endswith(".tmp") or name.endswith(".part"))


@contextmanager
def _local_errors(uri: str, what: str) -> Iterator[None]:
    """A failing disk is the store's fault, not a bug: one line and the right exit code."""
    try:
        yield
    except FileNotFoundError:
        raise
    except OSError as err:
        reason = err.strerror or str(err)
        if err.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            raise TransientError(f"store {uri}: cannot {what}: {reason}") from None
        raise ConfigError(f"store {uri}: cannot {what}: {reason}") from None


def _content_tag(data: bytes) -> str:
    """A local object's tag: its content's digest (a lease holds a random token, so it is
    unique per write)."""
    return hashlib.sha256(data).hexdigest()


def _read_and_tag(f, limit: int) -> tuple[bytes, str]:
    """The first ``limit`` + 1 bytes of an open file and the digest of all of it (streamed)."""
    digest = hashlib.sha256()
    head = b""
    while chunk := f.read(1024 * 1024):
        digest.update(chunk)
        if len(head) <= limit:
            head += chunk[: limit + 1 - len(head)]
    return head, digest.hexdigest()


class LocalStore:
    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser()
        self.uri = str(self.root)
        self._made_for: dict[str, list[Path]] = {}  # create_if_absent's new folders

    def _path(self, key: str) -> Path:
        if not key or key.startswith("/") or ".." in key.split("/"):
            raise BadInput(f"invalid store key {key!r}")
        return self.root / key

    def check(self) -> None:
        """The folder (or the nearest folder above it, created on first write) is writable.

        Nothing is created here, so a run refused for bad input leaves no trace on disk.
        """
        existing = self.root
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            raise ConfigError(f"store {self.uri} is not a folder ({existing} is a file)")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise ConfigError(f"store {self.uri} is not writable")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def read_bytes(self, key: str) -> bytes:
        with _local_errors(self.uri, f"read {key}"):
            return self._path(key).read_bytes()

    def _atomic_write(self, key: str, fill) -> None:
        """Write through a temp file in the same folder, fsync, then rename into place."""
        target = self._path(key)
        with _local_errors(self.uri, f"write {key}"):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    fill(f)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def write_bytes(self, key: str, data: bytes) -> None:
        self._atomic_write(key, lambda f: f.write(data))

    def upload_file(self, key: str, path: Path) -> None:
        def copy(f) -> None:
            with open(path, "rb") as src:
                shutil.copyfileobj(src, f, 1024 * 1024)

        self._atomic_write(key, copy)

    def download_file(self, key: str, path: Path) -> None:
        with _local_errors(self.uri, f"read {key}"):
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._path(key), path)

    def list(self, prefix: str) -> list[str]:
        """Keys equal to ``prefix`` or under ``prefix/`` (a folder, never a name prefix)."""
        base = self._path(prefix.strip("/")) if prefix.strip("/") else self.root
        if base.is_file():
            return [prefix.strip("/")]
        if not base.is_dir():
            return []
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in base.rglob("*")
            if p.is_file() and not _is_temp(p.name)
        )

    def folders(self) -> list[str]:
        """The names of the top-level folders (the bots), without listing what is inside."""
        if not self.root.is_dir():
            return []
        with _local_errors(self.uri, "list folders"):
            return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    def delete(self, key: str) -> None:
        path = self._path(key)
        with _local_errors(self.uri, f"delete {key}"):
            path.unlink(missing_ok=True)
        # Folders only exist for their files here (as on S3): drop the ones left empty.
        for folder in path.parents:
            if folder == self.root or self.root not in folder.parents:
                break
            try:
                folder.rmdir()
            except OSError:  # not empty (or already gone): the folders above are in use too
                break

    # --- conditional writes (job.lease) --------------------------------------------------------
    # Creation links a complete temp file into place: link(2) fails when the name exists, like
    # O_CREAT|O_EXCL, and a reader never meets a half-written object. Replace and delete hold
    # an flock on the current file (checked to still be the file at the key after locking), so
    # two of them never interleave; a creation cannot interleave either, the key exists then.

    def create_if_absent(self, key: str, data: bytes) -> str | None:
        """Write ``key`` only if it does not exist; its tag, or None when it exists."""
        target = self._path(key)
        with _local_errors(self.uri, f"create {key}"):
            created = [p for p in [target.parent, *target.parent.parents] if not p.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.link(tmp, target)
            except FileExistsError:
                return None
            finally:
                Path(tmp).unlink(missing_ok=True)
        # Folders made for this object go again with it (delete_if_match): a run refused for
        # bad input leaves no trace on disk, as before it took the lease.
        self._made_for[key] = created
        return _content_tag(data)

    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]:
        """The first ``limit`` + 1 bytes of ``key`` (more means too big) and its tag."""
        with _local_errors(self.uri, f"read {key}"), open(self._path(key), "rb") as f:
            return _read_and_tag(f, limit)

    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None:
        """Overwrite ``key`` only if its tag is still ``tag``; the new tag, or None."""
        with self._locked(key, tag) as matched:
            if not matched:
                return None
            self.write_bytes(key, data)
            return _content_tag(data)

    def delete_if_match(self, key: str, tag: str) -> bool:
        """Delete ``key`` only if its tag is still ``tag``."""
        with self._locked(key, tag) as matched:
            if not matched:
                return False
            with _local_errors(self.uri, f"delete {key}"):
                self._path(key).unlink()
        for folder in self._made_for.pop(key, []):
            try:
                folder.rmdir()
            except OSError:  # in use by other objects now (or gone): keep it and those above
                break
        return True

    @contextmanager
    def _locked(self, key: str, tag: str) -> Iterator[bool]:
        """Hold an flock on the file at ``key``; yields whether its content's tag is ``tag``."""
        path = self._path(key)
        with _local_errors(self.uri, f"lock {key}"):
            while True:
                try:
                    fd = os.open(path, os.O_RDWR)
                except FileNotFoundError:
                    yield False
                    return
                with os.fdopen(fd, "r+b") as f:
                    fcntl.flock(f.fileno(), fcntl.LOCK_EX)  # released when f is closed
                    try:
                        current = os.path.samestat(os.fstat(f.fileno()), os.stat(path))
                    except FileNotFoundError:
                        current = False
                    if current:
                        yield _read_and_tag(f, 0)[1] == tag
                        return
                # Replaced or deleted while we waited for the lock: look at the key again.


# Bounded: an unreachable endpoint fails (exit 4) within about a minute, not after many.
S3_CONNECT_TIMEOUT = 5
S3_READ_TIMEOUT = 60
S3_MAX_ATTEMPTS = 5
MULTIPART_THRESHOLD = 16 * 1024 * 1024
_MISSING = ("404", "NoSuchKey", "NotFound")
_DENIED = (
    "AccessDenied",
    "403",
    "Forbidden",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "AllAccessDisabled",
)
_REFUSED_CONDITION = ("PreconditionFailed", "ConditionalRequestConflict")


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

            config = Config(
                connect_timeout=S3_CONNECT_TIMEOUT,
                read_timeout=S3_READ_TIMEOUT,
                retries={"max_attempts": S3_MAX_ATTEMPTS, "mode": "standard"},
            )
            # A session of its own: credentials and endpoint are read from the environment
            # now, not from whatever boto3's process-wide default session cached earlier.
            self._client = boto3.session.Session().client("s3", config=config)
            # Managed transfer: multipart and parallel above 16 MiB (model weights).
            self._transfer_config = TransferConfig(
                multipart_threshold=MULTIPART_THRESHOLD, max_concurrency=8
            )
        return self._client

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _call(self, what: str, fn, *args, **kwargs):
        """Call boto3 and turn its failures into the project's errors (and exit codes).

        A missing object becomes FileNotFoundError, as for a local folder.
        """
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            ConnectionError,
            NoCredentialsError,
            ParamValidationError,
            PartialCredentialsError,
        )

        try:
            return fn(*args, **kwargs)
        except (NoCredentialsError, PartialCredentialsError):
            raise ConfigError(f"no usable S3 credentials for {self.uri}") from None
        except ParamValidationError as err:
            raise BadInput(f"invalid S3 request for {self.uri}: {err}") from None
        except ConnectionError as err:
            raise TransientError(f"cannot reach S3 for {self.uri}: {err}") from None
        except ClientError as err:
            raise self._client_error(what, err) from None
        except S3UploadFailedError as err:
            # The managed transfer wraps the ClientError in its message only.
            text = str(err)
            if "NoSuchBucket" in text:
                raise ConfigError(f"S3 bucket {self.bucket!r} does not exist") from None
            if any(code in text for code in _DENIED):
                raise ConfigError(f"S3 access denied to {self.uri} ({what})") from None
            raise TransientError(f"S3 {what} failed on {self.uri}: {text}") from None
        except BotoCoreError as err:
            raise TransientError(f"S3 {what} failed on {self.uri}: {err}") from None

    def _client_error(self, what: str, err) -> Exception:
        code = str(err.response.get("Error", {}).get("Code", ""))
        status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if code == "NoSuchBucket":
            return ConfigError(f"S3 bucket {self.bucket!r} does not exist")
        if code in _MISSING:
            return FileNotFoundError(f"{self.uri}: {what}: not found")
        if code in _DENIED or status == 403:
            return ConfigError(f"S3 access denied to {self.uri} ({what})")
        if status >= 500 or status == 0 or code in ("SlowDown", "RequestTimeout", "Throttling"):
            return TransientError(f"S3 {what} failed on {self.uri}: {code or status}")
        return ConfigError(f"S3 {what} refused on {self.uri}: {code or status}")

    def check(self) -> None:
        try:
            self._call("head bucket", self.client.head_bucket, Bucket=self.bucket)
        except FileNotFoundError:
            raise ConfigError(f"S3 bucket {self.bucket!r} does not exist") from None

    def exists(self, key: str) -> bool:
        try:
            self._call("head", self.client.head_object, Bucket=self.bucket, Key=self._key(key))
            return True
        except FileNotFoundError:
            return False

    def read_bytes(self, key: str) -> bytes:
        def get() -> bytes:
            resp = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
            return resp["Body"].read()

        return self._call(f"get {key}", get)

    def write_bytes(self, key: str, data: bytes) -> None:
        client = self.client
        if len(data) < MULTIPART_THRESHOLD:
            self._call(
                f"put {key}", client.put_object, Bucket=self.bucket, Key=self._key(key), Body=data
            )
            return
        self._call(
            f"upload {key}",
            client.upload_fileobj,
            io.BytesIO(data),
            self.bucket,
            self._key(key),
            Config=self._transfer_config,
        )

    def upload_file(self, key: str, path: Path) -> None:
        client = self.client
        self._call(
            f"upload {key}",
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
        try:
            self._call(
                f"download {key}",
                client.download_file,
                self.bucket,
                self._key(key),
                str(tmp),
                Config=self._transfer_config,
            )
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, path)

    def _iter_keys(self, prefix: str) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        folder = prefix.strip("/")
        full = self._key(folder) if folder else self.prefix
        strip = len(self.prefix) + 1 if self.prefix else 0
        pages = self._call(
            f"list {prefix}",
            lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=full)),
        )
        for page in pages:
            for obj in page.get("Contents", []):
                # S3 prefixes are name prefixes; keep only the folder (and the key itself).
                name = obj["Key"]
                if full and name != full and not name.startswith(full + "/"):
                    continue
                yield name[strip:]

    def list(self, prefix: str) -> list[str]:
        """Keys equal to ``prefix`` or under ``prefix/`` (a folder, never a name prefix)."""
        return sorted(self._iter_keys(prefix))

    def folders(self) -> list[str]:
        """The names of the top-level folders (the bots): one key per bot with a delimiter,
        not every object of every bot."""
        paginator = self.client.get_paginator("list_objects_v2")
        prefix = f"{self.prefix}/" if self.prefix else ""
        pages = self._call(
            "list folders",
            lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/")),
        )
        names = (
            common["Prefix"][len(prefix) :].rstrip("/")
            for page in pages
            for common in page.get("CommonPrefixes", [])
        )
        return sorted(name for name in names if name)

    def delete(self, key: str) -> None:
        self._call(
            f"delete {key}", self.client.delete_object, Bucket=self.bucket, Key=self._key(key)
        )

    # --- conditional writes (job.lease): S3 conditional requests ------------------------------

    def _conditional(self, what: str, method, **kwargs):
        """Call a conditional request; None when S3 refused its condition: 412, or 409 for a
        conditional write racing another on the same key."""
        from botocore.exceptions import ClientError

        def call():
            try:
                return method(Bucket=self.bucket, **kwargs)
            except ClientError as err:
                code = str(err.response.get("Error", {}).get("Code", ""))
                status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                if status in (409, 412) or code in _REFUSED_CONDITION:
                    return None
                raise

        return self._call(what, call)

    def create_if_absent(self, key: str, data: bytes) -> str | None:
        """PUT with ``If-None-Match: *``: the ETag, or None when the key exists."""
        resp = self._conditional(
            f"create {key}", self.client.put_object, Key=self._key(key), Body=data, IfNoneMatch="*"
        )
        return None if resp is None else resp["ETag"]

    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]:
        """The first ``limit`` + 1 bytes of ``key`` (a ranged GET) and its ETag."""

        from botocore.exceptions import ClientError

        def get() -> tuple[bytes, str]:
            try:
                resp = self.client.get_object(
                    Bucket=self.bucket, Key=self._key(key), Range=f"bytes=0-{limit}"
                )
            except ClientError as err:
                if err.response.get("Error", {}).get("Code") != "InvalidRange":
                    raise
                # An empty object has no byte 0.
                return b"", self.client.head_object(Bucket=self.bucket, Key=self._key(key))["ETag"]
            return resp["Body"].read(limit + 1), resp["ETag"]

        return self._call(f"get {key}", get)

    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None:
        """PUT with ``If-Match: <ETag>``: the new ETag, or None when the key changed or is gone."""
        try:
            resp = self._conditional(
                f"replace {key}", self.client.put_object, Key=self._key(key), Body=data, IfMatch=tag
            )
        except FileNotFoundError:
            return None
        return None if resp is None else resp["ETag"]

    def delete_if_match(self, key: str, tag: str) -> bool:
        """DELETE with ``If-Match: <ETag>``: False when the key changed or is gone."""
        try:
            resp = self._conditional(
                f"delete {key}", self.client.delete_object, Key=self._key(key), IfMatch=tag
            )
        except FileNotFoundError:
            return False
        return resp is not None


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

    def folders(self) -> list[str]:
        return sorted({k.split("/", 1)[0] for k in self.list("") if "/" in k})

    def delete(self, key: str) -> None:
        self.base.delete(self._k(key))

    def create_if_absent(self, key: str, data: bytes) -> str | None:
        return self.base.create_if_absent(self._k(key), data)

    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]:
        return self.base.read_tagged(self._k(key), limit)

    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None:
        return self.base.replace_if_match(self._k(key), data, tag)

    def delete_if_match(self, key: str, tag: str) -> bool:
        return self.base.delete_if_match(self._k(key), tag)
