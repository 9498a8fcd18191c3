"""The train stage: the recipe on DeepSpeed, base-model resolution, preemption and resume.

The end-to-end tests run the real CLI in a subprocess against moto's S3 server with the offline
``tiny`` model and a small ``--max-steps`` (the recipe's 4 epochs are the CLI default; on two
shared cores a few dozen steps show the same code paths). They train on one thread: on a CPU
shared with other jobs, two OpenMP threads spin against each other and were measured 10x slower.
"""

from __future__ import annotations

import importlib.util
import os
import signal
from pathlib import Path

import pytest

from job.blocks import PadCollator, pack
from job.checkpoints import StoreCheckpoints
from job.deepspeed_config import deepspeed_config
from job.errors import BadInput, ConfigError, Preempted
from job.hardware import (
    Hardware,
    cpu_threads,
    fastest_thread_count,
    use_cpu_threads,
    zero_stage_for,
)
from job.models import generation_config, resolve_base_model, save_tiny, tiny_tokenizer
from job.options import LEARNING_RATE, TrainSettings
from job.store import LocalStore, S3Store, download_tree, read_json, upload_tree
from job.tracking import report_to
from tests.support.training import BOT, ONE_THREAD, sigterm_during_training, tiny_run_args

METRIC_KEYS = {
    "eval_loss_before",
    "eval_loss_after",
    "perplexity_before",
    "perplexity_after",
    "train_seconds",
    "train_tokens_per_second",
    "log_history",
    "hyperparameters",
    "deepspeed",
}
HYPERPARAMETER_KEYS = {
    "base_model",
    "learning_rate",
    "lr_scheduler",
    "epochs",
    "block_size",
    "micro_batch_size",
    "gradient_accumulation",
    "precision",
    "zero_stage",
    "seed",
    "world_size",
}


# -- pieces ------------------------------------------------------------------------------------


def test_pack_cuts_blocks_and_keeps_a_tail_of_two_or_more_tokens():
    assert pack(list(range(10)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert pack(list(range(9)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7]]  # a 1-token tail has no target
    assert pack([5, 6, 7], 1024) == [[5, 6, 7]]  # a valid.txt shorter than one block still counts


def test_collator_masks_only_padding_even_when_pad_is_the_eos_token():
    eos = 256
    batch = PadCollator(pad_id=eos)([{"input_ids": [1, eos, 2]}, {"input_ids": [3, eos]}])
    assert batch["input_ids"].tolist() == [[1, eos, 2], [3, eos, eos]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    # The real <|endoftext|> is a target (posts must learn to end); the padding one is not.
    assert batch["labels"].tolist() == [[1, eos, 2], [3, eos, -100]]


def test_default_settings_are_the_recipe():
    settings = TrainSettings.from_dict({})
    assert settings.epochs == 4
    assert settings.base_learning_rate == LEARNING_RATE == 1.372e-4
    assert settings.adapter == "none"
    assert settings.max_steps == -1
    gpu = Hardware("cuda", "H100", "bf16", optim="adamw_torch_fused")
    assert zero_stage_for(settings.zero_stage, gpu, world_size=1) == 2
    config = deepspeed_config(zero_stage_for(settings.zero_stage, gpu, world_size=1))
    assert config["zero_optimization"]["stage"] == 2
    assert config["bf16"] == {"enabled": "auto"}  # the Trainer fills it from the hardware choice


def test_zero_stage_is_2_except_for_a_single_cpu_process():
    cpu = Hardware("cpu", "cpu", "fp32", optim="adamw_torch_fused")
    gpu = Hardware("cuda", "A10G", "bf16", optim="adamw_torch_fused")
    # One CPU rank: nothing to partition, so no ZeRO bookkeeping per step.
    assert zero_stage_for(None, cpu, world_size=1) == 0
    assert zero_stage_for(None, cpu, world_size=4) == 2
    assert zero_stage_for(None, gpu, world_size=1) == 2
    assert zero_stage_for(None, gpu, world_size=8) == 2
    # --zero-stage always wins.
    assert zero_stage_for(2, cpu, world_size=1) == 2
    assert zero_stage_for(0, gpu, world_size=8) == 0
    assert TrainSettings.from_dict({"zero_stage": 3}).zero_stage == 3


@pytest.mark.parametrize(
    "values",
    [{"zero_stage": 4}, {"micro_batch": 0}, {"epochs": 0}, {"checkpoint_every": -1}, {"lr": 1}],
)
def test_bad_training_settings_are_bad_input(values):
    with pytest.raises(BadInput):
        TrainSettings.from_dict(values)


def test_wandb_is_off_unless_configured():
    assert report_to({}) == []
    assert report_to({"WANDB_PROJECT": "bots", "HT_WANDB": "0"}) == []
    if importlib.util.find_spec("wandb") is None:
        with pytest.raises(ConfigError, match="wandb is not installed"):
            report_to({"HT_WANDB": "1"})
    else:
        assert report_to({"HT_WANDB": "1"}) == ["wandb"]
        assert report_to({"WANDB_PROJECT": "bots"}) == ["wandb"]


def test_cpu_threads_follow_omp_num_threads_else_the_faster_measured(monkeypatch):
    import torch

    cpu = Hardware("cpu", "cpu", "fp32", optim="adamw_torch_fused")
    before = torch.get_num_threads()
    try:
        monkeypatch.setenv("OMP_NUM_THREADS", "1")
        assert use_cpu_threads(cpu) == 1 == torch.get_num_threads()
        monkeypatch.delenv("OMP_NUM_THREADS")
        chosen = use_cpu_threads(cpu)
        assert chosen in (1, cpu_threads()) and torch.get_num_threads() == chosen
        assert os.environ["OMP_NUM_THREADS"] == str(chosen)  # accelerate must not pick another
        assert fastest_thread_count([1]) == 1
    finally:
        torch.set_num_threads(before)


def test_preempted_exits_143():
    assert Preempted.exit_code == 128 + signal.SIGTERM


def test_generation_defaults_match_the_design():
    config = generation_config(tiny_tokenizer())
    eos = tiny_tokenizer().eos_token_id
    assert (config.do_sample, config.top_p, config.temperature) == (True, 0.95, 1.0)
    assert (config.max_length, config.min_length) == (160, 10)
    assert config.bos_token_id == config.eos_token_id == eos


# -- base models -------------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HT_CACHE_DIR", str(folder))
    return folder


def test_tiny_and_hub_ids_and_local_folders(cache, tmp_path):
    tiny = Path(resolve_base_model("tiny"))
    assert (tiny / "config.json").is_file() and (tiny / "model.safetensors").is_file()
    assert tiny.is_relative_to(cache)
    assert resolve_base_model("gpt2") == "gpt2"
    assert resolve_base_model("openai-community/gpt2") == "openai-community/gpt2"
    assert resolve_base_model(str(tiny)) == str(tiny)
    with pytest.raises(BadInput, match="no config.json"):
        resolve_base_model(str(tmp_path))
    with pytest.raises(BadInput):
        resolve_base_model("./no/such/folder")


def test_store_path_is_downloaded_once(cache, tmp_path):
    store = LocalStore(tmp_path / "store")
    upload_tree(store, "base/tiny", save_tiny(tmp_path / "src"))
    first = Path(resolve_base_model("store:base/tiny", store))
    assert sorted(p.name for p in first.iterdir()) == sorted(
        p.name for p in (tmp_path / "src").iterdir()
    )
    for key in store.list("base/"):
        store.delete(key)
    assert Path(resolve_base_model("store:base/tiny", store)) == first  # from the cache
    with pytest.raises(BadInput, match="no config.json"):
        resolve_base_model("store:base/other", store)


def test_s3_path_is_downloaded(cache, tmp_path, s3_bucket):
    upload_tree(S3Store(f"s3://{s3_bucket}"), "mirror/tiny", save_tiny(tmp_path / "src"))
    folder = Path(resolve_base_model(f"s3://{s3_bucket}/mirror/tiny"))
    assert (folder / "config.json").is_file() and (folder / "model.safetensors").is_file()
    assert (folder / "model.safetensors").read_bytes() == (
        tmp_path / "src" / "model.safetensors"
    ).read_bytes()
    with pytest.raises(BadInput):
        resolve_base_model(f"s3://{s3_bucket}/mirror/none")


def test_store_checkpoint_from_other_settings_is_not_resumed(tmp_path):
    store = LocalStore(tmp_path / "store")
    folder = tmp_path / "checkpoint-7"
    (folder / "global_step7").mkdir(parents=True)
    (folder / "global_step7" / "mp_rank_00_model_states.pt").write_bytes(b"x")
    StoreCheckpoints(store, BOT, "aaaa").upload(folder, 7)
    assert StoreCheckpoints(store, BOT, "aaaa").latest()["step"] == 7
    assert StoreCheckpoints(store, BOT, "bbbb").latest() is None
    StoreCheckpoints(store, BOT, "aaaa").clear()
    assert store.list(f"{BOT}/checkpoints/") == []


# -- end to end --------------------------------------------------------------------------------


@pytest.mark.slow
def test_tiny_run_trains_with_deepspeed_into_s3(htctl, sample_archive, s3_store_uri, tmp_path):
    # ZeRO stage 2 as a GPU would run it (a single CPU process defaults to stage 0).
    args = tiny_run_args(sample_archive, s3_store_uri, "--max-steps", "40", "--zero-stage", "2")
    result = htctl(*args, "--checkpoint-every", "20", env=ONE_THREAD)
    assert result.returncode == 0, result.stderr[-3000:]
    store = S3Store(s3_store_uri)
    metrics = read_json(store, f"{BOT}/metrics.json")
    assert set(metrics) >= METRIC_KEYS
    assert metrics["eval_loss_after"] < metrics["eval_loss_before"]
    assert metrics["perplexity_after"] < metrics["perplexity_before"]
    assert metrics["train_seconds"] > 0 and metrics["train_tokens_per_second"] > 0

    hp = metrics["hyperparameters"]
    assert set(hp) >= HYPERPARAMETER_KEYS
    assert (hp["learning_rate"], hp["lr_scheduler"], hp["epochs"]) == (1.372e-4, "cosine", 4.0)
    assert (hp["block_size"], hp["micro_batch_size"], hp["precision"]) == (256, 1, "fp32")

    # The engine that ran the steps, as it describes itself, not the config we asked for.
    ds = metrics["deepspeed"]
    assert ds["engine_class"] == "deepspeed.runtime.engine.DeepSpeedEngine"
    assert ds["zero_stage"] == hp["zero_stage"] == 2
    assert ds["backward_allreduce"] is True  # ZeRO-2's optimizer gathers gradients through it
    assert ds["optimizer_class"] == "DeepSpeedZeroOptimizer"
    assert ds["global_steps"] == metrics["global_step"] == 40

    steps = [e["step"] for e in metrics["log_history"] if "loss" in e]
    evals = [e["step"] for e in metrics["log_history"] if "eval_loss" in e]
    assert steps[0] == 1 and steps[-1] == 40
    assert evals[0] == 0 and evals[-1] == 40

    # Periodic checkpoints went up during training and are gone after success.
    assert "checkpoint at step 20 uploaded" in result.stdout
    assert store.list(f"{BOT}/checkpoints/") == []

    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = tmp_path / "model"
    download_tree(store, f"{BOT}/model", folder)
    assert {"model.safetensors", "config.json", "generation_config.json"} <= {
        p.name for p in folder.iterdir()
    }
    model = AutoModelForCausalLM.from_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert model.generation_config.top_p == 0.95 and model.generation_config.max_length == 160
    prompt = tokenizer("<|endoftext|>My dream is", return_tensors="pt")
    out = model.generate(**prompt, max_new_tokens=12, min_length=0, do_sample=False)
    assert out.shape[1] == prompt["input_ids"].shape[1] + 12


# The default for one CPU process (stage 0), and ZeRO-2, the recipe's stage on GPUs, whose
# checkpoints hold the optimizer state in separate, partitioned files.
@pytest.mark.slow
@pytest.mark.parametrize("zero_stage", [None, 2], ids=["default", "zero2"])
def test_sigterm_checkpoints_to_the_store_and_the_rerun_resumes(
    htctl, sample_archive, s3_store_uri, tmp_path, zero_stage
):
    stage_args = ["--zero-stage", str(zero_stage)] if zero_stage is not None else []
    args = tiny_run_args(
        sample_archive, s3_store_uri, "--max-steps", "80", "--checkpoint-every", "0", *stage_args
    )
    rc, stdout, stderr = sigterm_during_training(args, tmp_path, steps=80)
    assert rc == Preempted.exit_code == 143, stdout[-3000:]
    assert stderr[-1].startswith("htctl: error: ") and "SIGTERM" in stderr[-1]

    store = S3Store(s3_store_uri)
    assert not store.exists(f"{BOT}/metrics.json")
    latest = read_json(store, f"{BOT}/checkpoints/latest.json")
    step = latest["step"]
    assert 0 < step < 80
    # A DeepSpeed checkpoint, physically: the engine's model states and, under ZeRO, the
    # optimizer partitions (stage 0 keeps the optimizer in the model states file).
    ckpt = f"{BOT}/checkpoints/checkpoint-{step}"
    assert store.exists(f"{ckpt}/global_step{step}/mp_rank_00_model_states.pt")
    zero_file = f"{ckpt}/global_step{step}/zero_pp_rank_0_mp_rank_00_optim_states.pt"
    assert store.exists(zero_file) == (zero_stage == 2)
    assert store.exists(f"{ckpt}/trainer_state.json")

    rerun = htctl(*args, env=ONE_THREAD)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert f"resuming from the checkpoint at step {step} in the store" in rerun.stdout
    assert f"train: started at step {step} of 80" in rerun.stdout
    metrics = read_json(store, f"{BOT}/metrics.json")
    assert metrics["resumed_from_step"] == step
    assert metrics["global_step"] == metrics["deepspeed"]["global_steps"] == 80
    assert metrics["deepspeed"]["zero_stage"] == (zero_stage or 0)
    # Only the remaining steps were trained in the rerun (blocks are at most 256 tokens).
    assert 0 < metrics["train_tokens"] <= (80 - step) * 256
    # The eval before training survives the resume: it comes from the first run's step 0.
    assert [e["step"] for e in metrics["log_history"] if "eval_loss" in e][0] == 0
    assert metrics["eval_loss_after"] < metrics["eval_loss_before"]
    assert store.list(f"{BOT}/checkpoints/") == []


@pytest.mark.slow
def test_missing_base_model_in_the_store_is_one_line_exit_2(htctl, sample_archive, tmp_path):
    store = str(tmp_path / "store")
    args = tiny_run_args(sample_archive, store)
    args[args.index("tiny")] = "store:base/none"
    result = htctl(*args, env=ONE_THREAD)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.strip().splitlines()[-1].startswith("htctl: error: base model")
    assert not (tmp_path / "store" / BOT / "metrics.json").exists()
