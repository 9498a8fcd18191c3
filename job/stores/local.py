"""A store in a local folder: atomic writes through a temp file renamed into place."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from job.errors import BadInput, ConfigError, TransientError
from job.stores.protocol import Store, too_large


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

    def local_path(self, key: str) -> Path | None:
        return self._path(key) if key else self.root

    def unprefixed(self) -> Store:
        return self

    def size(self, key: str) -> int:
        with _local_errors(self.uri, f"read {key}"):
            return self._path(key).stat().st_size

    def read_head(self, key: str, limit: int) -> bytes:
        """The first ``limit`` + 1 bytes of a plain file inside the folder: a link, or a key
        that leads outside, is as good as missing (the store is written by everyone)."""
        if not key or key.startswith("/") or ".." in key.split("/"):
            raise FileNotFoundError(f"{self.uri}/{key}")
        path = self.root / key
        inside = path.resolve().is_relative_to(self.root.resolve())
        if path.is_symlink() or not inside or not path.is_file():
            raise FileNotFoundError(f"{self.uri}/{key}")
        with _local_errors(self.uri, f"read {key}"), path.open("rb") as f:
            return f.read(limit + 1)

    def read_bytes(self, key: str, limit: int | None = None) -> bytes:
        """The object's bytes; with ``limit``, BadInput rather than more than ``limit`` bytes."""
        with _local_errors(self.uri, f"read {key}"):
            if limit is None:
                return self._path(key).read_bytes()
            with self._path(key).open("rb") as f:
                data = f.read(limit + 1)
        if len(data) > limit:
            raise too_large(self.uri, key, limit)
        return data

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
