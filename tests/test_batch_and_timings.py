"""The batch/learning-rate rule (the seed's trajectory by default) and where a run's time goes.

The rule is tested in-process on the function that decides it; one tiny run of the real CLI
with ``--micro-batch 2`` checks what metrics.json records: the scaled rate, both step counts
and every timing phase.
"""

from __future__ import annotations

import math
import time

import pytest

from job.hardware import Hardware, batch_plan
from job.options import LEARNING_RATE
from job.store import LocalStore, read_json
from job.timings import PHASES, Timings, process_age, summary
from tests.support.training import BOT, ONE_THREAD, tiny_run_args


def plan(micro=None, accum=1, world=1, blocks=200, epochs=4.0, max_steps=-1):
    return batch_plan(micro, accum, world, blocks, epochs, max_steps, LEARNING_RATE)


def test_every_machine_trains_the_seeds_trajectory_by_default():
    # The hardware no longer carries a micro-batch: an 80 GB GPU gets batch 1 like a CPU.
    assert "micro_batch" not in Hardware.__dataclass_fields__
    default = plan()
    assert (default.micro_batch, default.effective_batch) == (1, 1)
    assert default.learning_rate == LEARNING_RATE
    assert default.steps == default.seed_steps == 800  # 200 blocks x 4 epochs


def test_a_bigger_batch_scales_the_rate_by_sqrt_and_counts_the_steps_lost():
    big = plan(micro=16)
    assert big.effective_batch == 16
    assert big.learning_rate == pytest.approx(1.372e-4 * 4)
    assert (big.steps, big.seed_steps) == (4 * math.ceil(200 / 16), 800)  # 52 against 800

    # Accumulation and processes count into the effective batch the same way.
    spread = plan(micro=2, accum=2, world=4)
    assert spread.effective_batch == 16
    assert spread.learning_rate == pytest.approx(big.learning_rate)
    assert spread.steps == 4 * math.ceil(math.ceil(200 / 8) / 2)

    # Several processes at the default micro-batch are a bigger batch too.
    assert plan(world=4).learning_rate == pytest.approx(1.372e-4 * 2)


def test_the_micro_batch_is_capped_by_the_data_and_max_steps_fixes_both_counts():
    tiny = plan(micro=64, blocks=10)
    assert (tiny.micro_batch, tiny.effective_batch, tiny.steps) == (10, 10, 4)
    assert tiny.learning_rate == pytest.approx(1.372e-4 * math.sqrt(10))
    fixed = plan(micro=8, max_steps=30)
    assert (fixed.steps, fixed.seed_steps) == (30, 30)
    assert plan(epochs=0.5, blocks=3).steps == 2  # partial epochs round up, never 0


def test_timings_hold_every_phase_and_the_summary_splits_fixed_cost_from_training():
    clock = Timings()
    with clock.phase("training"):
        time.sleep(0.01)
    clock.add("uploading", 1.25)
    clock.add("saving", -3)  # a clock step backwards never makes a phase negative
    seconds = clock.as_dict()
    assert set(seconds) == set(PHASES)
    assert seconds["training"] >= 0.01 and seconds["saving"] == 0
    assert summary({**seconds, "publishing": 0.5}).startswith("fixed cost 1.8 s, training 0.0")
    assert 0 < process_age() < 24 * 3600  # the process started, and not a day ago


@pytest.mark.slow
def test_a_tiny_run_records_the_scaled_rate_steps_and_every_timing(htctl, sample_archive, tmp_path):
    store_dir = tmp_path / "store"
    # The whole pipeline: publish adds its phase to metrics.json.
    args = tiny_run_args(
        sample_archive, str(store_dir), "--micro-batch", "2", "--epochs", "1", until=None
    )
    started = time.monotonic()
    result = htctl(*args, env=ONE_THREAD)
    wall = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]

    metrics = read_json(LocalStore(store_dir), f"{BOT}/metrics.json")
    hp, blocks = metrics["hyperparameters"], metrics["train_blocks"]
    assert (hp["micro_batch_size"], hp["effective_batch"]) == (2, 2)
    assert hp["learning_rate"] == pytest.approx(1.372e-4 * math.sqrt(2))
    assert hp["base_learning_rate"] == LEARNING_RATE
    assert hp["optimizer_steps"] == metrics["global_step"] == math.ceil(blocks / 2)
    assert hp["seed_optimizer_steps"] == blocks
    assert (
        f"train: {hp['optimizer_steps']} optimizer steps; the seed's recipe would take {blocks}"
        in result.stdout
    )

    timings = metrics["timings"]
    assert set(timings) == {*PHASES, "publishing"}
    assert all(isinstance(v, int | float) and v >= 0 for v in timings.values()), timings
    assert timings["training"] > 0 and timings["evaluations"] > 0
    assert sum(timings.values()) <= wall, (timings, wall)
    fixed = sum(v for k, v in timings.items() if k != "training")
    assert f"{BOT}: fixed cost {fixed:.1f} s, training {timings['training']:.1f} s" in result.stdout
