"""manifest.json: the list of a published bot's files, written last, read through its keys.

A bot is complete only when its manifest exists. Each entry names a file by its logical
``path`` (relative to the bot folder, e.g. ``model/model.safetensors``) and by the store
``key`` (also relative to the bot folder) where its bytes live. A normal publish writes
``key == path``; an atomic refresh may point keys into a staging folder, so readers always read
through ``key`` and never rebuild keys from paths.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from job import layout
from job.errors import BadInput
from job.progress import progress
from job.store import LocalStore, Store, write_json

log = logging.getLogger("htctl")

MODEL_PREFIX = "model/"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ManifestFile:
    path: str  # logical path relative to the bot folder
    key: str  # store key relative to the bot folder where the bytes are
    size: int
    sha256: str


@dataclass
class Manifest:
    bot: str
    created_at: str
    revision: str
    files: list[ManifestFile] = field(default_factory=list)

    def file(self, path: str) -> ManifestFile | None:
        return next((f for f in self.files if f.path == path), None)

    def model_files(self) -> list[ManifestFile]:
        return [f for f in self.files if f.path.startswith(MODEL_PREFIX)]

    def store_key(self, entry: ManifestFile) -> str:
        """The full store key of an entry (the store is keyed from its root, not the bot)."""
        return f"{self.bot}/{entry.key}"

    def model_digest(self) -> str:
        """A content hash of the model files: equal digests mean byte-identical models."""
        lines = sorted(f"{f.path}\t{f.sha256}" for f in self.model_files())
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    def to_dict(self) -> dict:
        return {
            "bot": self.bot,
            "created_at": self.created_at,
            "revision": self.revision,
            "files": [asdict(f) for f in self.files],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Manifest:
        return cls(
            bot=data["bot"],
            created_at=data["created_at"],
            revision=data["revision"],
            files=[
                ManifestFile(**{k: f[k] for k in ("path", "key", "size", "sha256")})
                for f in data["files"]
            ],
        )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def entry_for_file(path: str, local: Path, key: str | None = None) -> ManifestFile:
    """An entry from bytes on local disk (what was just uploaded or downloaded)."""
    return ManifestFile(path, key or path, local.stat().st_size, sha256_file(local))


def entry_for_bytes(path: str, data: bytes, key: str | None = None) -> ManifestFile:
    return ManifestFile(path, key or path, len(data), hashlib.sha256(data).hexdigest())


def entry_for_stored(store: Store, bot: str, path: str, scratch: Path) -> ManifestFile:
    """An entry for a file already in the store, hashed without holding it in memory."""
    key = f"{bot}/{path}"
    if isinstance(store, LocalStore):
        return entry_for_file(path, store.root / key)
    local = scratch / secrets.token_hex(8)
    try:
        store.download_file(key, local)
        return entry_for_file(path, local)
    finally:
        local.unlink(missing_ok=True)


def new_manifest(bot: str, files: Iterable[ManifestFile]) -> Manifest:
    """A manifest whose revision is a content hash of its files (same bytes, same revision)."""
    entries = sorted(files, key=lambda f: f.path)
    paths = [f.path for f in entries]
    if len(set(paths)) != len(paths):
        raise ValueError(f"duplicate paths in manifest of {bot}")
    lines = "\n".join(f"{f.path}\t{f.size}\t{f.sha256}" for f in entries)
    return Manifest(
        bot=bot,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        revision=hashlib.sha256(lines.encode()).hexdigest()[:16],
        files=entries,
    )


def write_manifest(store: Store, manifest: Manifest) -> None:
    """Write manifest.json; call this last, it is what makes the bot complete."""
    write_json(store, layout.manifest(manifest.bot), manifest.to_dict())


def read_manifest(store: Store, bot: str) -> Manifest | None:
    """The bot's manifest, or None when the bot is unknown or incomplete."""
    key = layout.manifest(bot)
    if not store.exists(key):
        return None
    try:
        return Manifest.from_dict(json.loads(store.read_bytes(key)))
    except (ValueError, KeyError, TypeError) as err:
        raise BadInput(f"corrupt manifest {store.uri}/{key}: {err}") from None


def require_manifest(store: Store, bot: str) -> Manifest:
    """The manifest, or BadInput saying whether the bot is unknown or incomplete."""
    manifest = read_manifest(store, bot)
    if manifest is not None:
        return manifest
    if store.list(f"{bot}/"):
        raise BadInput(
            f"bot {bot} is incomplete in {store.uri} (no manifest.json): "
            f"run `htctl run {bot}` to finish it"
        )
    raise BadInput(f"unknown bot {bot}: nothing published in {store.uri}")


class StaleManifest(BadInput):
    """A file no longer matches the manifest that was read: the bot changed meanwhile."""


def fetch_file(store: Store, manifest: Manifest, entry: ManifestFile, target: Path) -> None:
    """Download one entry through its key and check size and sha256 before it lands."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    try:
        store.download_file(manifest.store_key(entry), part)
    except FileNotFoundError:
        raise StaleManifest(
            f"{store.uri}/{manifest.store_key(entry)} listed in the manifest of {manifest.bot} "
            "is gone"
        ) from None
    size, digest = part.stat().st_size, sha256_file(part)
    if size != entry.size or digest != entry.sha256:
        part.unlink(missing_ok=True)
        raise StaleManifest(
            f"{store.uri}/{manifest.store_key(entry)} does not match the manifest of "
            f"{manifest.bot} (size {size}, expected {entry.size}): republish with --force"
        )
    part.replace(target)


def fetch_model(store: Store, bot: str, dest: Path, manifest: Manifest | None = None) -> Path:
    """Download the published model folder to ``dest`` (verified), and return ``dest``."""
    manifest = manifest or require_manifest(store, bot)
    entries = manifest.model_files()
    if not entries:
        raise BadInput(f"bot {bot} has no model files in its manifest")
    dest.mkdir(parents=True, exist_ok=True)
    total = sum(e.size for e in entries)
    with progress(f"{bot}: downloading the model", total=total, unit="bytes") as bar:
        for entry in entries:
            fetch_file(store, manifest, entry, dest / entry.path[len(MODEL_PREFIX) :])
            bar.advance(entry.size)
    log.debug("fetched %d model files of %s to %s", len(entries), bot, dest)
    return dest
