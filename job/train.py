"""The train stage: fine-tune the base model on the bot's dataset, HF Trainer + DeepSpeed.

The recipe (docs/architecture.md): lr 1.372e-4, cosine, no warmup, 4 epochs by the Trainer, block
size min(model max length, 1024), DeepSpeed ZeRO stage 2. What depends on the hardware is
chosen here: bf16 (fp16 on GPUs without bf16) with a larger micro-batch and fused AdamW on a
GPU; fp32, batch 1 and ZeRO stage 0 for a single process on a CPU.

Preemption: SIGTERM (Kubernetes eviction) makes training stop at the next step, save a
Trainer/DeepSpeed checkpoint, upload it to ``<bot>/checkpoints/`` and exit 143 so the Job
retries. Checkpoints also go up every ``checkpoint_every`` steps, so a SIGKILL loses little.
The next run downloads the latest checkpoint whose settings match and resumes from it;
checkpoints are deleted after a successful run.

Outputs, rank 0 only: ``<bot>/model/`` (save_pretrained + generation config), then
``<bot>/metrics.json``, the stage's marker, last.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import shutil
import signal
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from job import layout
from job.errors import BadInput, Preempted
from job.store import Store, delete_prefix, upload_tree, write_json
from job.tracking import report_to, wandb_run

log = logging.getLogger("htctl")

LEARNING_RATE = 1.372e-4
MAX_BLOCK_SIZE = 1024
LATEST = "latest.json"  # in <bot>/checkpoints/, written after the checkpoint's files


@dataclass
class TrainSettings:
    """Knobs of the stage (RunOptions.train, CLI flags, HT_TRAIN_* env); defaults = the recipe."""

    epochs: float = 4.0
    max_steps: int = -1  # > 0 stops early (tests); the recipe runs whole epochs
    learning_rate: float = LEARNING_RATE
    micro_batch: int | None = None  # None: chosen by hardware
    grad_accum: int = 1
    zero_stage: int | None = None  # None: 2, except 0 for one CPU process (zero_stage_for)
    block_size: int | None = None  # None: min(model max length, 1024)
    checkpoint_every: int = 500  # steps between checkpoint uploads; 0: only on SIGTERM

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainSettings:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise BadInput(f"unknown training setting(s): {', '.join(unknown)}")
        settings = cls(**{k: v for k, v in values.items() if v is not None})
        settings.check()
        return settings

    def check(self) -> None:
        if self.zero_stage is not None and self.zero_stage not in (0, 1, 2, 3):
            raise BadInput(f"ZeRO stage must be 0, 1, 2 or 3, not {self.zero_stage}")
        if self.epochs <= 0 and self.max_steps <= 0:
            raise BadInput("give a positive number of epochs or max steps")
        for name in ("micro_batch", "grad_accum", "block_size"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise BadInput(f"{name.replace('_', ' ')} must be at least 1, not {value}")
        if self.checkpoint_every < 0:
            raise BadInput("checkpoint every N steps needs N >= 0")


@dataclass
class Hardware:
    device: str  # "cuda" or "cpu"
    name: str
    precision: str  # bf16, fp16 or fp32
    micro_batch: int
    optim: str


def detect_hardware() -> Hardware:
    import torch

    if not torch.cuda.is_available():
        # Batch 1: on a 2-core CPU batch 2-8 measured 10-25% more tokens/s, but half to an
        # eighth of the optimizer steps per epoch at the recipe's learning rate cost quality
        # (tiny preset, 4 epochs: eval loss 2.91 at batch 1, 3.13 at 2, 3.46 at 4 even with the
        # rate scaled by sqrt(batch)). torch's fused AdamW kernel also runs on a CPU, and is
        # 5-10% of a step faster than the per-tensor loop the Trainer uses there by default.
        return Hardware("cpu", "cpu", "fp32", micro_batch=1, optim="adamw_torch_fused")
    props = torch.cuda.get_device_properties(0)
    gib = props.total_memory / 2**30
    micro_batch = 16 if gib >= 70 else 8 if gib >= 30 else 4 if gib >= 14 else 2
    precision = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return Hardware("cuda", props.name, precision, micro_batch, optim="adamw_torch_fused")


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

    if os.environ.get("OMP_NUM_THREADS"):
        threads = int(os.environ["OMP_NUM_THREADS"])
    else:
        allowed = cpu_threads()
        threads = fastest_thread_count([1, allowed]) if allowed > 1 else 1
        log.info("train: %d CPU thread(s) (of %d allowed, the faster here)", threads, allowed)
        os.environ["OMP_NUM_THREADS"] = str(threads)
    torch.set_num_threads(threads)
    return threads


# -- data --------------------------------------------------------------------------------------


def pack(ids: list[int], block_size: int) -> list[list[int]]:
    """Consecutive blocks of ``block_size`` tokens; a shorter tail is kept as the last block.

    Keeping the tail matters for a small valid.txt, which may hold less than one block.
    """
    blocks = [ids[i : i + block_size] for i in range(0, len(ids), block_size)]
    return [b for b in blocks if len(b) >= 2]


class Blocks:
    """A map-style dataset of token blocks (what the Trainer's DataLoader needs)."""

    def __init__(self, blocks: list[list[int]]):
        self.blocks = blocks

    def __len__(self) -> int:
        return len(self.blocks)

    def __getitem__(self, i: int) -> dict[str, list[int]]:
        return {"input_ids": self.blocks[i]}

    @property
    def tokens(self) -> int:
        return sum(len(b) for b in self.blocks)


class PadCollator:
    """Pad to the longest block in the batch; padding is masked out of attention and loss.

    Not DataCollatorForLanguageModeling: it masks every pad-token id in the labels, and our
    pad token is <|endoftext|>, which the model must learn to predict at the end of a post.
    """

    def __init__(self, pad_id: int):
        self.pad_id = pad_id

    def __call__(self, features: list[dict[str, list[int]]]) -> dict:
        import torch

        width = max(len(f["input_ids"]) for f in features)
        ids = torch.full((len(features), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(features), width), dtype=torch.long)
        labels = torch.full((len(features), width), -100, dtype=torch.long)
        for row, f in enumerate(features):
            n = len(f["input_ids"])
            ids[row, :n] = torch.tensor(f["input_ids"])
            mask[row, :n] = 1
            labels[row, :n] = ids[row, :n]
        return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def load_blocks(store: Store, key: str, tokenizer, block_size: int) -> Blocks:
    text = store.read_bytes(key).decode("utf-8")
    ids = tokenizer(text, verbose=False)["input_ids"]
    return Blocks(pack(ids, block_size))


def block_size_for(model, tokenizer, requested: int | None) -> int:
    limits = [MAX_BLOCK_SIZE, getattr(model.config, "max_position_embeddings", None)]
    if 0 < tokenizer.model_max_length < 10**9:
        limits.append(tokenizer.model_max_length)
    if requested:
        limits.append(requested)
    return min(x for x in limits if x)


# -- checkpoints in the store ------------------------------------------------------------------


class StoreCheckpoints:
    """``<bot>/checkpoints/checkpoint-N/...`` plus ``latest.json`` written after the files.

    latest.json names the complete checkpoint and the fingerprint of the settings it was
    trained with; a checkpoint from other data or settings is never resumed.
    """

    def __init__(self, store: Store, bot: str, fingerprint: str):
        self.store = store
        self.prefix = layout.checkpoints(bot)
        self.fingerprint = fingerprint

    def latest(self) -> dict | None:
        """latest.json when it is valid and names a checkpoint of these settings."""
        from job.markers import LATEST_CHECKPOINT_CHECK, read_marker

        latest = read_marker(self.store, f"{self.prefix}/{LATEST}", LATEST_CHECKPOINT_CHECK)
        if latest is None:
            return None
        if latest["fingerprint"] != self.fingerprint:
            log.warning(
                "checkpoint at step %s in the store was trained with other data or settings: "
                "starting over",
                latest.get("step"),
            )
            return None
        return latest

    def upload(self, folder: Path, step: int) -> None:
        name = folder.name
        keys = upload_tree(self.store, f"{self.prefix}/{name}", folder)
        write_json(
            self.store,
            f"{self.prefix}/{LATEST}",
            {"step": step, "checkpoint": name, "files": len(keys), "fingerprint": self.fingerprint},
        )
        for key in self.store.list(self.prefix + "/"):
            if not key.startswith(f"{self.prefix}/{name}/") and not key.endswith(f"/{LATEST}"):
                self.store.delete(key)
        log.info("train: checkpoint at step %d uploaded to %s", step, self.where(name))

    def where(self, name: str = "") -> str:
        return f"{self.store.uri.rstrip('/')}/{self.prefix}/{name}"

    def download(self, latest: dict, folder: Path) -> Path:
        name = latest["checkpoint"]
        prefix = f"{self.prefix}/{name}"
        target = folder / name
        for key in self.store.list(prefix + "/"):
            self.store.download_file(key, target / key[len(prefix) + 1 :])
        return target

    def clear(self) -> None:
        # latest.json first: a crash half-way leaves files that nothing points to.
        self.store.delete(f"{self.prefix}/{LATEST}")
        delete_prefix(self.store, self.prefix + "/")


def fingerprint(train_text: bytes, base_model: str, hyperparameters: dict) -> str:
    digest = hashlib.sha256(train_text)
    digest.update(base_model.encode())
    digest.update(json.dumps(hyperparameters, sort_keys=True).encode())
    return digest.hexdigest()[:16]


# -- callbacks ---------------------------------------------------------------------------------


class SigtermFlag:
    """Set by SIGTERM; installed only around the training loop."""

    def __init__(self):
        self.raised = False
        self._previous = None

    def _handler(self, signum, frame) -> None:
        if not self.raised:
            log.warning("train: SIGTERM received: stopping at the next step to save a checkpoint")
        self.raised = True

    def __enter__(self) -> SigtermFlag:
        self._previous = signal.signal(signal.SIGTERM, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        signal.signal(signal.SIGTERM, self._previous)


def make_callbacks(flag: SigtermFlag, checkpoints: StoreCheckpoints, use_bar: bool) -> list:
    import torch
    import torch.distributed as dist
    from transformers import TrainerCallback

    class Preemption(TrainerCallback):
        """SIGTERM -> every rank stops at the same step, after the Trainer saved a checkpoint."""

        stopped_at: int | None = None

        def on_step_end(self, args, state, control, **kwargs):
            stop = flag.raised
            if dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1:
                # Ranks see the signal at different moments; agree, or collectives deadlock.
                agreed = torch.tensor([int(stop)], device=args.device)
                dist.all_reduce(agreed, op=dist.ReduceOp.MAX)
                stop = bool(agreed.item())
            if stop and state.global_step < state.max_steps:
                control.should_save = True
                control.should_training_stop = True
                control.should_evaluate = False
                self.stopped_at = state.global_step
            elif state.global_step >= state.max_steps:
                # The final weights go to model/ (also after a SIGTERM this late): a last
                # checkpoint would be uploaded for nothing.
                control.should_save = False
            return control

        def on_save(self, args, state, control, **kwargs):
            if state.is_world_process_zero:
                folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
                checkpoints.upload(folder, state.global_step)
            return control

    class Progress(TrainerCallback):
        """Plain log lines (a pod's stdout is not a terminal, so no progress bar there)."""

        def on_train_begin(self, args, state, control, **kwargs):
            log.info("train: started at step %d of %d", state.global_step, state.max_steps)

        def on_log(self, args, state, control, logs=None, **kwargs):
            logs = logs or {}
            if "eval_loss" in logs:
                log.info("train: step %d eval_loss %.4f", state.global_step, logs["eval_loss"])
            elif "loss" in logs and not use_bar:
                log.info(
                    "train: step %d/%d epoch %.2f loss %.4f",
                    state.global_step,
                    state.max_steps,
                    state.epoch or 0.0,
                    logs["loss"],
                )

    from job.train_progress import progress_callback  # bar or lines; replaces Progress above

    return [Preemption(), progress_callback(use_bar)]


def single_rank_callback(trainer):
    """Once the Trainer has built the DeepSpeed engine: no all-reduce for a single rank."""
    from transformers import TrainerCallback

    from job.deepspeed_config import skip_single_rank_allreduce

    class SingleRank(TrainerCallback):
        def on_train_begin(self, args, state, control, **kwargs):
            skip_single_rank_allreduce(trainer.model_wrapped)

    return SingleRank()


# -- metrics -----------------------------------------------------------------------------------


def history(log_history: list[dict]) -> list[dict]:
    """The train-loss and eval-loss points of the Trainer's log, for loss.png."""
    points = []
    for entry in log_history:
        for key in ("loss", "eval_loss"):
            if key in entry:
                points.append({"step": entry["step"], "epoch": entry.get("epoch"), key: entry[key]})
    return points


def eval_loss_before(log_history: list[dict]) -> float:
    """The eval at step 0 (eval_on_start), kept in the checkpoint's state across a resume."""
    return next(e["eval_loss"] for e in log_history if "eval_loss" in e and e["step"] == 0)


def perplexity(loss: float) -> float:
    return math.exp(loss) if loss < 50 else float("inf")


# -- the stage ---------------------------------------------------------------------------------


def world() -> tuple[int, int]:
    """(rank, world size) as torchrun sets them; (0, 1) for a single process."""
    return int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))


def work_folder(options, bot: str) -> tuple[Path, bool]:
    """The local scratch folder and whether to delete it afterwards.

    Under torchrun every rank must write its DeepSpeed shards into the same checkpoint folder,
    so the folder is named after the run rather than made unique per process.
    """
    if options.work_dir is not None:
        return Path(options.work_dir), False
    _, size = world()
    if size > 1:
        run_id = os.environ.get("TORCHELASTIC_RUN_ID") or os.environ.get("MASTER_PORT", "run")
        return Path(tempfile.gettempdir()) / f"htctl-train-{bot}-{run_id}", False
    return Path(tempfile.mkdtemp(prefix=f"htctl-train-{bot}-")), True


@dataclass
class Plan:
    """Everything decided before the Trainer starts: data, hardware, hyperparameters."""

    settings: TrainSettings
    hardware: Hardware
    train_set: Blocks
    valid_set: Blocks
    hyperparameters: dict
    total_steps: int


def make_plan(ctx, settings: TrainSettings, hardware: Hardware, model, tokenizer) -> Plan:
    bot = ctx.bot.name
    _, world_size = world()
    block_size = block_size_for(model, tokenizer, settings.block_size)
    train_set = load_blocks(ctx.store, layout.train_txt(bot), tokenizer, block_size)
    valid_set = load_blocks(ctx.store, layout.valid_txt(bot), tokenizer, block_size)
    if not len(train_set) or not len(valid_set):
        raise BadInput(f"{bot}: train.txt or valid.txt holds too little text to train on")
    micro_batch = min(settings.micro_batch or hardware.micro_batch, len(train_set))
    batches = math.ceil(len(train_set) / (micro_batch * world_size))
    steps_per_epoch = math.ceil(batches / settings.grad_accum)
    total_steps = settings.max_steps
    if total_steps <= 0:
        total_steps = max(1, math.ceil(settings.epochs * steps_per_epoch))
    hyperparameters = {
        "base_model": ctx.options.base_model,
        "learning_rate": settings.learning_rate,
        "lr_scheduler": "cosine",
        "warmup_steps": 0,
        "epochs": settings.epochs,
        "max_steps": settings.max_steps,
        "block_size": block_size,
        "micro_batch_size": micro_batch,
        "gradient_accumulation": settings.grad_accum,
        "precision": hardware.precision,
        "zero_stage": zero_stage_for(settings.zero_stage, hardware, world_size),
        "optimizer": hardware.optim,
        "seed": ctx.options.seed,
        "world_size": world_size,
    }
    return Plan(settings, hardware, train_set, valid_set, hyperparameters, total_steps)


def training_arguments(plan: Plan, work: Path, seed: int, run_name: str, use_bar: bool):
    from transformers import TrainingArguments

    from job.deepspeed_config import deepspeed_config

    s, hw, hp = plan.settings, plan.hardware, plan.hyperparameters
    return TrainingArguments(
        output_dir=str(work / "trainer"),
        deepspeed=deepspeed_config(hp["zero_stage"], cuda=hw.device == "cuda"),
        use_cpu=hw.device == "cpu",
        bf16=hw.precision == "bf16",
        fp16=hw.precision == "fp16",
        optim=hw.optim,
        per_device_train_batch_size=hp["micro_batch_size"],
        per_device_eval_batch_size=hp["micro_batch_size"],
        gradient_accumulation_steps=s.grad_accum,
        learning_rate=s.learning_rate,
        lr_scheduler_type="cosine",
        warmup_steps=0,
        num_train_epochs=s.epochs,
        max_steps=s.max_steps,
        # eval at step 0 gives eval_loss_before: ZeRO-2 refuses trainer.evaluate() before train.
        eval_on_start=True,
        eval_strategy="steps",
        eval_steps=max(1, math.ceil(plan.total_steps / 4)),
        logging_steps=max(1, plan.total_steps // 50),
        logging_first_step=True,
        save_strategy="steps" if s.checkpoint_every else "no",
        save_steps=s.checkpoint_every or 1,
        save_total_limit=1,
        include_num_input_tokens_seen="non_padding",
        seed=seed,
        data_seed=seed,
        report_to=report_to(),
        run_name=run_name,
        disable_tqdm=not use_bar,
        dataloader_pin_memory=hw.device == "cuda",
    )


_STDOUT = logging.StreamHandler(sys.stdout)


def library_output_to_stdout() -> None:
    """transformers' warnings join the run's log on stdout, so stderr keeps nothing but htctl's
    one error line; its progress bars (loading weights, writing shards) only on a terminal."""
    from transformers.utils import logging as hf_logging

    from job.progress import is_terminal

    hf_logging.disable_default_handler()
    hf_logging.add_handler(_STDOUT)  # the same handler object: added once per process
    if not is_terminal():
        hf_logging.disable_progress_bar()


def train(ctx) -> None:
    """Fine-tune ``ctx.options.base_model`` on the bot's dataset; writes model/ and metrics.json."""
    settings = TrainSettings.from_dict(dict(ctx.options.train))
    hardware = detect_hardware()
    from job.deepspeed_config import prepare_environment

    prepare_environment(cuda=hardware.device == "cuda")
    use_cpu_threads(hardware)
    logging.getLogger("DeepSpeed").setLevel(logging.WARNING)
    library_output_to_stdout()

    from job.models import load_base_model, resolve_base_model

    bot = ctx.bot.name
    model, tokenizer = load_base_model(resolve_base_model(ctx.options.base_model, ctx.store))
    plan = make_plan(ctx, settings, hardware, model, tokenizer)
    train_text = ctx.store.read_bytes(layout.train_txt(bot))
    checkpoints = StoreCheckpoints(
        ctx.store, bot, fingerprint(train_text, ctx.options.base_model, plan.hyperparameters)
    )
    work, cleanup = work_folder(ctx.options, bot)
    rank, _ = world()
    tracking = wandb_run(bot, checkpoints.fingerprint, plan.hyperparameters)
    try:
        with tracking if rank == 0 else nullcontext() as wandb_link:
            trainer, metrics = run_trainer(ctx, plan, checkpoints, model, tokenizer, work)
        if wandb_link:
            metrics["wandb"] = wandb_link  # the model card links to the run
        if trainer.is_world_process_zero():
            publish_outputs(ctx, trainer, tokenizer, metrics, checkpoints, work)
    finally:
        if cleanup:
            shutil.rmtree(work, ignore_errors=True)


def run_trainer(ctx, plan: Plan, checkpoints: StoreCheckpoints, model, tokenizer, work: Path):
    """Train (resuming from the store's checkpoint when there is one); returns trainer, metrics."""
    from transformers import PrinterCallback, ProgressCallback, Trainer

    from job.progress import is_terminal

    rank, _ = world()
    resume_from = None
    latest = checkpoints.latest()
    if latest is not None:
        log.info("train: resuming from the checkpoint at step %d in the store", latest["step"])
        resume_from = checkpoints.download(latest, work / f"resume-rank{rank}")
    use_bar = is_terminal()
    flag = SigtermFlag()
    callbacks = make_callbacks(flag, checkpoints, use_bar)
    trainer = Trainer(
        model=model,
        args=training_arguments(plan, work, ctx.options.seed, ctx.bot.name, use_bar),
        train_dataset=plan.train_set,
        eval_dataset=plan.valid_set,
        data_collator=PadCollator(tokenizer.pad_token_id),
        processing_class=tokenizer,
        callbacks=callbacks,
    )
    trainer.add_callback(single_rank_callback(trainer))
    for own_output in (PrinterCallback, ProgressCallback):  # raw dicts; TrainProgress shows
        trainer.remove_callback(own_output)
    tokens_before = 0
    if resume_from is not None:
        state = json.loads((resume_from / "trainer_state.json").read_text())
        tokens_before = state.get("num_input_tokens_seen", 0)
    with flag:
        output = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    if callbacks[0].stopped_at is not None:
        raise Preempted(
            f"{ctx.bot.name}: training stopped by SIGTERM at step {trainer.state.global_step}; "
            f"checkpoint saved to {checkpoints.where()}"
        )
    log_history = trainer.state.log_history
    if not any("eval_loss" in e and e["step"] == trainer.state.global_step for e in log_history):
        trainer.evaluate()
    tokens = trainer.state.num_input_tokens_seen - tokens_before
    return trainer, collect_metrics(
        trainer, plan, output.metrics["train_runtime"], tokens, latest["step"] if latest else 0
    )


def collect_metrics(trainer, plan: Plan, seconds: float, tokens: int, resumed_from: int) -> dict:
    from job.deepspeed_config import engine_evidence

    state = trainer.state
    before = eval_loss_before(state.log_history)
    after = [e for e in state.log_history if "eval_loss" in e][-1]["eval_loss"]
    return {
        "eval_loss_before": before,
        "eval_loss_after": after,
        "perplexity_before": perplexity(before),
        "perplexity_after": perplexity(after),
        "train_seconds": round(seconds, 3),
        "train_tokens": int(tokens),
        "train_tokens_per_second": round(tokens / seconds, 1) if seconds else None,
        "global_step": state.global_step,
        "resumed_from_step": resumed_from,
        "train_blocks": len(plan.train_set),
        "valid_blocks": len(plan.valid_set),
        "hardware": {"device": plan.hardware.device, "name": plan.hardware.name},
        "hyperparameters": plan.hyperparameters,
        "deepspeed": engine_evidence(trainer),
        "log_history": history(state.log_history),
    }


def publish_outputs(ctx, trainer, tokenizer, metrics: dict, checkpoints, work: Path) -> None:
    """model/ first, metrics.json (the marker) last, then the checkpoints are no longer needed."""
    from job.models import generation_config

    bot = ctx.bot.name
    model_dir = work / "model"
    gen_config = generation_config(tokenizer)
    trainer.model.generation_config = gen_config
    trainer.save_model(str(model_dir))
    gen_config.save_pretrained(model_dir)
    # A pickle of our TrainingArguments: not part of a model folder; metrics.json has the values.
    (model_dir / "training_args.bin").unlink(missing_ok=True)
    delete_prefix(ctx.store, layout.model_dir(bot) + "/")
    upload_tree(ctx.store, layout.model_dir(bot), model_dir)
    write_json(ctx.store, layout.metrics(bot), metrics)
    checkpoints.clear()
    log.info(
        "train: eval loss %.4f -> %.4f (perplexity %.1f -> %.1f) in %.1f s, %.0f tokens/s",
        metrics["eval_loss_before"],
        metrics["eval_loss_after"],
        metrics["perplexity_before"],
        metrics["perplexity_after"],
        metrics["train_seconds"],
        metrics["train_tokens_per_second"] or 0,
    )
