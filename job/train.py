"""The train stage: fine-tune the base model on the bot's dataset, HF Trainer + DeepSpeed.

The recipe (docs/architecture.md): lr 1.372e-4, cosine, no warmup, 4 epochs by the Trainer, block
size min(model max length, 1024), DeepSpeed ZeRO stage 2. What depends on the machine is
chosen in job.hardware; the checkpoints that survive a preemption (SIGTERM: save, upload, exit
143, resume on the next run) are job.checkpoints; the token blocks are job.blocks.

Outputs, rank 0 only: ``<bot>/model/`` (save_pretrained + generation config), then
``<bot>/metrics.json``, the stage's marker, last.

The module reads in the order it runs: the stage, the plan, the Trainer's arguments, the
training loop, the metrics, the outputs. torch and transformers are imported inside the
functions that use them, so the CLI starts fast.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from job import adapters, config, layout, markers
from job.best_weights import best_weights_for, keeping_callback
from job.blocks import Blocks, PadCollator, block_size_for, load_blocks
from job.bots import Bot
from job.checkpoints import SigtermFlag, StoreCheckpoints, fingerprint
from job.deepspeed_config import (
    deepspeed_config,
    engine_evidence,
    prepare_environment,
    skip_single_rank_allreduce,
)
from job.errors import BadInput, Preempted
from job.hardware import Hardware, batch_plan, detect_hardware, use_cpu_threads, zero_stage_for
from job.models import load_base_model, resolve_base_model
from job.options import RunOptions, TrainSettings
from job.progress import is_terminal
from job.separator import separator_for
from job.store import Store, delete_prefix, upload_tree, write_json
from job.timings import Timings, startup_seconds
from job.tracking import report_to, wandb_run

log = logging.getLogger("htctl")


# -- the stage ---------------------------------------------------------------------------------


def train(store: Store, bot: Bot, options: RunOptions) -> None:
    """Fine-tune ``options.base_model`` on the bot's dataset; writes model/ and metrics.json."""
    clock = Timings()  # metrics.json's timings (job.timings)
    clock.add("startup", startup_seconds())
    with clock.phase("startup"):  # torch, transformers and DeepSpeed are imported here
        markers.invalidate(store, bot, "train")
        hardware = detect_hardware()
        prepare_environment(cuda=hardware.device == "cuda", rank=options.rank)
        use_cpu_threads(hardware)
        logging.getLogger("DeepSpeed").setLevel(logging.WARNING)
        library_output_to_stdout()

    name, rank = bot.name, options.rank
    with clock.phase("model_load"):
        model, tokenizer = load_base_model(resolve_base_model(options.base_model, store))
        model = adapters.with_adapter(model, options.train, options.seed)
    with clock.phase("tokenizing"):
        plan = make_plan(store, bot, options, hardware, model, tokenizer)
    train_text = store.read_bytes(layout.train_txt(name))
    checkpoints = StoreCheckpoints(
        store, name, fingerprint(train_text, options.base_model, plan.hyperparameters)
    )
    work, cleanup = work_folder(options, name)
    tracking = wandb_run(name, checkpoints.fingerprint, plan.hyperparameters)
    try:
        with tracking if rank.is_primary else nullcontext() as wandb_link:
            trainer, metrics = run_trainer(
                name, options, plan, checkpoints, model, tokenizer, work, clock
            )
        if wandb_link:
            metrics["wandb"] = wandb_link  # the model card links to the run
        if trainer.is_world_process_zero():
            outputs = Outputs(store, name, options, checkpoints, work, clock)
            publish_outputs(outputs, trainer, tokenizer, metrics)
    finally:
        if cleanup:
            shutil.rmtree(work, ignore_errors=True)


# -- the plan: everything decided before the Trainer starts ------------------------------------


@dataclass
class Plan:
    """Everything decided before the Trainer starts: data, hardware, hyperparameters."""

    settings: TrainSettings
    hardware: Hardware
    train_set: Blocks
    valid_set: Blocks
    hyperparameters: dict
    total_steps: int


def make_plan(
    store: Store, bot: Bot, options: RunOptions, hardware: Hardware, model, tokenizer
) -> Plan:
    settings, world_size = options.train, options.rank.world_size
    block_size = block_size_for(model, tokenizer, settings.block_size)
    separator = separator_for(tokenizer)
    train_set = load_blocks(store, layout.train_txt(bot.name), tokenizer, block_size, separator)
    valid_set = load_blocks(store, layout.valid_txt(bot.name), tokenizer, block_size, separator)
    if not len(train_set) or not len(valid_set):
        raise BadInput(f"{bot.name}: train.txt or valid.txt holds too little text to train on")
    batch = batch_plan(
        settings.micro_batch,
        settings.grad_accum,
        world_size,
        len(train_set),
        settings.epochs,
        settings.max_steps,
        settings.base_learning_rate,
    )
    log.info(
        "train: %d optimizer steps; the seed's recipe would take %d "
        "(effective batch %d, learning rate %.4g = %.4g x sqrt(%d))",
        batch.steps,
        batch.seed_steps,
        batch.effective_batch,
        batch.learning_rate,
        settings.base_learning_rate,
        batch.effective_batch,
    )
    hyperparameters = {
        "base_model": options.base_model,
        "learning_rate": batch.learning_rate,
        "base_learning_rate": settings.base_learning_rate,
        "learning_rate_rule": "base x sqrt(effective batch)",
        "lr_scheduler": "cosine",
        "warmup_steps": 0,
        "epochs": settings.epochs,
        "max_steps": settings.max_steps,
        "block_size": block_size,
        "micro_batch_size": batch.micro_batch,
        "gradient_accumulation": settings.grad_accum,
        "effective_batch": batch.effective_batch,
        "optimizer_steps": batch.steps,
        "seed_optimizer_steps": batch.seed_steps,
        "precision": hardware.precision,
        "zero_stage": zero_stage_for(settings.zero_stage, hardware, world_size),
        "keep_best": settings.keep_best,  # off under ZeRO-3 (run_trainer)
        "optimizer": hardware.optim,
        "seed": options.seed,
        "world_size": world_size,
        **adapters.hyperparameters(settings),
    }
    return Plan(settings, hardware, train_set, valid_set, hyperparameters, batch.steps)


def work_folder(options: RunOptions, bot: str) -> tuple[Path, bool]:
    """The local scratch folder and whether to delete it afterwards.

    Under torchrun every rank must write its DeepSpeed shards into the same checkpoint folder,
    so the folder is named after the run rather than made unique per process.
    """
    if options.work_dir is not None:
        return Path(options.work_dir), False
    if options.rank.world_size > 1:
        run_id = config.text("TORCHELASTIC_RUN_ID") or config.text("MASTER_PORT", "run")
        return Path(tempfile.gettempdir()) / f"htctl-train-{bot}-{run_id}", False
    return Path(tempfile.mkdtemp(prefix=f"htctl-train-{bot}-")), True


# -- the Trainer's arguments -------------------------------------------------------------------


def training_arguments(plan: Plan, work: Path, seed: int, run_name: str, use_bar: bool):
    from transformers import TrainingArguments

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
        learning_rate=hp["learning_rate"],
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

    hf_logging.disable_default_handler()
    hf_logging.add_handler(_STDOUT)  # the same handler object: added once per process
    if not is_terminal():
        hf_logging.disable_progress_bar()


# -- the training loop -------------------------------------------------------------------------


def run_trainer(
    bot: str,
    options: RunOptions,
    plan: Plan,
    checkpoints: StoreCheckpoints,
    model,
    tokenizer,
    work: Path,
    clock: Timings,
):
    """Train (resuming from the store's checkpoint when there is one); returns trainer, metrics."""
    from transformers import PrinterCallback, ProgressCallback, Trainer

    resume_from = None
    latest = checkpoints.latest()
    if latest is not None:
        log.info("train: resuming from the checkpoint at step %d in the store", latest["step"])
        with clock.phase("uploading"):  # store transfers, both ways
            resume_from = checkpoints.download(latest, work / f"resume-rank{options.rank.index}")
    use_bar = is_terminal()
    flag = SigtermFlag()
    callbacks = make_callbacks(flag, checkpoints, use_bar, clock)
    keeper = best_weights_for(
        plan.settings.keep_best, plan.hyperparameters["zero_stage"], options.rank.is_primary
    )
    if resume_from is not None:
        keeper.load(resume_from, latest["step"])
    trainer = Trainer(
        model=model,
        args=training_arguments(plan, work, options.seed, bot, use_bar),
        train_dataset=plan.train_set,
        eval_dataset=plan.valid_set,
        data_collator=PadCollator(tokenizer.pad_token_id),
        processing_class=tokenizer,
        callbacks=[keeping_callback(keeper), *callbacks],  # first: it adds to checkpoints
    )
    trainer.add_callback(single_rank_callback(trainer))
    for own_output in (PrinterCallback, ProgressCallback):  # raw dicts; TrainProgress shows
        trainer.remove_callback(own_output)
    tokens_before = 0
    if resume_from is not None:
        state = json.loads((resume_from / "trainer_state.json").read_text())
        tokens_before = state.get("num_input_tokens_seen", 0)
    from job.train_progress import LoopClock

    loop = LoopClock()
    trainer.add_callback(loop)
    called, uploaded_before = time.monotonic(), clock.seconds["uploading"]
    with flag:
        output = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    returned = time.monotonic()
    if callbacks[0].stopped_at is not None:
        raise Preempted(
            f"{bot}: training stopped by SIGTERM at step {trainer.state.global_step}; "
            f"checkpoint saved to {checkpoints.where()}"
        )
    log_history = trainer.state.log_history
    # The engine is built (and a checkpoint loaded) between train() and on_train_begin.
    begun = loop.began if loop.began is not None else called
    clock.add("deepspeed_init", begun - called)
    evaluated = sum(
        e.get("eval_runtime", 0.0)
        for e in log_history
        if "eval_loss" in e and (e["step"] > (latest["step"] if latest else -1))
    )
    clock.add("evaluations", evaluated)
    uploads = clock.seconds["uploading"] - uploaded_before  # checkpoints, inside the loop
    clock.add("training", returned - begun - evaluated - uploads)
    if not any("eval_loss" in e and e["step"] == trainer.state.global_step for e in log_history):
        with clock.phase("evaluations"):
            trainer.evaluate()
    tokens = trainer.state.num_input_tokens_seen - tokens_before
    metrics = collect_metrics(
        trainer, plan, output.metrics["train_runtime"], tokens, latest["step"] if latest else 0
    )
    return trainer, published_weights(metrics, keeper.restore(trainer.model))


def published_weights(metrics: dict, kept: dict) -> dict:
    """metrics.json's ``kept``; eval_loss_after is the loss of the weights published."""
    metrics["kept"] = kept
    metrics["eval_loss_after"] = kept["eval_loss"]
    metrics["perplexity_after"] = perplexity(kept["eval_loss"])
    return metrics


def make_callbacks(
    flag: SigtermFlag, checkpoints: StoreCheckpoints, use_bar: bool, clock: Timings
) -> list:
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
                with clock.phase("uploading"):
                    checkpoints.upload(folder, state.global_step)
            return control

    from job.train_progress import progress_callback  # a bar on a terminal, else lines

    return [Preemption(), progress_callback(use_bar)]


def single_rank_callback(trainer):
    """Once the Trainer has built the DeepSpeed engine: no all-reduce for a single rank."""
    from transformers import TrainerCallback

    class SingleRank(TrainerCallback):
        def on_train_begin(self, args, state, control, **kwargs):
            skip_single_rank_allreduce(trainer.model_wrapped)

    return SingleRank()


# -- metrics -----------------------------------------------------------------------------------


def collect_metrics(trainer, plan: Plan, seconds: float, tokens: int, resumed_from: int) -> dict:
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


# -- the outputs -------------------------------------------------------------------------------


@dataclass
class Outputs:
    """Where and how the trained model is written."""

    store: Store
    bot: str
    options: RunOptions
    checkpoints: StoreCheckpoints
    work: Path
    clock: Timings


def publish_outputs(out: Outputs, trainer, tokenizer, metrics: dict) -> None:
    """model/ first, metrics.json (the marker) last, then the checkpoints are no longer needed."""
    store, bot, settings, clock = out.store, out.bot, out.options.train, out.clock
    model_dir = out.work / "model"
    metrics["separator"] = separator_for(tokenizer).as_dict()
    with clock.phase("saving"):
        adapter = adapters.adapter_record(trainer.model, settings)  # before a merge unloads it
        adapters.save_model_folder(trainer, tokenizer, settings, model_dir)
        if adapter and not settings.merge:
            adapters.name_base(model_dir, out.options.base_model)
        if adapter:
            metrics["adapter"] = adapter
    with clock.phase("uploading"):
        delete_prefix(store, layout.model_dir(bot) + "/")
        upload_tree(store, layout.model_dir(bot), model_dir)
    metrics["timings"] = clock.as_dict()
    write_json(store, layout.metrics(bot), metrics)
    out.checkpoints.clear()
    log.info(
        "train: eval loss %.4f -> %.4f (perplexity %.1f -> %.1f) in %.1f s, %.0f tokens/s",
        metrics["eval_loss_before"],
        metrics["eval_loss_after"],
        metrics["perplexity_before"],
        metrics["perplexity_after"],
        metrics["train_seconds"],
        metrics["train_tokens_per_second"] or 0,
    )
