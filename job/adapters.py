"""LoRA adapter bots through peft: what an adapter trains, and how a published one is loaded.

A bot is either a full fine-tune (``adapter none``: every weight trained and published) or a
LoRA adapter (``adapter lora``): the base stays frozen, small low-rank matrices are trained beside
the modules named below, and only they are published (``adapter_model.safetensors`` and
``adapter_config.json``, a few MB instead of the whole model). ``merge`` folds the trained
adapter into the base weights and publishes a plain full model instead.

The published adapter names its base in ``adapter_config.json`` (``base_model_name_or_path``)
with the ``--base-model`` text it was trained from: a Hub id, ``tiny``, a ``store:`` or ``s3://``
path, so htctl resolves it as training did (job/models.py), from the Hub, the cache or the store.
See the README's "Adapters (LoRA)" and docs/architecture.md (Training recipe).
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path

from job.errors import BadInput, CorruptManifest
from job.options import TrainSettings

log = logging.getLogger("htctl")

ADAPTER_CONFIG = "adapter_config.json"
ADAPTER_WEIGHTS = "adapter_model.safetensors"

# The modules LoRA adapts, per architecture (config.model_type): attention and MLP projections,
# the output layer left out. An architecture not listed gets peft's "all-linear", the same rule
# found by module type.
_LLAMA_LIKE = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
TARGET_MODULES: dict[str, tuple[str, ...]] = {
    "gpt2": ("c_attn", "c_proj", "c_fc"),
    "gpt_neox": ("query_key_value", "dense", "dense_h_to_4h", "dense_4h_to_h"),
    "llama": _LLAMA_LIKE,
    "mistral": _LLAMA_LIKE,
    "qwen2": _LLAMA_LIKE,
    "qwen3": _LLAMA_LIKE,
    "gemma": _LLAMA_LIKE,
    "gemma2": _LLAMA_LIKE,
    "olmo2": _LLAMA_LIKE,
}
ALL_LINEAR = "all-linear"


def target_modules(model, settings: TrainSettings) -> list[str] | str:
    """The modules to adapt: the settings' names when given, else the architecture's."""
    if settings.lora_targets:
        return list(settings.lora_targets)
    return list(TARGET_MODULES.get(model.config.model_type, ())) or ALL_LINEAR


def lora_config(model, settings: TrainSettings):
    from peft import LoraConfig

    return LoraConfig(
        task_type="CAUSAL_LM",
        r=settings.lora_rank,
        lora_alpha=settings.lora_alpha,
        lora_dropout=settings.lora_dropout,
        target_modules=target_modules(model, settings),
        # GPT-2's projections are Conv1D, whose weights are stored transposed.
        fan_in_fan_out=model.config.model_type == "gpt2",
    )


def quiet_peft() -> None:
    """peft asks transformers a deprecated question on every wrap; its FutureWarning would
    reach stderr, which keeps only htctl's error line."""
    warnings.filterwarnings(
        "ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning
    )


def with_adapter(model, settings: TrainSettings, seed: int = 0):
    """The model to train: the base itself (full fine-tune) or the base wrapped in a fresh LoRA
    adapter, only whose weights train. Target names that match no module are bad input.

    The adapter's random start comes from ``seed``: it is drawn before the Trainer seeds
    anything, so without it the same run would start from different weights."""
    if settings.adapter != "lora":
        return model
    import torch
    from peft import get_peft_model

    quiet_peft()
    torch.manual_seed(seed)
    try:
        adapted = get_peft_model(model, lora_config(model, settings))
    except ValueError as err:  # peft: "Target modules {...} not found in the base model"
        first = str(err).strip().splitlines()[0]
        raise BadInput(f"LoRA target modules: {first}") from None
    trainable, total = adapted.get_nb_trainable_parameters()
    log.info(
        "train: LoRA rank %d on %s: %d of %d parameters train (%.2f%%)",
        settings.lora_rank,
        ", ".join(sorted(adapted.peft_config["default"].target_modules)),
        trainable,
        total,
        100 * trainable / total,
    )
    return adapted


def adapter_record(model, settings: TrainSettings) -> dict | None:
    """metrics.json's ``adapter``: what was trained and published (None for a full fine-tune)."""
    if settings.adapter != "lora":
        return None
    config = model.peft_config["default"]
    trainable, total = model.get_nb_trainable_parameters()
    return {
        "type": "lora",
        "rank": config.r,
        "alpha": config.lora_alpha,
        "dropout": config.lora_dropout,
        "target_modules": sorted(config.target_modules),
        "trainable_parameters": trainable,
        "total_parameters": total,
        "merged": settings.merge,
    }


def hyperparameters(settings: TrainSettings) -> dict:
    """The adapter's part of the run's identity (checkpoints of another adapter never resume)."""
    if settings.adapter != "lora":
        return {"adapter": "none"}
    return {
        "adapter": "lora",
        "lora_rank": settings.lora_rank,
        "lora_alpha": settings.lora_alpha,
        "lora_dropout": settings.lora_dropout,
        "lora_targets": ",".join(settings.lora_targets) or "default",
        "merge_adapter": settings.merge,
    }


def name_base(model_dir: Path, base_spec: str) -> None:
    """Make the saved adapter_config.json name the ``--base-model`` text, not the local cache
    folder it resolved to, so readers resolve the base as training did. (Set after saving:
    while saving, peft reads the base's config from that name.)"""
    path = model_dir / ADAPTER_CONFIG
    config = json.loads(path.read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = base_spec
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def save_model_folder(trainer, tokenizer, settings: TrainSettings, model_dir: Path) -> None:
    """The published model folder: the full weights, the LoRA adapter, or the adapter merged
    into the base's weights; each with the tokenizer and the sampling defaults."""
    from job.models import generation_config

    gen_config = generation_config(tokenizer)
    if settings.adapter == "lora" and settings.merge:
        merged = trainer.model.merge_and_unload()
        merged.generation_config = gen_config
        merged.save_pretrained(model_dir)
        tokenizer.save_pretrained(model_dir)
    else:
        trainer.model.generation_config = gen_config
        trainer.save_model(str(model_dir))  # a PeftModel saves only its adapter
    gen_config.save_pretrained(model_dir)
    # A pickle of our TrainingArguments: not part of a model folder; metrics.json has them.
    (model_dir / "training_args.bin").unlink(missing_ok=True)
    if settings.adapter == "lora":
        (model_dir / "README.md").unlink(missing_ok=True)  # peft's stub: the bot has its card


# -- a published adapter -------------------------------------------------------------------------


def is_adapter(model_dir: Path) -> bool:
    return (model_dir / ADAPTER_CONFIG).is_file()


def adapter_base(model_dir: Path) -> str:
    """The ``--base-model`` text a published adapter was trained from (its adapter_config)."""
    try:
        config = json.loads((model_dir / ADAPTER_CONFIG).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CorruptManifest(f"corrupt store: unreadable {ADAPTER_CONFIG}: {err}") from None
    base = config.get("base_model_name_or_path") if isinstance(config, dict) else None
    if not isinstance(base, str) or not base.strip() or len(base) > 1000:
        raise CorruptManifest(f"corrupt store: {ADAPTER_CONFIG} names no base model")
    return base


def attach_adapter(base_model, model_dir: Path, name: str = "default"):
    """``base_model`` with the published adapter of ``model_dir`` on it, for inference."""
    from peft import PeftModel

    quiet_peft()
    return PeftModel.from_pretrained(base_model, str(model_dir), adapter_name=name)
