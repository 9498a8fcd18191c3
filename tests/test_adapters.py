"""LoRA adapter bots (job/adapters.py): the settings, what trains, what is published, and how a
published adapter is loaded again (generate, publish, resume, --merge)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from job import layout
from job.adapters import (
    ADAPTER_CONFIG,
    ADAPTER_WEIGHTS,
    TARGET_MODULES,
    adapter_base,
    with_adapter,
)
from job.errors import BadInput, CorruptManifest, Preempted
from job.generate import adapter_base_spec, load, published_model_dir
from job.models import load_base_model, resolve_base_model, save_tiny
from job.options import LEARNING_RATE, LORA_LEARNING_RATE, TrainSettings
from job.store import open_store
from tests.support.bases import ARCHITECTURES, save_base
from tests.support.cli import assert_one_error_line
from tests.support.training import BOT, ONE_THREAD, sigterm_during_training, tiny_run_args

LORA = TrainSettings(adapter="lora")


# -- settings ------------------------------------------------------------------------------------


def test_full_fine_tuning_is_the_default_and_lora_takes_its_own_learning_rate():
    assert TrainSettings().adapter == "none"
    assert TrainSettings().base_learning_rate == LEARNING_RATE
    assert LORA.base_learning_rate == LORA_LEARNING_RATE > LEARNING_RATE
    assert TrainSettings(adapter="lora", learning_rate=2e-4).base_learning_rate == 2e-4


def test_the_flags_comma_separated_targets_become_module_names():
    settings = TrainSettings.from_dict({"adapter": "LoRA", "lora_targets": " q_proj, v_proj ,"})
    assert settings.adapter == "lora"
    assert settings.lora_targets == ("q_proj", "v_proj")


@pytest.mark.parametrize(
    "values",
    [
        {"adapter": "qlora"},
        {"merge": True},  # nothing to merge in a full fine-tune
        {"adapter": "lora", "merge": True, "zero_stage": 3},
        {"adapter": "lora", "lora_rank": 0},
        {"adapter": "lora", "lora_alpha": math.nan},
        {"adapter": "lora", "lora_alpha": -1.0},
        {"adapter": "lora", "lora_dropout": 1.0},
        {"adapter": "lora", "lora_dropout": math.nan},
        {"adapter": "lora", "lora_targets": "c_attn,../../x"},
        {"learning_rate": math.inf},
    ],
)
def test_bad_adapter_settings_are_bad_input(values):
    with pytest.raises(BadInput):
        TrainSettings.from_dict(values)


# -- what trains ---------------------------------------------------------------------------------


def trainable(model) -> dict[str, int]:
    return {name: p.numel() for name, p in model.named_parameters() if p.requires_grad}


def test_tiny_gpt2_adapts_attention_and_mlp_and_only_the_adapter_trains(tmp_path):
    model, _ = load_base_model(str(save_tiny(tmp_path / "tiny")))
    total = sum(p.numel() for p in model.parameters())
    adapted = with_adapter(model, LORA)
    names = trainable(adapted)
    assert names and all("lora_" in name for name in names)
    for module in ("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"):
        assert any(f"{module}.lora_A" in name for name in names), module
    assert sum(names.values()) < total / 4


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_every_architecture_has_its_own_targets_which_exist_in_it(architecture, tmp_path):
    model, _ = load_base_model(str(save_base(architecture, tmp_path / architecture)))
    adapted = with_adapter(model, LORA)
    a_matrices = [name for name in trainable(adapted) if ".lora_A." in name]
    adapted_modules = {name.split(".lora_A.")[0].rsplit(".", 1)[-1] for name in a_matrices}
    assert adapted_modules == set(TARGET_MODULES[architecture])


def test_the_adapter_starts_from_the_runs_seed(tmp_path):
    folder = save_tiny(tmp_path / "tiny")

    before = iter(range(1000, 1010))

    def start(seed: int) -> dict:
        import torch

        torch.manual_seed(next(before))  # whatever the process drew before must not matter
        adapted = with_adapter(load_base_model(str(folder))[0], LORA, seed=seed)
        return {n: p.detach().clone() for n, p in adapted.named_parameters() if "lora_A" in n}

    first, again, other = start(0), start(0), start(1)
    assert first.keys() == again.keys() == other.keys() and first
    assert all(first[n].equal(again[n]) for n in first)
    assert not all(first[n].equal(other[n]) for n in first)


def test_a_target_module_the_base_lacks_is_bad_input(tmp_path):
    model, _ = load_base_model(str(save_tiny(tmp_path / "tiny")))
    with pytest.raises(BadInput, match="LoRA target modules"):
        with_adapter(model, TrainSettings(adapter="lora", lora_targets=("q_proj",)))


def test_the_full_fine_tune_is_the_base_itself(tmp_path):
    model, _ = load_base_model(str(save_tiny(tmp_path / "tiny")))
    assert with_adapter(model, TrainSettings()) is model


# -- which base a published adapter may name -------------------------------------------------------


def adapter_folder(tmp_path: Path, base: object) -> Path:
    folder = tmp_path / "adapter"
    folder.mkdir(exist_ok=True)
    (folder / ADAPTER_CONFIG).write_text(json.dumps({"base_model_name_or_path": base}))
    return folder


@pytest.mark.parametrize("base", ["tiny", "gpt2", "HuggingFaceTB/SmolLM2-135M", "store:base/gpt2"])
def test_an_adapter_may_name_tiny_a_hub_id_or_a_folder_of_its_own_store(base, tmp_path):
    assert adapter_base_spec(adapter_folder(tmp_path, base)) == base


@pytest.mark.parametrize("base", ["/etc", "s3://someone-elses-bucket/model", "~/models/x", "../x"])
def test_an_adapter_naming_a_local_folder_or_another_bucket_is_refused(base, tmp_path):
    folder = adapter_folder(tmp_path, base)
    with pytest.raises(BadInput, match="--base-model"):
        adapter_base_spec(folder)
    assert adapter_base_spec(folder, trusted_base=base) == base  # unless the caller vouches


@pytest.mark.parametrize("base", [None, 7, "", "x" * 2000])
def test_an_adapter_config_without_a_usable_base_is_a_corrupt_store(base, tmp_path):
    with pytest.raises(CorruptManifest):
        adapter_base(adapter_folder(tmp_path, base))
    (tmp_path / "adapter" / ADAPTER_CONFIG).write_text("{not json")
    with pytest.raises(CorruptManifest):
        adapter_base(tmp_path / "adapter")


# -- end to end ------------------------------------------------------------------------------------


def lora_run(sample_archive: Path, store: str, *extra: str) -> list[str]:
    return tiny_run_args(
        sample_archive, store, "--adapter", "lora", "--max-steps", "8", *extra, until=None
    )


def logits(model, tokenizer, text: str = "hello world"):
    import torch

    with torch.no_grad():
        return model(**tokenizer(text, return_tensors="pt")).logits


@pytest.mark.slow
def test_a_lora_bot_publishes_the_adapter_alone_and_generates_on_its_base(
    htctl, sample_archive, local_store_uri, tmp_path
):
    result = htctl(*lora_run(sample_archive, local_store_uri), env=ONE_THREAD)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr.strip() == ""  # peft's warnings do not reach stderr

    store = open_store(local_store_uri)
    folder = published_model_dir(store, BOT)
    files = {p.name for p in folder.iterdir()}
    assert {ADAPTER_WEIGHTS, ADAPTER_CONFIG, "tokenizer.json", "generation_config.json"} <= files
    assert "model.safetensors" not in files and "README.md" not in files
    config = json.loads((folder / ADAPTER_CONFIG).read_text())
    assert config["base_model_name_or_path"] == "tiny"  # what --base-model said, not a cache path
    base_dir = Path(resolve_base_model("tiny"))
    full_size = (base_dir / "model.safetensors").stat().st_size
    assert (folder / ADAPTER_WEIGHTS).stat().st_size < full_size / 2

    metrics = json.loads(store.read_bytes(layout.metrics(BOT)))
    record = metrics["adapter"]
    assert record["type"] == "lora" and record["rank"] == 16 and record["merged"] is False
    assert record["target_modules"] == ["c_attn", "c_fc", "c_proj"]
    assert 0 < record["trainable_parameters"] < record["total_parameters"]
    assert metrics["hyperparameters"]["adapter"] == "lora"
    assert metrics["hyperparameters"]["base_learning_rate"] == LORA_LEARNING_RATE

    card = store.read_bytes(layout.card(BOT)).decode()
    assert "library_name: peft" in card and "- lora" in card
    assert "PeftModel.from_pretrained(base, " in card
    assert "Only a LoRA adapter was trained" in card

    # Plain peft on the base gives what htctl loads, and the adapter moved the base's output.
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    tokenizer, model = load(folder, store)
    base = AutoModelForCausalLM.from_pretrained(base_dir)
    before = logits(base, tokenizer)
    plain = PeftModel.from_pretrained(base, str(folder)).eval()
    assert logits(plain, tokenizer).allclose(logits(model, tokenizer), atol=1e-5)
    assert not logits(model, tokenizer).allclose(before, atol=1e-4)

    generated = htctl("generate", BOT, "My dream is", "-n", "2", "--store", local_store_uri)
    assert generated.returncode == 0, generated.stderr
    lines = generated.stdout.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("My dream is") for line in lines)


@pytest.mark.slow
def test_merge_publishes_full_weights_that_load_without_peft(
    htctl, sample_archive, local_store_uri, tmp_path
):
    result = htctl(*lora_run(sample_archive, local_store_uri, "--merge"), env=ONE_THREAD)
    assert result.returncode == 0, result.stderr[-3000:]
    store = open_store(local_store_uri)
    folder = published_model_dir(store, BOT)
    files = {p.name for p in folder.iterdir()}
    assert "model.safetensors" in files and ADAPTER_CONFIG not in files
    metrics = json.loads(store.read_bytes(layout.metrics(BOT)))
    assert metrics["adapter"]["merged"] is True
    card = store.read_bytes(layout.card(BOT)).decode()
    assert "library_name: transformers" in card and "merged into the base" in card
    assert "PeftModel" not in card

    from transformers import AutoModelForCausalLM, AutoTokenizer

    merged = AutoModelForCausalLM.from_pretrained(folder)
    base = AutoModelForCausalLM.from_pretrained(resolve_base_model("tiny"))
    assert not any("lora" in name for name, _ in merged.named_parameters())
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert not logits(merged, tokenizer).allclose(logits(base, tokenizer), atol=1e-4)


@pytest.mark.slow
def test_a_lora_run_stopped_by_sigterm_resumes_its_adapter(
    htctl, sample_archive, local_store_uri, tmp_path
):
    args = tiny_run_args(
        sample_archive,
        local_store_uri,
        "--adapter",
        "lora",
        "--max-steps",
        "80",
        "--checkpoint-every",
        "0",
    )
    rc, stdout, _ = sigterm_during_training(args, tmp_path, steps=80)
    assert rc == Preempted.exit_code, stdout[-3000:]
    store = open_store(local_store_uri)
    step = json.loads(store.read_bytes(f"{BOT}/checkpoints/latest.json"))["step"]
    assert store.exists(f"{BOT}/checkpoints/checkpoint-{step}/{ADAPTER_WEIGHTS}")
    assert not store.exists(f"{BOT}/checkpoints/checkpoint-{step}/model.safetensors")

    rerun = htctl(*args, env=ONE_THREAD)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert f"resuming from the checkpoint at step {step} in the store" in rerun.stdout
    metrics = json.loads(store.read_bytes(layout.metrics(BOT)))
    assert metrics["resumed_from_step"] == step and metrics["global_step"] == 80
    assert metrics["adapter"]["type"] == "lora"
    assert metrics["eval_loss_after"] < metrics["eval_loss_before"]
    assert store.exists(f"{layout.model_dir(BOT)}/{ADAPTER_WEIGHTS}")


@pytest.mark.slow
def test_an_adapter_on_a_local_folder_base_generates_only_with_that_base_given(
    htctl, sample_archive, local_store_uri, tmp_path
):
    base = save_base("llama", tmp_path / "llama")
    args = lora_run(sample_archive, local_store_uri)
    args[args.index("tiny")] = str(base)
    result = htctl(*args, env=ONE_THREAD)
    assert result.returncode == 0, result.stderr[-3000:]  # publish trusts its own --base-model

    prompt = ["generate", BOT, "My dream is", "--store", local_store_uri]
    refused = htctl(*prompt, env=ONE_THREAD)
    assert_one_error_line(refused, 2, "local folder", "--base-model")
    given = htctl(*prompt, "--base-model", str(base), env=ONE_THREAD)
    assert given.returncode == 0, given.stderr
    assert given.stdout.startswith("My dream is")


def test_an_adapter_whose_hub_base_cannot_be_had_is_one_error_not_a_traceback(
    tmp_path, monkeypatch
):
    from job.errors import HTError
    from job.models import tiny_tokenizer

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    folder = adapter_folder(tmp_path, "someone/no-such-base")
    tiny_tokenizer().save_pretrained(folder)
    with pytest.raises(HTError, match="cannot (download|load) base model 'someone/no-such-base'"):
        load(folder)
