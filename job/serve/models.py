"""Warm models for ``htctl serve``: loaded on first use, kept in a bounded LRU cache.

The cache is keyed by the manifest's model digest, so a refreshed bot (new bytes, new digest)
loads its new model while requests that already hold the old one finish with it, and two bots
with byte-identical models share one copy. It is bounded by a count and by bytes (parameters
and buffers); the least recently used model leaves first. A model bigger than the whole byte
budget is still served, alone.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from job import config
from job.generate import load, model_dir_for
from job.hardware import cpu_threads, fastest_thread_count
from job.manifest import Manifest
from job.store import Store

log = logging.getLogger("htctl")


@dataclass
class LoadedModel:
    digest: str
    bot: str
    revision: str
    tokenizer: object
    model: object
    nbytes: int


def model_bytes(model) -> int:
    """The memory a model holds: its parameters and buffers."""
    tensors = [*model.parameters(), *model.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors)


def generation_threads(requested: int | None = None) -> int:
    """torch's intra-op threads for generation: ``requested``, else ``OMP_NUM_THREADS``, else 1
    or every CPU this process may use (cgroup quota included), whichever measures faster now.

    On a CPU shared with other work a thread per core waits on the others at every op (measured:
    the tiny model sampled 35x slower with torch's default than with one thread), and a pod with
    a 2-CPU quota on a 64-core node must not run 64 threads.
    """
    import torch

    allowed = cpu_threads()
    if requested:
        threads = requested
    elif (omp := config.text("OMP_NUM_THREADS") or "").isdigit() and int(omp):
        threads = int(omp)
    else:
        threads = fastest_thread_count([1, allowed]) if allowed > 1 else 1
    threads = max(1, min(threads, allowed))
    torch.set_num_threads(threads)
    log.info("serve: %d torch thread(s) for generation (of %d allowed)", threads, allowed)
    return threads


class ModelCache:
    """At most ``max_models`` models and ``max_bytes`` of weights; LRU out."""

    def __init__(self, max_models: int, max_bytes: int):
        if max_models < 1 or max_bytes < 1:
            raise ValueError("the model cache needs room for at least one model")
        self.max_models = max_models
        self.max_bytes = max_bytes
        self._models: OrderedDict[str, LoadedModel] = OrderedDict()
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        # One load at a time: besides the cache, memory then holds at most one model coming in.
        self._load_slot = threading.Lock()
        self.loads = 0
        self.evictions = 0

    @property
    def count(self) -> int:
        return len(self._models)

    @property
    def nbytes(self) -> int:
        with self._lock:
            return sum(m.nbytes for m in self._models.values())

    def _hit(self, digest: str) -> LoadedModel | None:
        with self._lock:
            found = self._models.get(digest)
            if found is not None:
                self._models.move_to_end(digest)
            return found

    def get(self, store: Store, manifest: Manifest) -> LoadedModel:
        """The warm model of this manifest, loading it (once, however many ask) when cold.

        Raises StaleManifest when the store no longer holds these bytes (a refresh landed)."""
        digest = manifest.model_digest()
        if found := self._hit(digest):
            return found
        with self._lock:
            gate = self._loading.setdefault(digest, threading.Lock())
        with gate, self._load_slot:  # one load per model; the others wait for it, then hit
            if found := self._hit(digest):
                return found
            try:
                folder: Path = model_dir_for(store, manifest)
                tokenizer, model = load(folder)
            finally:
                with self._lock:
                    self._loading.pop(digest, None)
            loaded = LoadedModel(
                digest, manifest.bot, manifest.revision, tokenizer, model, model_bytes(model)
            )
            self._insert(loaded)
            log.info(
                "serve: loaded %s (%s), %d bytes", manifest.bot, manifest.revision, loaded.nbytes
            )
            return loaded

    def _insert(self, loaded: LoadedModel) -> None:
        with self._lock:
            self.loads += 1
            self._models[loaded.digest] = loaded
            total = sum(m.nbytes for m in self._models.values())
            while len(self._models) > 1 and (
                len(self._models) > self.max_models or total > self.max_bytes
            ):
                _, evicted = self._models.popitem(last=False)
                total -= evicted.nbytes
                self.evictions += 1
                log.info("serve: evicted %s (%s) from the cache", evicted.bot, evicted.revision)
