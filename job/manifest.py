"""manifest.json: the list of a published bot's files, written last, read through its keys.

A bot is complete only when its manifest exists. Each entry names a file by its logical
``path`` (relative to the bot folder, e.g. ``model/model.safetensors``) and by the store
``key`` (also relative to the bot folder) where its bytes live. A normal publish writes
``key == path``; an atomic refresh may point keys into a staging folder, so readers always read
through ``key`` and never rebuild keys from paths.

The store is shared and written by many, so a manifest is untrusted input: every reader goes
through ``read_manifest``, which validates it whole (``parse_manifest``) before anything acts
on it. Its digests only prove that bytes match the manifest, not that the manifest is honest,
so paths must be confined by the reader: a path that could leave the bot's folders (``..``,
absolute, a backslash, a control character), a manifest of another bot, a size that is not a
non-negative integer, a digest that is not 64 hex digits, or a manifest too large or too long
is a corrupt store (exit 2), and nothing is downloaded or written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from job import layout
from job.errors import BadInput, CorruptManifest, StaleManifest
from job.progress import progress
from job.store import Store, write_json

log = logging.getLogger("htctl")

MODEL_PREFIX = "model/"
# The folders of the stages before train that are part of a published bot (checkpoints are not).
STAGE_FOLDERS = ("raw/", "dataset/")
_CHUNK = 1024 * 1024

# Bounds far above a real bot (a few dozen files, a few KiB), far below what hurts a reader.
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_MANIFEST_FILES = 10_000
MAX_PATH_CHARS = 1024
# Folders of a bot that a manifest may list files in; other paths are top-level files.
BOT_FOLDERS = ("model", "raw", "dataset")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")  # control characters and backslashes


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
        return layout.bot_file(self.bot, entry.key)

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


def _shown(value: object) -> str:
    """A value from the manifest, quoted and cut short for a one-line error."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def relative_path_error(value: object) -> str | None:
    """Why ``value`` is not a normalised relative ``/``-path (None when it is one)."""
    if not isinstance(value, str) or not value:
        return "not a non-empty string"
    if len(value) > MAX_PATH_CHARS:
        return f"longer than {MAX_PATH_CHARS} characters"
    if _UNSAFE_CHARS.search(value):
        return "holds a control character or a backslash"
    if value.startswith("/"):
        return "absolute"
    if any(part in ("", ".", "..") for part in value.split("/")):
        return "not normalised (empty, '.' or '..' component)"
    return None


def _check_path(path: object) -> str | None:
    """A logical path must also lie in one of the bot's folders, or be a top-level file."""
    if (reason := relative_path_error(path)) is not None:
        return reason
    assert isinstance(path, str)
    if "/" in path and path.split("/", 1)[0] not in BOT_FOLDERS:
        return f"outside the bot's folders ({', '.join(BOT_FOLDERS)})"
    return None


def _is_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _parse_entry(item: object, index: int) -> ManifestFile:
    if not isinstance(item, dict):
        raise ValueError(f"files[{index}] is not an object")
    for name in ("path", "key"):
        reason = (
            _check_path(item.get(name)) if name == "path" else relative_path_error(item.get(name))
        )
        if reason is not None:
            raise ValueError(f"files[{index}].{name} {_shown(item.get(name))} is {reason}")
    if not _is_size(item.get("size")):
        raise ValueError(f"files[{index}].size {_shown(item.get('size'))} is not an integer >= 0")
    digest = item.get("sha256")
    if not isinstance(digest, str) or not _SHA256.match(digest):
        raise ValueError(f"files[{index}].sha256 {_shown(digest)} is not 64 hex digits")
    return ManifestFile(item["path"], item["key"], item["size"], digest)


def parse_manifest(data: object, bot: str) -> Manifest:
    """The manifest of ``bot`` from parsed JSON, validated whole; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if data.get("bot") != bot:
        raise ValueError(f"it is the manifest of {_shown(data.get('bot'))}, not of {bot!r}")
    for name in ("created_at", "revision"):
        value = data.get(name)
        if not isinstance(value, str) or len(value) > 128 or _UNSAFE_CHARS.search(value):
            raise ValueError(f"{name} {_shown(value)} is not a short string")
    items = data.get("files")
    if not isinstance(items, list):
        raise ValueError("files is not a list")
    if len(items) > MAX_MANIFEST_FILES:
        raise ValueError(f"{len(items)} files, more than {MAX_MANIFEST_FILES}")
    files = [_parse_entry(item, i) for i, item in enumerate(items)]
    paths = [f.path for f in files]
    if len(set(paths)) != len(paths):
        raise ValueError("a path is listed twice")
    return Manifest(bot=bot, created_at=data["created_at"], revision=data["revision"], files=files)


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
    key = layout.bot_file(bot, path)
    in_place = store.local_path(key)
    if in_place is not None:
        return entry_for_file(path, in_place)
    local = scratch / secrets.token_hex(8)
    try:
        store.download_file(key, local)
        return entry_for_file(path, local)
    finally:
        local.unlink(missing_ok=True)


def stored_entries(
    store: Store, bot: str, scratch: Path, folders: tuple[str, ...] = STAGE_FOLDERS
) -> list[ManifestFile]:
    """Entries of the bot's files under ``folders`` as stored now, hashed as streamed: what
    publish lists of the earlier stages, and what a refresh lists of its staged rebuild."""
    entries = []
    for folder in folders:
        for key in store.list(layout.bot_file(bot, folder)):
            entries.append(entry_for_stored(store, bot, layout.path_in_bot(bot, key), scratch))
    return entries


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
    """The bot's manifest, validated, or None when the bot is unknown or incomplete.

    Every reader of a manifest comes through here: CorruptManifest (exit 2) before anything
    acts on an entry.
    """
    key = layout.manifest(bot)
    if not store.exists(key):
        return None
    try:
        raw = store.read_bytes(key, limit=MAX_MANIFEST_BYTES)
    except FileNotFoundError:
        return None  # deleted since: the bot is being republished
    except BadInput as err:  # larger than any manifest htctl writes
        raise CorruptManifest(str(err)) from None
    try:
        return parse_manifest(json.loads(raw), bot)
    except (ValueError, RecursionError) as err:  # JSONDecodeError and UnicodeError included
        reason = "nested too deeply" if isinstance(err, RecursionError) else err
        raise CorruptManifest(f"corrupt store: manifest {store.uri}/{key}: {reason}") from None


def require_manifest(store: Store, bot: str) -> Manifest:
    """The manifest, or BadInput saying whether the bot is unknown or incomplete."""
    manifest = read_manifest(store, bot)
    if manifest is not None:
        return manifest
    if store.list(layout.bot_folder(bot)):
        raise BadInput(
            f"bot {bot} is incomplete in {store.uri} (no manifest.json): "
            f"run `htctl run {bot}` to finish it"
        )
    raise BadInput(f"unknown bot {bot}: nothing published in {store.uri}")


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


def confined(root: Path, relative: str) -> Path:
    """``root / relative``, refused unless it resolves inside ``root`` (links included).

    read_manifest already refuses such paths; this guards every local write again where it
    happens, whatever built the entry.
    """
    if relative_path_error(relative) is not None:
        raise CorruptManifest(f"corrupt store: refusing to write {_shown(relative)} under {root}")
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise CorruptManifest(f"corrupt store: refusing to write {_shown(relative)} under {root}")
    return target


def fetch_model(store: Store, bot: str, dest: Path, manifest: Manifest | None = None) -> Path:
    """Download the published model folder to ``dest`` (verified), and return ``dest``."""
    manifest = manifest or require_manifest(store, bot)
    entries = manifest.model_files()
    if not entries:
        raise BadInput(f"bot {bot} has no model files in its manifest")
    # Every target is checked before the first byte is written.
    targets = [confined(dest, entry.path[len(MODEL_PREFIX) :]) for entry in entries]
    dest.mkdir(parents=True, exist_ok=True)
    total = sum(e.size for e in entries)
    with progress(f"{bot}: downloading the model", total=total, unit="bytes") as bar:
        for entry, target in zip(entries, targets, strict=True):
            fetch_file(store, manifest, entry, target)
            bar.advance(entry.size)
    log.debug("fetched %d model files of %s to %s", len(entries), bot, dest)
    return dest
