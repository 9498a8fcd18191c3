"""The publish stage: samples, pictures and the model card next to the model, manifest last.

Reads what train left in the store (``model/`` and ``metrics.json``), generates samples for a
few prompts with the saved generation config, draws them and the loss curves, writes the card,
optionally pushes to the Hugging Face Hub, and finally writes ``manifest.json`` listing every
published file with its size and sha256. Hashes come from the bytes this stage has on local disk
(the model it downloaded, the files it wrote), so nothing big is downloaded twice. A crash
anywhere before the last write leaves no manifest, so a rerun publishes again.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from job import adapters, layout, markers
from job.bots import Bot
from job.card import render
from job.card_inputs import avatar_bytes, base_origin
from job.card_metadata import Account, CardData, majority_language
from job.errors import BadInput
from job.generate import DEFAULT_PROMPTS, load, sample
from job.hub import HubTarget, hub_target, push
from job.manifest import (
    ManifestFile,
    entry_for_bytes,
    entry_for_file,
    new_manifest,
    stored_entries,
    write_manifest,
)
from job.options import RunOptions
from job.plots import Author, draw_loss, draw_predictions
from job.progress import progress
from job.separator import Separator
from job.store import Store, write_json

log = logging.getLogger("htctl")

# Files this stage writes next to the model, in upload order.
GENERATED = ("predictions.json", "predictions.png", "loss.png", "README.md")


@contextmanager
def work_dir(bot: str, options: RunOptions) -> Iterator[Path]:
    if options.work_dir is None:
        with tempfile.TemporaryDirectory(prefix=f"htctl-publish-{bot}-") as tmp:
            yield Path(tmp)
        return
    folder = Path(options.work_dir) / f"{bot}-publish"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    yield folder


def local_model(store: Store, bot: str, work: Path) -> tuple[Path, list[ManifestFile]]:
    """The model folder on local disk (the store's own in a local store) and its entries."""
    keys = store.list(f"{layout.model_dir(bot)}/")
    if not keys:
        raise BadInput(f"no model in {store.uri}/{layout.model_dir(bot)}: run the train stage")
    in_place = store.local_path(layout.model_dir(bot))
    if in_place is not None:
        folder = in_place
    else:
        folder = work / "model"
        with progress(f"{bot}: downloading the model", total=len(keys), unit="files") as bar:
            for key in keys:
                store.download_file(key, folder / key[len(layout.model_dir(bot)) + 1 :])
                bar.advance()
    entries = []
    for key in keys:
        path = layout.path_in_bot(bot, key)
        entries.append(entry_for_file(path, folder / path[len("model/") :]))
    return folder, entries


def accounts(store: Store, bot: Bot, stats: dict) -> list[Account]:
    result = []
    for handle in bot.keys:
        meta = markers.require_marker(
            store,
            layout.raw_meta(bot.name, handle),
            markers.raw_meta_check(handle),
            "scrape",
        )
        result.append(
            Account(
                handle=handle,
                display_name=meta.get("display_name") or meta.get("handle") or handle,
                avatar_url=meta.get("avatar_url"),
                counts=stats["handles"][handle],
                source=str(meta.get("source") or "x"),
            )
        )
    return result


def post_languages(store: Store, bot: Bot) -> list[str | None]:
    """The ``lang`` of every non-retweet post in raw/ (empty when raw/ has none)."""
    from job.dataset import load_raw

    langs: list[str | None] = []
    for handle in bot.keys:
        if not store.exists(layout.raw_posts(bot.name, handle)):
            continue
        for post in load_raw(store, bot, handle):
            if isinstance(post, dict) and not post.get("is_retweet"):
                lang = post.get("lang")
                langs.append(lang if isinstance(lang, str) else None)
    return langs


def generate_samples(store: Store, model_dir: Path, options: RunOptions) -> list[dict]:
    """Seeded samples for the card; an adapter bot's base is the run's own --base-model."""
    tokenizer, model = load(model_dir, store, trusted_base=options.base_model)
    seed = options.seed
    samples = []
    with progress("generating samples", total=len(DEFAULT_PROMPTS), unit="prompts") as bar:
        # One seed per prompt: the same seed for all gives near-identical continuations.
        for offset, prompt in enumerate(DEFAULT_PROMPTS):
            text = sample(tokenizer, model, prompt, 1, seed + offset)[0]
            samples.append({"prompt": prompt, "text": text})
            bar.advance()
    return samples


def write_outputs(
    store: Store,
    spec: Bot,
    options: RunOptions,
    out: Path,
    model_dir: Path,
    metrics: dict,
    stats: dict,
    hub: HubTarget | None,
) -> None:
    """predictions.json, predictions.png, loss.png and README.md into ``out``."""
    bot = spec.name
    samples = generate_samples(store, model_dir, options)
    generation = json.loads((model_dir / "generation_config.json").read_text())
    predictions = {
        "bot": bot,
        "seed": options.seed,
        "prompt_prefix": Separator.from_dict(metrics.get("separator")).prefix,
        "generation_config": generation,
        "samples": samples,
    }
    (out / "predictions.json").write_text(json.dumps(predictions, indent=2, ensure_ascii=False))
    people = accounts(store, spec, stats)
    author = Author(
        display_name=" & ".join(a.display_name for a in people),
        handle="-".join(a.handle for a in people),
    )
    draw_predictions(samples, author, out / "predictions.png", avatar_bytes(store, bot, people))
    draw_loss(metrics.get("log_history", []), out / "loss.png", metrics.get("eval_loss_before"))
    hyperparameters = metrics.get("hyperparameters", {})
    base_model = str(hyperparameters.get("base_model", options.base_model))
    origin = base_origin(base_model, store)
    card = CardData(
        bot=bot,
        accounts=people,
        base_model=base_model,
        hyperparameters=hyperparameters,
        metrics=metrics,
        epochs_in_text=bool(stats.get("epochs_in_text", False)),
        store_uri=store.uri,
        language=majority_language(post_languages(store, spec)),
        license=origin.license,
        base_hub_id=origin.hub_id,
        base_revision=origin.revision,
        thumbnail=hub.file_url("predictions.png") if hub else "predictions.png",
        hub_repo=hub.repo_id if hub else None,
        samples=samples,
    )
    (out / "README.md").write_text(render(card), encoding="utf-8")


def push_to_hub(
    hub: HubTarget, model_dir: Path, out: Path, work: Path, bot: str, base_hub_id: str | None
) -> None:
    """The model folder plus the card and pictures, as one commit."""
    push(hub, hub_folder(model_dir, out, work, base_hub_id), f"htctl: publish {bot}")


def hub_folder(model_dir: Path, out: Path, work: Path, base_hub_id: str | None) -> Path:
    """What the Hub gets: a copy of the model folder with the card and pictures. There an
    adapter names its base by Hub id where one is known (a ``store:`` mirror means nothing
    on the Hub); the store's copy keeps the ``--base-model`` text."""
    folder = work / "hub"
    shutil.copytree(model_dir, folder)
    if base_hub_id and adapters.is_adapter(folder):
        adapters.name_base(folder, base_hub_id)
    for name in GENERATED:
        shutil.copyfile(out / name, folder / name)
    return folder


def publish(store: Store, spec: Bot, options: RunOptions) -> None:
    """The stage: publish the trained bot; ``manifest.json`` is the last write."""
    markers.invalidate(store, spec, "publish")
    bot = spec.name
    hub = hub_target(options.hub_repo, bot)
    stats = markers.require_marker(
        store, layout.stats(bot), markers.stats_check(bot, spec.keys), "prepare"
    )
    metrics = markers.require_marker(store, layout.metrics(bot), markers.METRICS_CHECK, "train")
    with work_dir(bot, options) as work:
        started = time.monotonic()
        model_dir, entries = local_model(store, bot, work)
        out = work / "out"
        out.mkdir()
        write_outputs(store, spec, options, out, model_dir, metrics, stats, hub)
        metrics_bytes = record_publishing(store, bot, metrics, time.monotonic() - started)
        for name in GENERATED:
            store.upload_file(layout.bot_file(bot, name), out / name)
            entries.append(entry_for_file(name, out / name))
        entries.append(entry_for_bytes("metrics.json", metrics_bytes))
        entries.extend(stored_entries(store, bot, work))
        if hub is not None:
            base_hub_id = base_origin(options.base_model, store).hub_id
            push_to_hub(hub, model_dir, out, work, bot, base_hub_id)
        manifest = new_manifest(bot, entries)
        write_manifest(store, manifest)
    log.info("%s: published %d files (revision %s)", bot, len(manifest.files), manifest.revision)


def record_publishing(store: Store, bot: str, metrics: dict, seconds: float) -> bytes:
    """metrics.json's timings gain ``publishing`` (model download, samples, pictures, card);
    returns the bytes now in the store, hashed as the manifest lists them.

    Train writes metrics.json before publish runs, so publish adds its own phase: rewriting
    the train marker keeps it valid (an atomic write of the same keys and one more), and the
    manifest, written after, vouches for these bytes."""
    timings = metrics.get("timings")
    if isinstance(timings, dict):
        metrics = {**metrics, "timings": {**timings, "publishing": round(seconds, 3)}}
        write_json(store, layout.metrics(bot), metrics)
    return store.read_bytes(layout.metrics(bot))


def first_sample(store: Store, bot: str) -> str | None:
    """One generated sample of a complete bot, read through its manifest (None if none)."""
    from job.manifest import read_manifest

    manifest = read_manifest(store, bot)
    entry = manifest.file("predictions.json") if manifest else None
    if entry is None:
        return None
    try:
        predictions = json.loads(store.read_bytes(manifest.store_key(entry), limit=1024 * 1024))
    except (FileNotFoundError, BadInput, ValueError, RecursionError):
        return None  # a sample is a courtesy: a store changing or corrupt does not fail the run
    samples = predictions.get("samples") if isinstance(predictions, dict) else None
    # A sample that is only its prompt is no sample.
    shown = [
        s["text"]
        for s in (samples if isinstance(samples, list) else [])
        if isinstance(s, dict)
        and isinstance(s.get("text"), str)
        and s["text"].strip() != str(s.get("prompt", "")).strip()
    ]
    return shown[0] if shown else None
