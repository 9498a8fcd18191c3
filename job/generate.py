"""Generate text with a published bot: find its model through the manifest, then sample.

A model in a local store is read where it lies when its keys are its paths. Otherwise (S3, or
a refresh that points keys into a staging folder) it is downloaded once into the cache
(htctl's one cache, ``$HT_CACHE_DIR``, else ``~/.cache/htctl``), in a folder named by the
model's content hash: a republish with new bytes lands in a new folder, and an unchanged model
is never downloaded again.

The manifest is untrusted (job.manifest validates it); every file lands inside the cache folder
or nowhere. A prompt longer than the model's context is cut from the left: the most recent
tokens are kept, leaving room for the new ones, and a warning says how many were dropped.
"""

from __future__ import annotations

import copy
import logging
import shutil
import tempfile
from pathlib import Path

from job import adapters, layout
from job.errors import BadInput, CorruptManifest, StaleManifest
from job.manifest import (
    Manifest,
    confined,
    fetch_model,
    require_manifest,
)
from job.separator import prompt_ids, separator_for
from job.store import Store

log = logging.getLogger("htctl")

DEFAULT_PROMPTS = ("My dream is", "I think that", "The best thing about")
_COMPLETE = ".complete"
# New tokens a sample gets at least, even when the prompt fills the saved max_length.
MIN_NEW_TOKENS = 40


def cache_root() -> Path:
    """The one htctl cache (``HT_CACHE_DIR``, ~/.cache/htctl...), shared with the base models."""
    from job.models import cache_dir

    return cache_dir()


def _local_model_dir(store: Store, manifest: Manifest) -> Path | None:
    """The model folder inside a local store, when its files are exactly where paths say."""
    folder = store.local_path(layout.model_dir(manifest.bot))
    if folder is None:
        return None
    for entry in manifest.model_files():
        if entry.key != entry.path:
            return None
        local = store.local_path(manifest.store_key(entry))
        if local is None or not local.is_file() or local.stat().st_size != entry.size:
            return None
    return folder


def cached_model_dir(store: Store, manifest: Manifest) -> Path:
    """The verified model folder in the cache, downloading it when it is not there yet."""
    models = cache_root() / "models"
    folder = confined(models, manifest.model_digest())
    if (folder / _COMPLETE).is_file():
        log.debug("model of %s from cache %s", manifest.bot, folder)
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Download beside the final folder, then rename: concurrent callers never see half a model.
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    confined(models, tmp.name)
    try:
        fetch_model(store, manifest.bot, tmp, manifest)
        (tmp / _COMPLETE).write_text(manifest.revision + "\n")
        try:
            tmp.rename(folder)
        except OSError:
            if not (folder / _COMPLETE).is_file():  # not a concurrent winner: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("downloaded the model of %s to %s", manifest.bot, folder)
    return folder


def model_dir_for(store: Store, manifest: Manifest) -> Path:
    """The local folder of the model this manifest lists: in place, else the verified cache."""
    if not manifest.model_files():
        raise BadInput(f"bot {manifest.bot} has no model files in its manifest")
    return _local_model_dir(store, manifest) or cached_model_dir(store, manifest)


def published_model(store: Store, bot: str, attempts: int = 3) -> tuple[Manifest, Path]:
    """The bot's manifest and a local folder holding its model (exit 2 when unknown/incomplete).

    A refresh may switch the manifest while we download; then the files we were sent no longer
    match what we read, and reading the manifest again gives the new complete bot.
    """
    mismatched: Manifest | None = None
    for attempt in range(1, attempts + 1):
        manifest = require_manifest(store, bot)
        try:
            return manifest, model_dir_for(store, manifest)
        except StaleManifest as err:
            if manifest == mismatched:  # the same manifest twice: nothing changed, bytes are bad
                raise corrupt_bytes(bot, err) from None
            if attempt == attempts:
                raise
            mismatched = manifest
            log.info("%s changed while being read; reading its manifest again", bot)
    raise AssertionError("unreachable")


def corrupt_bytes(bot: str, err: StaleManifest) -> CorruptManifest:
    """Bytes that do not match a manifest that did not change between two reads: no refresh
    explains it, so the store is corrupt (exit 2), not changing (exit 4)."""
    return CorruptManifest(f"corrupt store: {err}, and the manifest of {bot} did not change")


def published_model_dir(store: Store, bot: str, attempts: int = 3) -> Path:
    """A local folder holding the bot's published model (see ``published_model``)."""
    return published_model(store, bot, attempts)[1]


def load(model_dir: Path, store: Store | None = None, trusted_base: str | None = None):
    """(tokenizer, model) of a published model folder: full weights, or a LoRA adapter on its
    base (job/adapters.py; ``store`` resolves a ``store:`` base, ``trusted_base`` is a base the
    caller vouches for, see adapter_base_spec)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a bar per load is noise in one-line-per-sample output
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if not adapters.is_adapter(model_dir):
        model = AutoModelForCausalLM.from_pretrained(model_dir)
    else:
        base = load_base(adapter_base_spec(model_dir, trusted_base), store)
        model = adapters.attach_adapter(base, model_dir)
        # The sampling defaults travel with the adapter, not with its base.
        model.base_model.model.generation_config = GenerationConfig.from_pretrained(model_dir)
    model.eval()
    return tokenizer, model


def load_base(spec: str, store: Store | None):
    """The base model an adapter is trained on, resolved as training resolved it."""
    from transformers import AutoModelForCausalLM

    from job.models import base_load_errors, resolve_base_model

    resolved = resolve_base_model(spec, store)
    with base_load_errors(spec):
        return AutoModelForCausalLM.from_pretrained(resolved)


def adapter_base_spec(model_dir: Path, trusted_base: str | None = None) -> str:
    """The base a published adapter names, when a reader may load it.

    The adapter's config is untrusted store content: it may name the offline ``tiny``, a Hub id
    or a folder inside the same store (``store:``), but not a local folder or another bucket,
    unless the caller vouches for that base (the run that trained it, ``--base-model``).
    """
    from job.models import TINY, hub_id

    spec = adapters.adapter_base(model_dir).strip()
    if trusted_base is not None and spec == trusted_base.strip():
        return spec
    if spec == TINY or spec.startswith("store:") or hub_id(spec):
        return spec
    raise BadInput(
        f"the adapter's base model {spec!r} is a local folder or an s3:// path, which only its "
        "trainer may name: pass it with --base-model, or mirror the base into the store "
        "(htctl mirror-base) and train with store:base/..."
    )


def context_length(tokenizer, model) -> int | None:
    """The most tokens the model reads at once (None when neither model nor tokenizer says)."""
    limits = [getattr(model.config, "max_position_embeddings", None)]
    if 0 < tokenizer.model_max_length < 10**9:  # "no limit" is a huge sentinel
        limits.append(tokenizer.model_max_length)
    known = [int(x) for x in limits if x]
    return min(known) if known else None


def fit_prompt(
    ids: list[int], max_length: int, context: int | None, new_tokens: int | None = None
) -> tuple[list[int], int]:
    """The prompt's tokens and the number of new tokens to generate.

    A sample is ``max_length`` tokens in all (the saved generation config), with at least
    MIN_NEW_TOKENS new ones, or exactly ``new_tokens`` when given; a prompt that leaves no room
    for them in the context keeps only its most recent tokens.
    """
    new = new_tokens if new_tokens is not None else max(max_length - len(ids), MIN_NEW_TOKENS)
    if context is None or len(ids) + new <= context:
        return ids, new
    new = min(new, context // 2)  # a tiny context still keeps half of it for the prompt
    return ids[len(ids) - (context - new) :], new


def sample(
    tokenizer,
    model,
    prompt: str,
    n: int = 1,
    seed: int = 0,
    *,
    max_new_tokens: int | None = None,
    temperature: float | None = None,
    top_p: float | None = None,
    truncate: bool = True,
) -> list[str]:
    """``n`` samples for ``prompt`` with the model's saved generation config, prompt included.

    The prompt is prefixed with the separator (job/separator.py: ``<|endoftext|>`` for GPT-2),
    as the training text starts every post with it.
    ``max_new_tokens``, ``temperature`` and ``top_p`` override the saved config when given. A
    prompt longer than the model's context is cut from the left (see fit_prompt), or, with
    ``truncate=False`` (the serve API), is bad input.
    """
    import torch
    from transformers import set_seed

    if n < 1:
        raise BadInput(f"the number of samples must be at least 1, not {n}")
    config = copy.deepcopy(model.generation_config)
    config.num_return_sequences = n
    separator = separator_for(tokenizer)
    config.pad_token_id = tokenizer.convert_tokens_to_ids(separator.text)
    if temperature is not None:
        config.temperature = temperature
    if top_p is not None:
        config.top_p = top_p
    # Prompts start with the separator, which is also the pad token: transformers then warns
    # about padding on every call, though nothing here is padded. A long prompt would warn that
    # it exceeds the context, which fit_prompt handles.
    logging.getLogger("transformers.modeling_utils").setLevel(logging.ERROR)
    logging.getLogger("transformers.tokenization_utils_base").setLevel(logging.ERROR)
    ids = prompt_ids(tokenizer, prompt, separator)
    context = context_length(tokenizer, model)
    wanted = max_new_tokens or 1
    if not truncate and context and len(ids) + wanted > context:
        raise BadInput(
            f"the prompt is {len(ids)} tokens; with {wanted} new tokens it exceeds "
            f"the model's context of {context}"
        )
    kept, new = fit_prompt(ids, int(config.max_length or 0), context, max_new_tokens)
    if len(kept) < len(ids):
        log.warning(
            "the prompt is %d tokens, more than the model's context of %d leaves room for: "
            "kept its last %d tokens",
            len(ids),
            context,
            len(kept),
        )
    config.max_length = len(kept) + new
    config.min_length = min(int(config.min_length or 0), config.max_length)
    set_seed(seed)
    inputs = torch.tensor([kept])
    with torch.no_grad():
        output = model.generate(
            input_ids=inputs, attention_mask=torch.ones_like(inputs), generation_config=config
        )
    return [tokenizer.decode(seq, skip_special_tokens=True).strip() for seq in output]


def generate(
    store: Store,
    bot: str,
    prompt: str,
    n: int = 1,
    seed: int = 0,
    base_model: str | None = None,
    **sampling: float | None,
) -> list[str]:
    """Samples from a published bot, read through its manifest; ``sampling``: sample()'s
    max_new_tokens, temperature and top_p; ``base_model``: an adapter bot's base, vouched for."""
    tokenizer, model = load(published_model_dir(store, bot), store, trusted_base=base_model)
    return sample(tokenizer, model, prompt, n=n, seed=seed, **sampling)


def one_line(text: str) -> str:
    """A sample on one line: newlines inside it become spaces."""
    return " ".join(text.splitlines())
