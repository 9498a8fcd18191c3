"""Keep-best (job/best_weights.py): the train stage publishes the best evaluated weights.

The unit tests move real weights of the tiny GPT-2 around; the end-to-end tests run the real
CLI on a dataset made to overfit (train.txt nothing like valid.txt, so held-out loss rises as
training goes on) and check the published model by evaluating it again.
"""

from __future__ import annotations

import json

import pytest

from job.best_weights import RECORD, WEIGHTS, BestWeights
from job.models import tiny_model, tiny_tokenizer
from job.options import TrainSettings
from job.store import LocalStore, read_json
from tests.support.training import (
    BOT,
    ONE_THREAD,
    overfitting_dataset,
    published_eval_loss,
    sigterm_during_training,
    tiny_run_args,
)


def model_at(seed: int):
    return tiny_model(tiny_tokenizer(), seed=seed)


def same_weights(a, b) -> bool:
    import torch

    return all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))


def test_keep_best_is_the_default_and_can_be_turned_off():
    assert TrainSettings().keep_best is True
    assert TrainSettings.from_dict({"keep_best": None}).keep_best is True
    assert TrainSettings.from_dict({"keep_best": False}).keep_best is False


def test_the_lowest_eval_loss_after_step_0_is_restored_and_recorded():
    model, keeper = model_at(0), BestWeights(enabled=True)
    keeper.offer(model, 0, 1.0)  # the base model's eval: lowest, but never a candidate
    keeper.offer(model_at(1), 10, 3.0)
    best = model_at(2)
    keeper.offer(best, 20, 2.5)
    keeper.offer(model_at(3), 30, 2.5)  # a tie keeps the earlier weights
    final = model_at(4)
    keeper.offer(final, 40, 2.8)
    assert keeper.restore(final) == {
        "rule": "best",
        "step": 20,
        "eval_loss": 2.5,
        "last_step": 40,
        "last_eval_loss": 2.8,
    }
    assert same_weights(final, best)


def test_the_snapshot_is_a_copy_not_a_view_of_the_training_weights():
    import torch

    model, keeper = model_at(0), BestWeights(enabled=True)
    expected = model_at(0)
    keeper.offer(model, 10, 2.0)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(1.0)  # training goes on in place
    keeper.offer(model, 20, 3.0)
    keeper.restore(model)
    assert same_weights(model, expected)


def test_with_the_rule_off_the_last_weights_stay():
    final, keeper = model_at(4), BestWeights(enabled=False)
    keeper.offer(model_at(1), 10, 2.0)
    keeper.offer(final, 20, 3.0)
    assert keeper.restore(final) == {
        "rule": "last",
        "step": 20,
        "eval_loss": 3.0,
        "last_step": 20,
        "last_eval_loss": 3.0,
    }
    assert same_weights(final, model_at(4))
    assert keeper.weights is None  # nothing copied


def test_a_rank_that_does_not_hold_weights_follows_the_choice_without_copying():
    final, keeper = model_at(4), BestWeights(enabled=True, holds=False)
    keeper.offer(model_at(1), 10, 2.0)
    keeper.offer(final, 20, 3.0)
    assert keeper.restore(final)["step"] == 10
    assert keeper.weights is None and same_weights(final, model_at(4))


def test_under_lora_only_the_adapter_is_copied_and_restored(tmp_path):
    import torch

    from job.adapters import with_adapter
    from job.models import load_base_model, save_tiny

    model, _ = load_base_model(str(save_tiny(tmp_path / "tiny")))
    adapted, keeper = with_adapter(model, TrainSettings(adapter="lora")), BestWeights(True)
    keeper.offer(adapted, 10, 2.0)
    assert keeper.weights and all("lora_" in name for name in keeper.weights)
    expected = {k: v.clone() for k, v in keeper.weights.items()}
    with torch.no_grad():
        for name, p in adapted.named_parameters():
            if "lora_" in name:
                p.add_(1.0)
    keeper.offer(adapted, 20, 3.0)
    keeper.restore(adapted)
    now = dict(adapted.named_parameters())
    assert all(torch.equal(now[name], value) for name, value in expected.items())


def test_a_checkpoint_carries_the_best_weights_when_they_are_not_its_own(tmp_path):
    keeper, best = BestWeights(enabled=True), model_at(1)
    keeper.offer(best, 10, 2.0)
    keeper.offer(model_at(2), 20, 3.0)
    folder = tmp_path / "checkpoint-25"
    folder.mkdir()
    keeper.save(folder, 25)
    assert json.loads((folder / RECORD).read_text()) == {"step": 10, "eval_loss": 2.0}
    assert (folder / WEIGHTS).is_file()

    resumed, final = BestWeights(enabled=True), model_at(3)
    resumed.load(folder, 25)
    resumed.offer(final, 30, 2.5)  # worse than step 10's, from before the preemption
    assert resumed.restore(final)["step"] == 10
    assert same_weights(final, best)


def test_a_checkpoint_at_the_best_step_holds_only_the_record(tmp_path):
    keeper, at_checkpoint = BestWeights(enabled=True), model_at(1)
    keeper.offer(at_checkpoint, 20, 2.0)
    folder = tmp_path / "checkpoint-20"
    folder.mkdir()
    keeper.save(folder, 20)
    assert (folder / RECORD).is_file() and not (folder / WEIGHTS).exists()

    resumed, model = BestWeights(enabled=True), model_at(1)  # the checkpoint's weights, loaded
    resumed.load(folder, 20)
    resumed.training_begins(model)
    import torch

    with torch.no_grad():
        for p in model.parameters():
            p.mul_(0.5)
    resumed.offer(model, 40, 2.4)
    assert resumed.restore(model)["step"] == 20
    assert same_weights(model, at_checkpoint)


def test_a_checkpoint_naming_a_best_step_without_its_weights_starts_afresh(tmp_path):
    (tmp_path / RECORD).write_text(json.dumps({"step": 10, "eval_loss": 2.0}))
    resumed, final = BestWeights(enabled=True), model_at(3)
    resumed.load(tmp_path, 25)  # best-weights.safetensors missing
    resumed.offer(final, 30, 2.5)
    assert resumed.restore(final)["step"] == 30


def test_a_checkpoint_from_before_the_rule_starts_the_best_afresh(tmp_path):
    resumed, final = BestWeights(enabled=True), model_at(3)
    resumed.load(tmp_path, 25)  # no best-weights.json in it
    resumed.offer(final, 30, 2.5)
    assert resumed.restore(final)["step"] == 30


# -- end to end --------------------------------------------------------------------------------


def train_overfitting(htctl, sample_archive, tmp_path, *extra: str) -> tuple[LocalStore, dict]:
    store_dir = tmp_path / "store"
    prepared = htctl(*tiny_run_args(sample_archive, str(store_dir), until="prepare"))
    assert prepared.returncode == 0, prepared.stderr[-2000:]
    base = overfitting_dataset(store_dir / BOT / "dataset", tmp_path / "base")
    args = tiny_run_args(sample_archive, str(store_dir), "--max-steps", "40", *extra)
    args[args.index("tiny")] = str(base)
    result = htctl(*args, env=ONE_THREAD)
    assert result.returncode == 0, result.stderr[-3000:]
    store = LocalStore(store_dir)
    return store, read_json(store, f"{BOT}/metrics.json")


def evals_after_start(metrics: dict) -> dict[int, float]:
    return {e["step"]: e["eval_loss"] for e in metrics["log_history"] if "eval_loss" in e}


@pytest.mark.slow
def test_the_published_weights_are_the_best_evaluated_ones(htctl, sample_archive, tmp_path):
    store, metrics = train_overfitting(htctl, sample_archive, tmp_path)
    evals = evals_after_start(metrics)
    assert sorted(evals) == [0, 10, 20, 30, 40]
    candidates = {step: loss for step, loss in evals.items() if step > 0}
    best_step = min(candidates, key=candidates.get)
    assert best_step < 40, f"the dataset did not overfit: {evals}"  # else the test shows nothing
    kept = metrics["kept"]
    assert kept == {
        "rule": "best",
        "step": best_step,
        "eval_loss": evals[best_step],
        "last_step": 40,
        "last_eval_loss": evals[40],
    }
    assert metrics["eval_loss_after"] == evals[best_step]
    assert metrics["hyperparameters"]["keep_best"] is True
    # The model in the store, evaluated afresh, is step best_step's, not the last.
    assert published_eval_loss(store, BOT) == pytest.approx(evals[best_step], rel=1e-4)


@pytest.mark.slow
def test_no_keep_best_publishes_the_last_weights(htctl, sample_archive, tmp_path):
    store, metrics = train_overfitting(htctl, sample_archive, tmp_path, "--no-keep-best")
    evals = evals_after_start(metrics)
    assert min(v for s, v in evals.items() if s > 0) < evals[40]  # there was a better one
    assert metrics["kept"] == {
        "rule": "last",
        "step": 40,
        "eval_loss": evals[40],
        "last_step": 40,
        "last_eval_loss": evals[40],
    }
    assert metrics["eval_loss_after"] == evals[40]
    assert published_eval_loss(store, BOT) == pytest.approx(evals[40], rel=1e-4)


@pytest.mark.slow
def test_a_resumed_run_publishes_the_best_weights_from_before_the_preemption(
    htctl, sample_archive, tmp_path
):
    store_dir = tmp_path / "store"
    prepared = htctl(*tiny_run_args(sample_archive, str(store_dir), until="prepare"))
    assert prepared.returncode == 0, prepared.stderr[-2000:]
    base = overfitting_dataset(store_dir / BOT / "dataset", tmp_path / "base")
    # Evals every 50 steps, a checkpoint at step 60: SIGTERM just after it, so the preemption
    # checkpoint (about step 61) carries step 50's weights as the best so far.
    args = tiny_run_args(sample_archive, str(store_dir), "--max-steps", "200")
    args += ["--checkpoint-every", "60"]
    args[args.index("tiny")] = str(base)
    rc, stdout, _ = sigterm_during_training(
        args, tmp_path, steps=200, after="checkpoint at step 60 uploaded"
    )
    assert rc == 143, stdout[-3000:]
    store = LocalStore(store_dir)
    step = read_json(store, f"{BOT}/checkpoints/latest.json")["step"]
    checkpoint = f"{BOT}/checkpoints/checkpoint-{step}"
    assert read_json(store, f"{checkpoint}/{RECORD}")["step"] == 50
    assert store.exists(f"{checkpoint}/{WEIGHTS}")

    rerun = htctl(*args, env=ONE_THREAD)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "the best evaluated weights so far are step 50's" in rerun.stdout
    metrics = read_json(store, f"{BOT}/metrics.json")
    evals = evals_after_start(metrics)
    assert metrics["resumed_from_step"] == step
    assert metrics["kept"]["step"] == 50, evals
    assert published_eval_loss(store, BOT) == pytest.approx(evals[50], rel=1e-4)
