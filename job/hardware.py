"""The machine training runs on: the device and precision, and how many CPU threads pay off.

What depends on the hardware is chosen here: bf16 (fp16 on GPUs without bf16) and fused AdamW
on a GPU; fp32 and ZeRO stage 0 for a single process on a CPU, with torch's thread pool sized
to what this process may really use. The batch is not the hardware's to choose: every machine
trains the seed's trajectory (micro-batch 1) unless ``--micro-batch`` asks for more, and then
the learning rate follows the sqrt rule (``batch_plan``).
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

from job import config

log = logging.getLogger("htctl")


@dataclass(frozen=True)
class Hardware:
    device: str  # "cuda" or "cpu"
    name: str
    precision: str  # bf16, fp16 or fp32
    optim: str


def detect_hardware() -> Hardware:
    import torch

    if not torch.cuda.is_available():
        # Batch 1: on a 2-core CPU batch 2-8 measured 10-25% more tokens/s, but half to an
        # eighth of the optimizer steps per epoch at the recipe's learning rate cost quality
        # (tiny preset, 4 epochs: eval loss 2.91 at batch 1, 3.13 at 2, 3.46 at 4 even with the
        # rate scaled by sqrt(batch)). torch's fused AdamW kernel also runs on a CPU, and is
        # 5-10% of a step faster than the per-tensor loop the Trainer uses there by default.
        return Hardware("cpu", "cpu", "fp32", optim="adamw_torch_fused")
    props = torch.cuda.get_device_properties(0)
    precision = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return Hardware("cuda", props.name, precision, optim="adamw_torch_fused")


@dataclass(frozen=True)
class BatchPlan:
    """The batch, the learning rate and the optimizer steps, against the seed's recipe."""

    micro_batch: int
    effective_batch: int  # micro-batch x gradient accumulation x processes
    learning_rate: float  # the base rate x sqrt(effective batch)
    steps: int  # optimizer steps this run takes
    seed_steps: int  # optimizer steps the seed's recipe (batch 1) takes on the same data


def batch_plan(
    micro_batch: int | None,
    grad_accum: int,
    world_size: int,
    train_blocks: int,
    epochs: float,
    max_steps: int,
    base_learning_rate: float,
) -> BatchPlan:
    """Micro-batch 1 on every machine unless one is asked for (the seed's trajectory: on a GPU
    the memory-sized micro-batch 16 gave a typical 100-300-block bot about 50 optimizer steps
    instead of about 800 at the seed's rate, a trade nobody measured). A bigger effective batch
    scales the rate by sqrt(effective batch): lr = base x sqrt(micro x accumulation x ranks).
    ``max_steps`` > 0 fixes the step count for both (the seed would run as many steps)."""
    micro = max(1, min(micro_batch or 1, train_blocks))
    effective = micro * grad_accum * world_size

    def steps(batch_per_rank: int, accum: int, ranks: int) -> int:
        if max_steps > 0:
            return max_steps
        per_epoch = math.ceil(math.ceil(train_blocks / (batch_per_rank * ranks)) / accum)
        return max(1, math.ceil(epochs * per_epoch))

    return BatchPlan(
        micro_batch=micro,
        effective_batch=effective,
        learning_rate=base_learning_rate * math.sqrt(effective),
        steps=steps(micro, grad_accum, world_size),
        seed_steps=steps(1, 1, 1),
    )


def zero_stage_for(requested: int | None, hardware: Hardware, world_size: int) -> int:
    """The recipe's ZeRO stage 2, except for a single process on a CPU, which gets stage 0.

    ZeRO partitions optimizer state and gradients across data-parallel ranks; one rank has
    nothing to partition, but stage 2 still runs its bookkeeping every step (per-parameter
    gradient hooks, flattening all gradients into buckets and into one fp32 partition, a
    per-tensor norm). Measured on a 2-core CPU that is 10-20% of a small model's step, which
    made training slower than without DeepSpeed; stage 0 keeps the DeepSpeed engine (its
    optimizer wrapping, clipping, checkpoints) without it. GPUs keep stage 2: there the same
    work is a small share of a step and overlaps the backward pass. ``--zero-stage`` wins.
    """
    if requested is not None:
        return requested
    return 0 if hardware.device == "cpu" and world_size == 1 else 2


def cpu_threads() -> int:
    """CPUs this process may really use: its affinity, capped by a cgroup v2 quota.

    torch defaults to every core of the node, but a pod limited to 4 CPUs on a 64-core node
    that runs 64 threads spends its quota spinning.
    """
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, count or 1)


def fastest_thread_count(candidates: list[int], repeats: int = 30) -> int:
    """Time a training-sized matmul at each thread count and keep the fastest.

    On CPUs shared with other work (a busy node, a VM's oversubscribed vCPUs), OpenMP threads
    wait for each other at every op: measured on a 2-core VM, 2 threads trained 5-20x slower
    than 1. On an idle machine more threads win. Measuring takes a few milliseconds.
    """
    import torch

    a = torch.randn(256, 256)
    timings = {}
    for n in candidates:
        torch.set_num_threads(n)
        torch.mm(a, a)
        start = time.perf_counter()
        for _ in range(repeats):
            torch.mm(a, a)
        timings[n] = time.perf_counter() - start
    return min(timings, key=timings.get)


def use_cpu_threads(hardware: Hardware) -> int:
    """On a CPU, size torch's thread pool (before accelerate picks one); returns the count.

    ``OMP_NUM_THREADS`` wins when set; otherwise 1 or every CPU we may use, whichever measures
    faster right now.
    """
    if hardware.device != "cpu":
        return 0
    import torch

    given = config.text("OMP_NUM_THREADS")
    if given:
        threads = int(given)
    else:
        allowed = cpu_threads()
        threads = fastest_thread_count([1, allowed]) if allowed > 1 else 1
        log.info("train: %d CPU thread(s) (of %d allowed, the faster here)", threads, allowed)
        # For the libraries that read it (accelerate would pick another count otherwise).
        os.environ["OMP_NUM_THREADS"] = str(threads)
    torch.set_num_threads(threads)
    return threads
