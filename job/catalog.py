"""The bots in a store, read from their manifests (never their models): ``htctl list`` and the
gallery of ``htctl serve``.

Every file is read through the manifest's key and checked against its size and sha256, so a
half-refreshed bot shows the revision its manifest names. The store is shared and written by
many pods: every value read here is untrusted, so each is type-checked, clipped and bounded
before it reaches a table, a page or an API answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

from job.card import safe_url
from job.errors import BadInput, StaleManifest, UnknownBot
from job.manifest import MODEL_PREFIX, Manifest, read_manifest
from job.store import Store

log = logging.getLogger("htctl")

MAX_JSON_BYTES = 1024 * 1024  # stats, metrics, predictions and meta files are a few KB
MAX_TEXT = 280  # a display name or a sample on a page or in a table
LIST_WORKERS = 16  # manifests read in parallel: the latency of a GET, not the CPU, is the cost
# Bot names are lower-case handle keys joined by "-" (job.bots); nothing else is a bot folder.
BOT_NAME = re.compile(r"^[a-z0-9_][a-z0-9_.@-]{0,254}$")


@dataclass
class HandleInfo:
    handle: str
    display_name: str
    avatar_url: str  # an http(s) URL safe in HTML and CSS, or ""
    downloaded: int = 0
    retweets: int = 0
    short: int = 0
    kept: int = 0


@dataclass
class BotSummary:
    bot: str
    revision: str
    published_at: str
    kind: str  # "full" (a whole model) or "adapter" (a PEFT adapter over a base model)
    handles: list[HandleInfo] = field(default_factory=list)
    eval_loss_before: float | None = None
    eval_loss_after: float | None = None
    sample: str | None = None

    @property
    def kept(self) -> int:
        return sum(h.kept for h in self.handles)

    def to_dict(self) -> dict:
        return {**asdict(self), "kept": self.kept}


def valid_bot_name(name: str) -> bool:
    return bool(BOT_NAME.match(name)) and ".." not in name


def read_published(store: Store, manifest: Manifest, path: str, limit: int) -> bytes | None:
    """A published file's bytes through its manifest entry (None when not listed or too big);
    StaleManifest when the bytes no longer match (a refresh replaced them meanwhile)."""
    entry = manifest.file(path)
    if entry is None or entry.size > limit:
        return None
    try:
        data = store.read_bytes(manifest.store_key(entry))
    except FileNotFoundError:
        raise StaleManifest(f"{path} of {manifest.bot} is gone from the store") from None
    if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
        raise StaleManifest(f"{path} of {manifest.bot} does not match its manifest")
    return data


def _json(store: Store, manifest: Manifest, path: str) -> dict:
    data = read_published(store, manifest, path, MAX_JSON_BYTES)
    if data is None:
        return {}
    try:
        value = json.loads(data)
    except ValueError:
        log.warning("%s of %s is not JSON; ignored", path, manifest.bot)
        return {}
    return value if isinstance(value, dict) else {}


def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _loss(value) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return None


def _text(value, default: str = "") -> str:
    return " ".join(str(value).split())[:MAX_TEXT] if isinstance(value, str) else default


def _handles(store: Store, manifest: Manifest, details: bool) -> list[HandleInfo]:
    stats = _json(store, manifest, "dataset/stats.json")
    per_handle = stats.get("handles")
    if not isinstance(per_handle, dict):
        return []
    result = []
    for handle, counts in sorted(per_handle.items())[:50]:  # a bot is a few handles
        if not isinstance(handle, str) or not valid_bot_name(handle):
            continue
        counts = counts if isinstance(counts, dict) else {}
        meta = _json(store, manifest, f"raw/{handle}.meta.json") if details else {}
        result.append(
            HandleInfo(
                handle=handle,
                display_name=_text(meta.get("display_name"), handle) or handle,
                avatar_url=safe_url(_text(meta.get("avatar_url"))),
                **{k: _count(counts.get(k)) for k in ("downloaded", "retweets", "short", "kept")},
            )
        )
    return result


def _first_sample(store: Store, manifest: Manifest) -> str | None:
    predictions = read_published(store, manifest, "predictions.json", MAX_JSON_BYTES)
    try:
        value = json.loads(predictions) if predictions else None
    except ValueError:
        return None
    items = value.get("samples", value.get("predictions")) if isinstance(value, dict) else value
    if not isinstance(items, list):
        return None
    for item in items:
        text = item.get("text") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            return _text(text)
    return None


def summarize(store: Store, manifest: Manifest, details: bool = False) -> BotSummary:
    """What a table or the gallery shows of a bot, from the files its manifest lists.

    ``details`` also reads each handle's display name and avatar and the first sample (the
    gallery); ``htctl list`` skips them: two reads per bot instead of three or more.
    """
    metrics = _json(store, manifest, "metrics.json")
    adapter = manifest.file(f"{MODEL_PREFIX}adapter_config.json") is not None
    return BotSummary(
        bot=manifest.bot,
        revision=_text(manifest.revision),
        published_at=_text(manifest.created_at),
        kind="adapter" if adapter else "full",
        handles=_handles(store, manifest, details),
        eval_loss_before=_loss(metrics.get("eval_loss_before")),
        eval_loss_after=_loss(metrics.get("eval_loss_after")),
        sample=_first_sample(store, manifest) if details else None,
    )


def bot_manifest(store: Store, bot: str) -> Manifest:
    """The bot's manifest, or UnknownBot (no such folder, or not published yet)."""
    if not valid_bot_name(bot):
        raise UnknownBot(f"unknown bot {bot[:80]!r}: not a bot name")
    manifest = read_manifest(store, bot)
    if manifest is None:
        raise UnknownBot(f"unknown bot {bot}: nothing published in {store.uri}")
    if manifest.bot != bot:
        raise BadInput(f"the manifest of {bot} names another bot ({manifest.bot[:80]!r})")
    return manifest


def _summary_or_none(store: Store, bot: str, details: bool) -> BotSummary | None:
    """A bot's summary; None for folders that are not a published bot, and for a corrupt bot
    (one warning: a listing of 10,000 bots must not fail on one of them)."""
    try:
        return summarize(store, bot_manifest(store, bot), details)
    except UnknownBot:
        return None
    except StaleManifest:
        try:  # a refresh landed between the manifest and its files: its new manifest is whole
            return summarize(store, bot_manifest(store, bot), details)
        except (BadInput, StaleManifest) as err:  # corrupt, or changing again: skip it
            log.warning("skipping %s: %s", bot, err)
            return None
    except BadInput as err:
        log.warning("skipping %s: %s", bot, err)
        return None


def list_bots(
    store: Store, names: Iterable[str] | None = None, details: bool = False
) -> list[BotSummary]:
    """Every published bot in the store (or among ``names``), sorted by name."""
    candidates = [n for n in (store.folders() if names is None else names) if valid_bot_name(n)]
    with ThreadPoolExecutor(max_workers=LIST_WORKERS) as pool:
        found = pool.map(lambda name: _summary_or_none(store, name, details), candidates)
        return [s for s in found if s is not None]


def matches(bot: str, query: str) -> bool:
    """Search by handle: the bot name holds its handles' keys, so no file needs reading."""
    query = query.strip().lstrip("@").lower()
    return not query or query in bot


class Catalog:
    """The store's bots for a long-running server: names and manifests are re-read after
    ``recheck_seconds`` (a new bot or a refreshed one shows up without a restart), summaries are
    kept per revision (a refresh changes the revision, so nothing stale is shown)."""

    def __init__(
        self,
        store: Store,
        recheck_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.store = store
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._names: tuple[float, list[str]] | None = None
        self._manifests: dict[str, tuple[float, Manifest]] = {}
        self._summaries: dict[str, BotSummary] = {}

    def _fresh(self, read_at: float) -> bool:
        return self._clock() - read_at < self.recheck_seconds

    def names(self) -> list[str]:
        with self._lock:
            cached = self._names
        if cached and self._fresh(cached[0]):
            return cached[1]
        names = [n for n in self.store.folders() if valid_bot_name(n)]
        with self._lock:
            self._names = (self._clock(), names)
            for gone in set(self._manifests) - set(names):  # deleted bots free their entries
                self._manifests.pop(gone, None)
                self._summaries.pop(gone, None)
        return names

    def manifest(self, bot: str, fresh: bool = False) -> Manifest:
        """The bot's current manifest (at most ``recheck_seconds`` old unless ``fresh``)."""
        with self._lock:
            cached = self._manifests.get(bot)
        if cached and not fresh and self._fresh(cached[0]):
            return cached[1]
        try:
            manifest = bot_manifest(self.store, bot)
        except UnknownBot:
            with self._lock:
                self._manifests.pop(bot, None)
                self._summaries.pop(bot, None)
            raise
        with self._lock:
            self._manifests[bot] = (self._clock(), manifest)
        return manifest

    def summary(self, bot: str) -> BotSummary:
        manifest = self.manifest(bot)
        with self._lock:
            cached = self._summaries.get(bot)
        if cached and cached.revision == manifest.revision:
            return cached
        try:
            summary = summarize(self.store, manifest, details=True)
        except StaleManifest:
            summary = summarize(self.store, self.manifest(bot, fresh=True), details=True)
        with self._lock:
            self._summaries[bot] = summary
        return summary

    def page(self, query: str, page: int, per_page: int) -> tuple[list[BotSummary], int]:
        """One page of the bots whose name matches ``query``, and how many folders match.

        Only the page's bots are read, so a store of 10,000 bots costs one listing and a page
        of manifests; a folder with no manifest (a bot still in training) is left out.
        """
        names = [n for n in self.names() if matches(n, query)]
        chosen = names[(page - 1) * per_page : page * per_page]
        with ThreadPoolExecutor(max_workers=LIST_WORKERS) as pool:
            found = list(pool.map(self._summary_or_none, chosen))
        return [s for s in found if s is not None], len(names)

    def _summary_or_none(self, bot: str) -> BotSummary | None:
        try:
            return self.summary(bot)
        except UnknownBot:
            return None
        except (BadInput, StaleManifest) as err:  # corrupt, or changing again: skip it
            log.warning("gallery: skipping %s: %s", bot, err)
            return None
