"""Base models: a hub id, a local folder, a store path, or the offline ``tiny`` preset.

``resolve_base_model`` turns the ``--base-model`` text into what ``from_pretrained`` loads;
store and S3 paths are downloaded once into the local cache (``cache_dir``), so a cluster can
mirror a base model into S3 once instead of every pod pulling it from the hub.

``tiny`` is a 2-layer GPT-2 with a byte-level tokenizer built in code (256 byte tokens plus
``<|endoftext|>``), randomly initialised: the whole pipeline runs with no download.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from job import config
from job.errors import BadInput, ConfigError, TransientError
from job.mirror_record import mirrored_revision
from job.rules import EOS
from job.separator import separator_for
from job.store import Store, open_store

log = logging.getLogger("htctl")

TINY = "tiny"


def tiny_tokenizer():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    alphabet = pre_tokenizers.ByteLevel.alphabet()
    vocab = {ch: i for i, ch in enumerate(sorted(alphabet))}
    vocab[EOS] = len(vocab)
    core = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token=None))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    core.decoder = decoders.ByteLevel()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token=EOS,
        eos_token=EOS,
        unk_token=EOS,
        model_max_length=256,
    )
    tokenizer.pad_token = EOS
    return tokenizer


def tiny_model(tokenizer, seed: int = 0):
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=256,
        n_embd=64,
        n_layer=2,
        n_head=2,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    return GPT2LMHeadModel(config)


def save_tiny(folder: Path, seed: int = 0) -> Path:
    """Write the tiny preset as a save_pretrained folder (what any other base model looks like)."""
    tokenizer = tiny_tokenizer()
    tiny_model(tokenizer, seed).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


# -- where base models and build artefacts are cached ------------------------------------------

HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")


def cache_dir() -> Path:
    """A writable cache: ``$HT_CACHE_DIR``, else ``$XDG_CACHE_HOME/htctl``, else ~/.cache/htctl.

    A pod's root filesystem is read-only, so when none of those can be written we fall back to
    the temp dir (an emptyDir in the Job) rather than fail.
    """
    explicit = config.renamed("HT_CACHE_DIR", "HT_CACHE")  # HT_CACHE: the old name
    xdg = config.text("XDG_CACHE_HOME")
    candidates = [Path(explicit)] if explicit else []
    candidates.append(Path(xdg) / "htctl" if xdg else Path.home() / ".cache" / "htctl")
    candidates.append(Path(tempfile.gettempdir()) / "htctl-cache")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    raise ConfigError(f"no writable cache folder (tried {', '.join(map(str, candidates))})")


def _cached_folder(name: str, fill) -> Path:
    """``cache/base-models/name``, filled once by ``fill(tmp_folder)`` and renamed into place.

    The rename makes a half-filled folder invisible, so a crash or a concurrent rank never
    leaves a folder that a later run would trust.
    """
    target = cache_dir() / "base-models" / name
    if (target / "config.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=target.parent))
    try:
        fill(tmp)
        try:
            os.replace(tmp, target)
        except OSError:
            if not (target / "config.json").is_file():  # lost a race only if the winner finished
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _download_prefix(store: Store, prefix: str, folder: Path, spec: str) -> None:
    """Every object under ``prefix`` (a folder's worth of keys) into ``folder``."""
    prefix = prefix.strip("/")
    start = len(prefix) + 1 if prefix else 0
    files = {key[start:]: key for key in store.list(prefix + "/" if prefix else "")}
    if "config.json" not in files:
        raise BadInput(
            f"base model {spec!r}: no config.json in {store.uri}/{prefix} "
            "(expected a save_pretrained folder)"
        )
    log.info("downloading base model %s (%d files) to the local cache", spec, len(files))
    for relative, key in files.items():
        store.download_file(key, folder / relative)


def _folder_name(spec: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", spec.split("://")[-1]).strip("-.")[-40:]
    return f"{readable}-{hashlib.sha256(spec.encode()).hexdigest()[:12]}"


def resolve_base_model(spec: str, store: Store | None = None) -> str:
    """Turn ``--base-model`` into something ``from_pretrained`` loads: a local folder or a hub id.

    - ``tiny``: the offline preset, written once to the cache.
    - ``s3://bucket/prefix``: a save_pretrained folder in S3, downloaded once to the cache.
    - ``store:KEY``: a folder at KEY inside the bot's own store (local or S3), downloaded once.
    - an existing local folder: used in place.
    - anything else that looks like a hub id (``gpt2``, ``org/name``): left to the hub cache.
    """
    spec = spec.strip()
    if spec == TINY:
        return str(_cached_folder("tiny", save_tiny))
    if spec.startswith("s3://"):
        source = open_store(spec.rstrip("/"))
        target = _cached_folder(
            _folder_name(spec), lambda tmp: _download_prefix(source, "", tmp, spec)
        )
        return str(target)
    if spec.startswith("store:"):
        if store is None:
            raise BadInput(f"base model {spec!r} needs a store")
        key = spec[len("store:") :].strip("/")
        if not key:
            raise BadInput(f"base model {spec!r}: give a key, as in store:base/gpt2")
        # A folder that mirror-base wrote is cached per commit: a re-mirror is downloaded anew.
        revision = mirrored_revision(store, key)
        name = _folder_name(f"{store.uri}/{key}" + (f"@{revision}" if revision else ""))
        return str(_cached_folder(name, lambda tmp: _download_prefix(store, key, tmp, spec)))
    return _local_or_hub(spec)


def check_base_model(spec: str) -> None:
    """What can be checked of ``--base-model`` before anything runs (the CLI does, so a bad
    one fails before scrape writes a byte): a local folder needs its config.json, and a path
    that is no folder is no base model. s3:// and store: paths are checked when downloaded."""
    spec = spec.strip()
    if spec != TINY and not spec.startswith(("s3://", "store:")):
        _local_or_hub(spec)


def _local_or_hub(spec: str) -> str:
    """An existing local folder (with a config.json), or a hub id."""
    local = Path(spec).expanduser()
    if local.is_dir():
        if not (local / "config.json").is_file():
            raise BadInput(f"base model folder {local} has no config.json")
        return str(local)
    if spec.startswith((".", "/", "~")) or not HUB_ID.match(spec):
        raise BadInput(
            f"base model {spec!r} is not a folder, s3:// or store: path, hub id or 'tiny'"
        )
    return spec


def hub_id(spec: str) -> str | None:
    """The Hub id a base model spec names, or None (tiny, folders, s3:// and store: paths).

    The card's ``base_model`` metadata must be a Hub id: the Hub rejects anything else."""
    spec = spec.strip()
    if spec == TINY or spec.startswith(("s3://", "store:", ".", "/", "~")):
        return None
    if Path(spec).expanduser().is_dir() or not HUB_ID.match(spec):
        return None
    return spec


@contextmanager
def base_load_errors(name_or_path: str) -> Iterator[None]:
    """A base model that cannot be loaded: exit 4 when the Hub cannot be reached, else 2."""
    try:
        yield
    except OSError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if "connect" in first.lower() or "offline" in first.lower():
            raise TransientError(f"cannot download base model {name_or_path!r}: {first}") from None
        raise BadInput(f"cannot load base model {name_or_path!r}: {first}") from None


def load_base_model(name_or_path: str):
    """(model, tokenizer) for a resolved base model; a tokenizer without pad token gets the
    post separator (job/separator.py), the eos for GPT-2."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    with base_load_errors(name_or_path):
        tokenizer = AutoTokenizer.from_pretrained(name_or_path)
        model = AutoModelForCausalLM.from_pretrained(name_or_path)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = separator_for(tokenizer).text  # the eos for GPT-2 and most others
    # What the Trainer would align, with a warning, on first use: the tokenizer's pad token and
    # the causal-LM loss (GPT-2's config names no loss type).
    model.config.pad_token_id = model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.loss_type = "ForCausalLM"
    return model, tokenizer


def generation_config(tokenizer):
    """The sampling defaults (docs/architecture.md), saved with the model for every reader."""
    from transformers import GenerationConfig

    # The separator (job/separator.py) ends a post: <|endoftext|> for GPT-2 and tiny, where it
    # is also what a sequence starts with; other bases start with their own bos where they have one.
    separator = separator_for(tokenizer)
    eos = tokenizer.convert_tokens_to_ids(separator.text)
    bos = tokenizer.convert_tokens_to_ids(separator.bos) if separator.bos else eos
    return GenerationConfig(
        do_sample=True,
        top_p=0.95,
        temperature=1.0,
        max_length=160,
        min_length=10,
        bos_token_id=bos,
        eos_token_id=eos,
        pad_token_id=eos,
    )
