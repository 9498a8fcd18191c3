"""A bot set up the way the stages leave it, without training: prepared, then a tiny model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from job import layout
from job.bots import Bot, parse_bot
from job.manifest import entry_for_bytes, new_manifest, write_manifest
from job.models import save_tiny
from job.pipeline import RunOptions, run
from job.sources import bind_sources
from job.store import Store, open_store, upload_tree, write_json
from tests.support.cli import SAMPLE_ARCHIVE

BOT = "htctl_sample"
PROMPT = "My dream is"


MASTODON_SPEC = "mastodon:alice@example.social"  # the bot publish_fake makes by default
GENERATION_DEFAULTS = {
    "do_sample": True,
    "top_p": 0.95,
    "temperature": 1.0,
    "max_length": 160,
    "min_length": 10,
}


def metrics_fixture() -> dict:
    """metrics.json with the keys the train stage writes."""
    return {
        "eval_loss_before": 5.61,
        "eval_loss_after": 3.27,
        "perplexity_before": 273.0,
        "perplexity_after": 26.3,
        "train_seconds": 12.5,
        "train_tokens_per_second": 1234.5,
        "log_history": [
            {"step": 10, "epoch": 1.0, "loss": 5.2},
            {"step": 10, "epoch": 1.0, "eval_loss": 4.8},
            {"step": 20, "epoch": 2.0, "loss": 4.1},
            {"step": 20, "epoch": 2.0, "eval_loss": 3.9},
            {"step": 40, "epoch": 4.0, "loss": 3.2},
            {"step": 40, "epoch": 4.0, "eval_loss": 3.27},
        ],
        "hyperparameters": {
            "base_model": "tiny",
            "learning_rate": 1.372e-4,
            "lr_scheduler": "cosine",
            "epochs": 4,
            "block_size": 256,
            "micro_batch_size": 1,
            "gradient_accumulation": 1,
            "precision": "fp32",
            "zero_stage": 2,
            "seed": 0,
            "world_size": 1,
        },
        "deepspeed": {"zero_optimization": {"stage": 2}},
    }


def sample_bot() -> Bot:
    return bind_sources(parse_bot(BOT), [f"archive:{SAMPLE_ARCHIVE}"])


def make_trained_bot(store_uri: str, scratch: Path, model_seed: int = 0) -> Store:
    """The store as train leaves it: a real prepare run, model/ and then metrics.json."""
    from transformers import GenerationConfig

    store = open_store(store_uri)
    run(store, sample_bot(), RunOptions(until="prepare"))
    folder = save_tiny(scratch / f"model-{model_seed}", seed=model_seed)
    GenerationConfig(**GENERATION_DEFAULTS).save_pretrained(folder)
    upload_tree(store, layout.model_dir(BOT), folder)
    write_json(store, layout.metrics(BOT), metrics_fixture())
    return store


def publish_bot(store: Store, **options) -> None:
    run(store, sample_bot(), RunOptions(**options))


def front_matter(card: str) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", card, re.S)
    assert match, "the card starts with YAML front matter"
    return yaml.safe_load(match.group(1))


def publish_fake(store: Store, spec: str = MASTODON_SPEC) -> str:
    """Scrape and prepare for real, then stand in for train and publish: model files,
    metrics.json and a manifest (the shared format) covering raw/, dataset/ and the model."""
    bot = parse_bot(spec)
    run(store, bot, RunOptions(until="prepare"))
    name = bot.name
    published = {
        "model/model.safetensors": b"weights-v1" * 100,
        "model/config.json": b'{"n_layer": 2}',
        "README.md": b"# card v1\n",
        "metrics.json": json.dumps({"hyperparameters": {"base_model": "tiny"}}).encode(),
    }
    for path, data in published.items():
        store.write_bytes(f"{name}/{path}", data)
    entries = [entry_for_bytes(p, d) for p, d in published.items()]
    for key in store.list(f"{name}/raw/") + store.list(f"{name}/dataset/"):
        entries.append(entry_for_bytes(key[len(name) + 1 :], store.read_bytes(key)))
    write_manifest(store, new_manifest(name, entries))
    return name
