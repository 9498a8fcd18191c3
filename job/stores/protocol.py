"""The ``Store`` protocol every store implements, and what all of them share.

Callers see only this protocol (``job.store.open_store`` picks the implementation): no caller
looks at which kind of store it holds. What a caller needs from a local folder (its path, to
read a model in place) is a method here that answers None for a store that has no such thing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from job.errors import BadInput


class Store(Protocol):
    uri: str

    def exists(self, key: str) -> bool: ...
    def read_bytes(self, key: str, limit: int | None = None) -> bytes: ...
    def write_bytes(self, key: str, data: bytes) -> None: ...
    def upload_file(self, key: str, path: Path) -> None: ...
    def download_file(self, key: str, path: Path) -> None: ...
    def list(self, prefix: str) -> list[str]: ...
    def folders(self) -> list[str]: ...
    def delete(self, key: str) -> None: ...
    def check(self) -> None: ...

    # What callers used to reach into a store's internals for.
    def size(self, key: str) -> int:
        """The object's size in bytes (FileNotFoundError when it does not exist)."""
        ...

    def read_head(self, key: str, limit: int) -> bytes:
        """At most the first ``limit`` + 1 bytes of the object (more than ``limit`` means too
        big), never reading the rest; FileNotFoundError when it does not exist (or, in a
        folder, is a link: a link is never followed)."""
        ...

    def local_path(self, key: str) -> Path | None:
        """Where ``key`` is on local disk when the store is a local folder (``""``: the folder
        itself), else None. The path may not exist yet."""
        ...

    def unprefixed(self) -> Store:
        """The whole store this one is a view of (itself unless it is a prefix view)."""
        ...

    # Conditional writes (the per-bot lease, job.lease). A *tag* names one version of an
    # object (S3: its ETag); each call is atomic, so of two racing writers exactly one wins.
    def create_if_absent(self, key: str, data: bytes) -> str | None: ...
    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]: ...
    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None: ...
    def delete_if_match(self, key: str, tag: str) -> bool: ...


def too_large(uri: str, key: str, limit: int) -> BadInput:
    """A bounded read found more than ``limit`` bytes: the store holds something hostile."""
    return BadInput(f"corrupt store: {uri}/{key} is larger than {limit} bytes")


def is_safe_key(key: str) -> bool:
    """A relative ``/``-path without empty, ``.`` or ``..`` components (what a folder holds)."""
    return bool(key) and all(part not in ("", ".", "..") for part in key.split("/"))
