"""A view of another store under a key prefix (a refresh's staging area)."""

from __future__ import annotations

from pathlib import Path

from job.stores.protocol import Store


class PrefixStore:
    """A view of another store under a key prefix: a staging area with the same layout."""

    def __init__(self, base: Store, prefix: str, uri: str | None = None):
        """``uri``: what the view calls itself (default: the base's URI and the prefix)."""
        self.base = base
        self.prefix = prefix.strip("/")
        self.uri = uri or f"{base.uri.rstrip('/')}/{self.prefix}"

    def _k(self, key: str) -> str:
        return f"{self.prefix}/{key}"

    def check(self) -> None:
        self.base.check()

    def exists(self, key: str) -> bool:
        return self.base.exists(self._k(key))

    def read_bytes(self, key: str, limit: int | None = None) -> bytes:
        return self.base.read_bytes(self._k(key), limit=limit)

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

    def size(self, key: str) -> int:
        return self.base.size(self._k(key))

    def read_head(self, key: str, limit: int) -> bytes:
        return self.base.read_head(self._k(key), limit)

    def local_path(self, key: str) -> Path | None:
        return self.base.local_path(self._k(key) if key else self.prefix)

    def unprefixed(self) -> Store:
        return self.base.unprefixed()

    def create_if_absent(self, key: str, data: bytes) -> str | None:
        return self.base.create_if_absent(self._k(key), data)

    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]:
        return self.base.read_tagged(self._k(key), limit)

    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None:
        return self.base.replace_if_match(self._k(key), data, tag)

    def delete_if_match(self, key: str, tag: str) -> bool:
        return self.base.delete_if_match(self._k(key), tag)
