"""Warm models for ``htctl serve``: loaded on first use, kept in a bounded LRU cache.

The cache is keyed by the manifest's model digest, so a refreshed bot (new bytes, new digest)
loads its new model while requests that already hold the old one finish with it, and two bots
with byte-identical models share one copy. It is bounded by a count and by bytes (parameters
and buffers); the least recently used model leaves first. A model bigger than the whole byte
budget is still served, alone.

A LoRA adapter bot does not load its own copy of its base: every adapter on the same base is
attached, under its own name, to one peft model of that base (``SharedBase``), and made active
just before it samples. An adapter counts its own bytes; its base counts once while any of its
adapters is warm and leaves with the last one. Attaching, activating and deleting adapters
change the shared model, so they happen under the generation lock, which sampling holds too.
An adapter evicted while a request still holds it keeps its tensors (no copy) for that request,
which attaches them again for its sample: never from the store folder, which a refresh of a
local store may be rewriting.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from job import config
from job.adapters import is_adapter, quiet_peft
from job.errors import BadInput
from job.generate import adapter_base_spec, load, model_dir_for
from job.hardware import cpu_threads, fastest_thread_count
from job.manifest import Manifest
from job.models import resolve_base_model
from job.store import Store

log = logging.getLogger("htctl")


@dataclass
class SharedBase:
    """One base model, loaded once and wrapped in the peft model its adapter bots attach to."""

    key: str  # the resolved base (job.models.resolve_base_model): a cache folder or a Hub id
    model: object  # the PeftModel every adapter on this base is attached to
    nbytes: int  # the base's own weights, counted once however many adapters use it


@dataclass
class Adapter:
    """An adapter bot's place on its shared base."""

    base: SharedBase
    name: str  # its adapter name in base.model (from the model digest)
    generation_config: object  # the bot's sampling defaults, not its base's
    # Set when eviction deletes it from the base: its peft config and tensors, for a request
    # that still holds it (freed with the last such request).
    detached: tuple[object, dict] | None = None


@dataclass
class LoadedModel:
    digest: str
    bot: str
    revision: str
    tokenizer: object
    model: object  # the full model, or an adapter bot's shared PeftModel
    nbytes: int  # an adapter bot's: its adapter's alone (the base is counted once, apart)
    adapter: Adapter | None = None


def model_bytes(model) -> int:
    """The memory a model holds: its parameters and buffers."""
    tensors = [*model.parameters(), *model.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors)


def adapter_name(digest: str) -> str:
    """The adapter's name on its shared base: peft names modules after it, so no dots."""
    return f"bot_{digest[:32]}"


def adapter_bytes(model, name: str) -> int:
    """The memory of one adapter on a peft model: its tensors (``...lora_A.<name>.weight``)."""
    named = [*model.named_parameters(), *model.named_buffers()]
    return sum(t.numel() * t.element_size() for n, t in named if name in n.split("."))


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


def _quiet_adapter_switch() -> None:
    """Deleting the active adapter makes peft warn that another one is active now; serve sets
    the active adapter before every sample, so the warning says nothing."""
    warnings.filterwarnings("ignore", message=r"Adapter \S+ was active which is now deleted")


def _misfit(bot: str, err: Exception) -> BadInput:
    first = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return BadInput(f"the adapter of {bot} does not fit its base model: {first[:300]}")


def _attach(peft_model, folder: Path, name: str, bot: str) -> None:
    """Attach the published adapter of ``folder`` to a shared base, for inference."""
    try:
        peft_model.load_adapter(str(folder), adapter_name=name)
    except (ValueError, RuntimeError) as err:  # peft: a config or shapes the base cannot take
        if name in peft_model.peft_config:  # half attached: the base stays as it was
            peft_model.delete_adapter(name)
        raise _misfit(bot, err) from None
    peft_model.eval()  # no dropout: the same seed gives the same samples


def _detach(adapter: Adapter) -> None:
    """Delete ``adapter`` from its shared base, keeping its config and tensors (the same ones,
    not a copy) on it for requests that still hold it."""
    from peft import get_peft_model_state_dict

    model = adapter.base.model
    state = get_peft_model_state_dict(model, adapter_name=adapter.name, save_embedding_layers=False)
    adapter.detached = (model.peft_config[adapter.name], state)
    model.delete_adapter(adapter.name)


def _reattach(adapter: Adapter) -> None:
    """Attach a detached adapter again, from the tensors it kept."""
    from peft import set_peft_model_state_dict

    if adapter.detached is None:
        raise RuntimeError(f"adapter {adapter.name} left its base without its tensors")
    config, state = adapter.detached
    model = adapter.base.model
    model.add_adapter(adapter.name, config)
    set_peft_model_state_dict(model, state, adapter_name=adapter.name)
    model.eval()


class ModelCache:
    """At most ``max_models`` models and ``max_bytes`` of weights; LRU out.

    ``max_models`` counts bots' models (full or adapter); shared bases count in bytes only.
    """

    def __init__(self, max_models: int, max_bytes: int):
        if max_models < 1 or max_bytes < 1:
            raise ValueError("the model cache needs room for at least one model")
        self.max_models = max_models
        self.max_bytes = max_bytes
        self._models: OrderedDict[str, LoadedModel] = OrderedDict()
        self._bases: dict[str, SharedBase] = {}
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        # One load at a time: besides the cache, memory then holds at most one model coming in.
        # Only loads change which models and bases are warm, so a load sees them hold still.
        self._load_slot = threading.Lock()
        # One generation at a time (transformers samples from torch's global generator), and no
        # adapter attached to or deleted from a shared base while anything samples.
        self.generation = threading.Lock()
        self.loads = 0
        self.evictions = 0
        quiet_peft()
        _quiet_adapter_switch()

    @property
    def count(self) -> int:
        return len(self._models)

    @property
    def bases(self) -> int:
        """Shared bases warm: one per distinct base of the warm adapter bots."""
        return len(self._bases)

    @property
    def nbytes(self) -> int:
        with self._lock:
            return self._total_bytes()

    def _total_bytes(self) -> int:
        models = sum(m.nbytes for m in self._models.values())
        return models + sum(b.nbytes for b in self._bases.values())

    def _hit(self, digest: str) -> LoadedModel | None:
        with self._lock:
            found = self._models.get(digest)
            if found is not None:
                self._models.move_to_end(digest)
            return found

    def get(self, store: Store, manifest: Manifest) -> LoadedModel:
        """The warm model of this manifest, loading it (once, however many ask) when cold.

        Raises StaleManifest when the store no longer holds these bytes (a refresh landed), and
        BadInput when an adapter names a base serve may not load (a local folder, another
        bucket: only the trainer may vouch for those)."""
        digest = manifest.model_digest()
        if found := self._hit(digest):
            return found
        with self._lock:
            gate = self._loading.setdefault(digest, threading.Lock())
        with gate, self._load_slot:  # one load per model; the others wait for it, then hit
            if found := self._hit(digest):
                return found
            try:
                loaded = self._load(store, manifest, digest)
            finally:
                with self._lock:
                    self._loading.pop(digest, None)
            self._insert(loaded)
            log.info(
                "serve: loaded %s (%s), %d bytes%s",
                manifest.bot,
                manifest.revision,
                loaded.nbytes,
                " (an adapter on a shared base)" if loaded.adapter else "",
            )
            return loaded

    @contextmanager
    def generating(self, loaded: LoadedModel) -> Iterator[object]:
        """The model to sample ``loaded`` with, ready, with the generation lock held throughout.

        An adapter bot's adapter is made active on its shared base, with its own sampling
        defaults; one evicted while this request held it is attached again for the sample."""
        with self.generation:
            adapter = loaded.adapter
            if adapter is None:
                yield loaded.model
                return
            model = adapter.base.model
            evicted = adapter.name not in model.peft_config
            if evicted:
                _reattach(adapter)
            model.set_adapter(adapter.name, inference_mode=True)
            model.base_model.model.generation_config = adapter.generation_config
            try:
                yield model
            finally:
                if evicted:  # not warm: nothing else would ever delete it
                    model.delete_adapter(adapter.name)

    def _load(self, store: Store, manifest: Manifest, digest: str) -> LoadedModel:
        folder: Path = model_dir_for(store, manifest)
        if is_adapter(folder):
            return self._load_adapter(store, manifest, digest, folder)
        tokenizer, model = load(folder)
        return LoadedModel(
            digest, manifest.bot, manifest.revision, tokenizer, model, model_bytes(model)
        )

    def _load_adapter(
        self, store: Store, manifest: Manifest, digest: str, folder: Path
    ) -> LoadedModel:
        """An adapter bot on the shared base of its base model, which loads if not warm."""
        from transformers import AutoTokenizer, GenerationConfig

        # No trusted base: serve vouches for nothing a store names (BadInput, one line).
        key = resolve_base_model(adapter_base_spec(folder), store)
        tokenizer = AutoTokenizer.from_pretrained(folder)
        generation_config = GenerationConfig.from_pretrained(folder)
        name = adapter_name(digest)
        with self._lock:
            shared = self._bases.get(key)
        if shared is None:
            shared = self._load_base(key, folder, name, manifest.bot)
        else:
            with self.generation:  # the shared model changes: not while it samples
                _attach(shared.model, folder, name, manifest.bot)
        adapter = Adapter(shared, name, generation_config)
        nbytes = adapter_bytes(shared.model, name)
        return LoadedModel(
            digest, manifest.bot, manifest.revision, tokenizer, shared.model, nbytes, adapter
        )

    def _load_base(self, key: str, folder: Path, name: str, bot: str) -> SharedBase:
        """The base at ``key`` (as job.generate.load_base loads it) with a first adapter on it."""
        from peft import PeftModel
        from transformers import AutoModelForCausalLM

        from job.models import base_load_errors

        with base_load_errors(key):
            base = AutoModelForCausalLM.from_pretrained(key)
        nbytes = model_bytes(base)  # before peft adds the adapter's tensors to it
        try:
            model = PeftModel.from_pretrained(base, str(folder), adapter_name=name)
        except (ValueError, RuntimeError) as err:
            raise _misfit(bot, err) from None
        model.eval()
        log.info("serve: loaded base %s for adapters, %d bytes", key, nbytes)
        return SharedBase(key, model, nbytes)

    def _insert(self, loaded: LoadedModel) -> None:
        """Add ``loaded``, then evict LRU first down to the bounds (called in the load slot)."""
        with self._lock:
            self.loads += 1
            self._models[loaded.digest] = loaded
            if loaded.adapter:
                self._bases.setdefault(loaded.adapter.base.key, loaded.adapter.base)
            evicted = []
            while len(self._models) > 1 and (
                len(self._models) > self.max_models or self._total_bytes() > self.max_bytes
            ):
                _, gone = self._models.popitem(last=False)
                evicted.append(gone)
                self.evictions += 1
                log.info("serve: evicted %s (%s) from the cache", gone.bot, gone.revision)
            # An adapter whose base stays is deleted from it; a base no warm bot uses leaves
            # whole, adapters and all (requests that still hold it finish with it).
            detach = [a for a in (m.adapter for m in evicted) if a and self._still_used(a.base)]
        if detach:
            with self.generation:  # a request may be sampling on the same shared base
                for adapter in detach:
                    _detach(adapter)

    def _still_used(self, base: SharedBase) -> bool:
        """True while a warm bot uses ``base``; else it leaves the cache. Under self._lock."""
        if any(m.adapter and m.adapter.base is base for m in self._models.values()):
            return True
        if self._bases.get(base.key) is base:
            del self._bases[base.key]
            log.info("serve: dropped base %s: no warm adapter uses it", base.key)
        return False
