"""DeepSpeed for the HF Trainer: the process environment, the config dict, proof that it ran.

The Trainer owns the loop; DeepSpeed gets a config dict through ``TrainingArguments(deepspeed=)``
whose ``"auto"`` values the Trainer fills from its own arguments (batch sizes, clipping,
precision), so there is one source of truth for each hyperparameter.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from job.models import cache_dir
from job.rank import Rank

# Set before deepspeed is imported: without a launcher DeepSpeed would look for mpi4py.
SINGLE_PROCESS_ENV = {"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "0", "MASTER_ADDR": "127.0.0.1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_environment(cuda: bool, rank: Rank) -> None:
    """Make DeepSpeed start without a launcher: single-process ranks unless torchrun set them.

    Its CPU accelerator JIT-builds a small communication op with the system compiler on first
    use; the build goes to a writable cache (the image's root filesystem is read-only) so later
    runs on the same volume skip it. These variables are DeepSpeed's and torch's: written for
    them, never read back by htctl (``rank`` is this process's, read at the command's entry).
    """
    defaults = {"TORCH_EXTENSIONS_DIR": str(cache_dir() / "torch_extensions")}
    if not cuda:
        defaults["DS_ACCELERATOR"] = "cpu"
    if not rank.under_torchrun:
        defaults |= SINGLE_PROCESS_ENV | {"MASTER_PORT": str(free_port())}
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def deepspeed_config(zero_stage: int = 2, cuda: bool = False) -> dict[str, Any]:
    """The recipe's DeepSpeed config; ``auto`` is filled by the Trainer from TrainingArguments.

    No ``optimizer``/``scheduler`` sections: the Trainer builds AdamW (fused on a GPU) and the
    cosine schedule, and DeepSpeed wraps them, so the recipe reads the same with or without it.
    """
    zero: dict[str, Any] = {"stage": zero_stage}
    if zero_stage in (1, 2):
        # Both pay off on GPUs (less fragmentation, reduction behind the backward pass); on a
        # CPU they only add copies: measured 5-10% of the step on a 2-core machine.
        zero.update(contiguous_gradients=cuda, overlap_comm=cuda)
    return {
        "train_micro_batch_size_per_gpu": "auto",
        "train_batch_size": "auto",
        "gradient_accumulation_steps": "auto",
        "gradient_clipping": "auto",
        "zero_optimization": zero,
        "bf16": {"enabled": "auto"},
        "fp16": {"enabled": "auto"},
        "steps_per_print": 10**9,  # the Trainer logs progress; keep DeepSpeed's own log quiet
        "wall_clock_breakdown": False,
    }


def skip_single_rank_allreduce(engine) -> bool:
    """Turn off the engine's gradient all-reduce at ZeRO stage 0 with one data-parallel rank.

    With one rank the all-reduce is the identity, yet the engine still flattens every gradient
    into buckets, reduces and copies them back each step: about 3 ms of an 85 ms step on a
    2-core CPU. ``enable_backward_allreduce`` is the engine's own switch (it turns it off itself
    when there is no process group). ZeRO stages 1-3 must keep it: their optimizer gathers the
    gradients it steps on in that same call.
    """
    import deepspeed

    if not isinstance(engine, deepspeed.DeepSpeedEngine):
        return False
    if engine.dp_world_size != 1 or engine.zero_optimization_stage() != 0:
        return False
    engine.enable_backward_allreduce = False
    return True


def engine_evidence(trainer) -> dict[str, Any]:
    """What the engine says about itself after training: the class, its ZeRO stage, versions.

    Read back from ``trainer.model_wrapped`` (the object that ran the steps), not from our
    config, so a silent fallback to plain PyTorch shows up as a different class.
    """
    import deepspeed

    engine = trainer.model_wrapped
    evidence: dict[str, Any] = {
        "engine_class": f"{type(engine).__module__}.{type(engine).__qualname__}",
        "version": deepspeed.__version__,
        "accelerator": deepspeed.get_accelerator().device_name(),
    }
    if isinstance(engine, deepspeed.DeepSpeedEngine):
        evidence.update(
            zero_stage=engine.zero_optimization_stage(),
            optimizer_class=type(engine.optimizer).__name__,
            bf16=engine.bfloat16_enabled(),
            fp16=engine.fp16_enabled(),
            micro_batch_size=engine.train_micro_batch_size_per_gpu(),
            gradient_accumulation=engine.gradient_accumulation_steps(),
            world_size=engine.world_size,
            backward_allreduce=engine.enable_backward_allreduce,
            global_steps=engine.global_steps,
        )
    return evidence
