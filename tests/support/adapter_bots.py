"""Published LoRA adapter bots, built without training.

As tests/support/serve.py builds full bots: a real prepare run of a synthetic archive, then the
model folder training would leave (here a LoRA adapter on the tiny base, saved by peft, its
matrices drawn from a seed as if training had moved them, its config naming ``--base-model``),
then the real publish stage, which samples with the adapter on its base.
"""

from __future__ import annotations

from pathlib import Path

from job import layout
from job.adapters import adapter_record, name_base, with_adapter
from job.bots import parse_bot
from job.manifest import entry_for_file, new_manifest, write_manifest
from job.models import generation_config, load_base_model, resolve_base_model
from job.options import RunOptions, TrainSettings
from job.pipeline import run
from job.sources import bind_sources
from job.store import Store, upload_tree, write_json
from tests.support.archives import build_archive, synthetic_posts
from tests.support.publishing import metrics_fixture

LORA = TrainSettings(adapter="lora")


def save_adapter(
    folder: Path, base: str, seed: int, sampling: dict, trained_on: str = "tiny"
) -> dict:
    """A LoRA adapter on ``trained_on`` into ``folder`` as training saves one (tokenizer and
    sampling defaults beside it, ``base`` in its config); returns metrics.json's record."""
    import torch

    model, tokenizer = load_base_model(resolve_base_model(trained_on))
    adapted = with_adapter(model, LORA)
    draw = torch.Generator().manual_seed(seed)
    with torch.no_grad():  # LoRA starts as a no-op (B = 0): give it weights of its own
        for name, tensor in adapted.named_parameters():
            if "lora_" in name:
                tensor.copy_(torch.randn(tensor.shape, generator=draw) * 0.5)
    config = generation_config(tokenizer)
    config.update(**sampling)
    adapted.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    config.save_pretrained(folder)
    (folder / "README.md").unlink(missing_ok=True)  # peft's stub, as training removes it
    name_base(folder, base)
    return adapter_record(adapted, LORA)


def publish_adapter_bot(
    store: Store,
    name: str,
    scratch: Path,
    seed: int,
    base: str = "tiny",
    sampling: dict | None = None,
) -> None:
    """Prepare a synthetic archive of ``name``, add an adapter on ``base``, publish (which the
    run's own ``--base-model`` lets load whatever base it names)."""
    archive = build_archive(
        scratch / f"{name}-archive",
        synthetic_posts(300, seed=seed),
        username=name,
        display_name=f"{name.replace('_', ' ').title()} (synthetic)",
    )
    bot = bind_sources(parse_bot(name), [f"archive:{archive}"])
    run(store, bot, RunOptions(until="prepare"))
    folder = scratch / f"{name}-adapter"
    record = save_adapter(folder, base, seed, sampling or {})
    upload_tree(store, layout.model_dir(name), folder)
    metrics = metrics_fixture()
    metrics["adapter"] = record
    metrics["hyperparameters"]["base_model"] = base
    write_json(store, layout.metrics(name), metrics)
    run(store, bot, RunOptions(base_model=base))


def publish_model_only(store: Store, name: str, folder: Path) -> None:
    """A bot whose manifest lists only the model of ``folder`` (what serve's cache reads)."""
    upload_tree(store, layout.model_dir(name), folder)
    files = sorted(p for p in folder.iterdir() if p.is_file())
    write_manifest(store, new_manifest(name, [entry_for_file(f"model/{p.name}", p) for p in files]))
