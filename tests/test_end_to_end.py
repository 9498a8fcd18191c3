"""The whole pipeline as a user runs it: the sample archive to a published bot in S3 (moto).

``htctl run`` with the offline ``tiny`` model (a short ``--max-steps`` keeps it to a minute on
two cores), then the bot is read back the way a consumer would: through its manifest.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from job import layout
from job.manifest import fetch_model, require_manifest
from job.store import open_store
from tests.support.cli import SAMPLE_ARCHIVE

BOT = "htctl_sample"
pytestmark = pytest.mark.slow


@pytest.fixture
def e2e_store(htctl, s3_store_uri):
    result = htctl(
        "run",
        BOT,
        "--source",
        f"archive:{SAMPLE_ARCHIVE}",
        "--base-model",
        "tiny",
        "--max-steps",
        "40",
        "--store",
        s3_store_uri,
    )
    assert result.returncode == 0, result.stderr
    assert "ran: scrape, prepare, train, publish" in result.stdout
    assert "sample (generated): My dream is" in result.stdout  # run ends with a sample
    return open_store(s3_store_uri)


def test_run_publishes_a_complete_bot_that_loads_and_generates(
    e2e_store, htctl, s3_store_uri, tmp_path
):
    store = e2e_store
    manifest = require_manifest(store, BOT)

    # The manifest covers every model file (and every other published file), hashes right.
    model_keys = {k[len(BOT) + 1 :] for k in store.list(f"{layout.model_dir(BOT)}/")}
    assert {"model/model.safetensors", "model/config.json", "model/generation_config.json"} <= (
        model_keys
    )
    assert {f.path for f in manifest.model_files()} == model_keys
    published = {
        k[len(BOT) + 1 :]
        for k in store.list(f"{BOT}/")
        if k != layout.manifest(BOT) and not k.startswith(f"{BOT}/checkpoints/")
    }
    assert {f.path for f in manifest.files} == published
    for entry in manifest.files:
        data = store.read_bytes(manifest.store_key(entry))
        assert (entry.size, entry.sha256) == (len(data), hashlib.sha256(data).hexdigest())

    # The model downloads through the manifest and loads with plain transformers.
    from transformers import AutoModelForCausalLM, pipeline

    folder = fetch_model(store, BOT, tmp_path / "model")
    model = AutoModelForCausalLM.from_pretrained(folder)
    assert model.generation_config.top_p == 0.95 and model.generation_config.max_length == 160
    generator = pipeline("text-generation", model=str(folder))
    out = generator("<|endoftext|>My dream is", max_new_tokens=20, num_return_sequences=2)
    assert len(out) == 2 and all("My dream is" in o["generated_text"] for o in out)

    # Training helped.
    metrics = json.loads(store.read_bytes(layout.metrics(BOT)))
    assert metrics["eval_loss_after"] < metrics["eval_loss_before"]
    # By DeepSpeed's engine, as it reports itself; one CPU process gets ZeRO stage 0.
    ds = metrics["deepspeed"]
    assert ds["engine_class"] == "deepspeed.runtime.engine.DeepSpeedEngine"
    assert ds["zero_stage"] == metrics["hyperparameters"]["zero_stage"] == 0
    assert ds["world_size"] == 1 and ds["backward_allreduce"] is False  # nothing to reduce
    assert ds["global_steps"] == metrics["global_step"] == 40

    # The card holds the exact counts of stats.json.
    stats = json.loads(store.read_bytes(layout.stats(BOT)))
    counts = stats["handles"][BOT]
    card = store.read_bytes(layout.card(BOT)).decode()
    for label, key in (
        ("Tweets downloaded", "downloaded"),
        ("Retweets", "retweets"),
        ("Short tweets", "short"),
        ("Tweets kept", "kept"),
    ):
        assert f"| {label} | {counts[key]} |" in card
    loss_row = (
        f"| Eval loss | {metrics['eval_loss_before']:.4f} | {metrics['eval_loss_after']:.4f} |"
    )
    assert loss_row in card
    assert s3_store_uri in card

    # htctl generate prints N samples.
    result = htctl(
        "generate",
        BOT,
        "I think that",
        "-n",
        "3",
        "--store",
        s3_store_uri,
        env={"HT_CACHE": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("I think that") for line in lines)

    # A rerun of the complete bot changes nothing.
    before = {k: store.read_bytes(k) for k in store.list(f"{BOT}/")}
    again = htctl(
        "run",
        BOT,
        "--source",
        f"archive:{SAMPLE_ARCHIVE}",
        "--base-model",
        "tiny",
        "--store",
        s3_store_uri,
    )
    assert again.returncode == 0, again.stderr
    assert "nothing, all present" in again.stdout
    assert {k: store.read_bytes(k) for k in store.list(f"{BOT}/")} == before
