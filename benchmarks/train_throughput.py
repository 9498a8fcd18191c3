"""Training throughput: the seed's way against the project's way, same model, same data.

    .venv/bin/python benchmarks/train_throughput.py            # CPU-sized model, a few minutes
    .venv/bin/python benchmarks/train_throughput.py --gpt2     # gpt2-sized random init, for a GPU

(a) seed: the HF Trainer as huggingtweets ran it: batch 1, no DeepSpeed, fp32, AdamW.
(b) project: exactly what ``htctl``'s train stage builds (job.train.training_arguments): the
    DeepSpeed config, precision, micro-batch and optimizer chosen for this hardware.

Each variant runs in its own process (DeepSpeed sets up a process group that would leak into
the other), ``--repeats`` times, interleaved; the best run of each counts, because on a shared
machine the noise only ever slows a run down. Tokens/s is measured after ``--warmup`` steps,
from the Trainer's own count of non-padding tokens. On CUDA it prints MFU: 6 * N * tokens/s
over the GPU's dense bf16 peak. Then the pipeline's fixed cost: the wall time of a ``tiny``
``htctl run`` on the sample archive minus its train_seconds. Last line: ``speedup: X``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-archive"
BOT = "htctl_sample"

# Dense bf16 tensor-core peaks (FLOP/s) from the vendors' data sheets, by device-name substring.
PEAK_BF16 = [
    ("H200", 989e12),
    ("H100 PCIe", 756e12),
    ("H100", 989e12),
    ("A100", 312e12),
    ("L40S", 362e12),
    ("L4", 121e12),
    ("A10G", 70e12),
    ("A10", 125e12),
    ("RTX 4090", 165e12),
    ("V100", 125e12),  # fp16: V100 has no bf16
    ("T4", 65e12),  # fp16
]

MODELS = {
    # name: (n_layer, n_embd, n_head, block size); vocab is the tiny byte tokenizer's except gpt2
    "tiny": (2, 64, 2, 256),
    "small": (4, 256, 4, 256),
    "gpt2": (12, 768, 12, 1024),
}


def peak_flops(name: str) -> float | None:
    return next((peak for key, peak in PEAK_BF16 if key in name), None)


def build_model(kind: str):
    from transformers import GPT2Config, GPT2LMHeadModel

    from job.models import tiny_tokenizer

    tokenizer = tiny_tokenizer()
    n_layer, n_embd, n_head, block = MODELS[kind]
    tokenizer.model_max_length = block
    vocab = 50257 if kind == "gpt2" else len(tokenizer)
    config = GPT2Config(
        vocab_size=vocab, n_positions=block, n_embd=n_embd, n_layer=n_layer, n_head=n_head
    )
    import torch

    torch.manual_seed(0)
    return GPT2LMHeadModel(config), tokenizer, block


def prepare_dataset(store: Path) -> Path:
    """The sample archive through the real scrape and prepare stages."""
    run = subprocess.run(
        [sys.executable, "-m", "job", "run", BOT, "--source", f"archive:{SAMPLE}"]
        + ["--store", str(store), "--until", "prepare"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if run.returncode:
        sys.exit(f"prepare failed: {run.stderr}")
    return store / BOT / "dataset" / "train.txt"


def timing_callback(warmup: int):
    from transformers import TrainerCallback

    class Timing(TrainerCallback):
        start = end = None
        tokens_start = tokens_end = 0

        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == warmup:
                self._sync()
                self.start, self.tokens_start = time.perf_counter(), state.num_input_tokens_seen
            if state.global_step == state.max_steps:
                self._sync()
                self.end, self.tokens_end = time.perf_counter(), state.num_input_tokens_seen

        @staticmethod
        def _sync():
            import torch

            if torch.cuda.is_available():
                torch.cuda.synchronize()

    return Timing()


def seed_arguments(work: Path, steps: int, cuda: bool):
    from transformers import TrainingArguments

    from job.train import LEARNING_RATE

    return TrainingArguments(
        output_dir=str(work),
        per_device_train_batch_size=1,
        learning_rate=LEARNING_RATE,
        lr_scheduler_type="cosine",
        max_steps=steps,
        optim="adamw_torch",
        use_cpu=not cuda,
        save_strategy="no",
        eval_strategy="no",
        logging_steps=10**6,
        report_to=[],
        disable_tqdm=True,
        include_num_input_tokens_seen="non_padding",
        seed=0,
    )


def project_arguments(work: Path, steps: int, blocks, model, tokenizer):
    from transformers.trainer_utils import IntervalStrategy

    from job.deepspeed_config import prepare_environment
    from job.train import (
        Plan,
        TrainSettings,
        block_size_for,
        detect_hardware,
        training_arguments,
        use_cpu_threads,
        world,
        zero_stage_for,
    )

    hardware = detect_hardware()
    prepare_environment(cuda=hardware.device == "cuda")
    use_cpu_threads(hardware)
    settings = TrainSettings(max_steps=steps, checkpoint_every=0)
    hyperparameters = {
        "micro_batch_size": min(hardware.micro_batch, len(blocks)),
        "block_size": block_size_for(model, tokenizer, None),
        "zero_stage": zero_stage_for(settings.zero_stage, hardware, world()[1]),
    }
    plan = Plan(settings, hardware, blocks, blocks, hyperparameters, steps)
    args = training_arguments(plan, work, seed=0, run_name="bench", use_bar=False)
    # Only the loop is measured: no evaluation or logging in the way.
    args.eval_strategy = IntervalStrategy.NO
    args.eval_on_start = False
    args.logging_steps = 10**6
    return args, hardware


def run_variant(variant: str, kind: str, train_txt: Path, steps: int, warmup: int) -> dict:
    import torch
    from transformers import Trainer

    from job.train import Blocks, PadCollator, pack, single_rank_callback

    model, tokenizer, block = build_model(kind)
    ids = tokenizer(train_txt.read_text(), verbose=False)["input_ids"]
    blocks = Blocks([b for b in pack(ids, block) if len(b) == block])  # full blocks only
    cuda = torch.cuda.is_available()
    with tempfile.TemporaryDirectory() as work:
        if variant == "seed":
            args, detail = seed_arguments(Path(work), steps, cuda), {"precision": "fp32"}
            detail.update(micro_batch=1, deepspeed=False, optim="adamw_torch")
        else:
            args, hw = project_arguments(Path(work), steps, blocks, model, tokenizer)
            detail = {"precision": hw.precision, "micro_batch": args.per_device_train_batch_size}
            detail.update(deepspeed=True, optim=hw.optim)
        args.num_train_epochs = 10**6  # max_steps decides; the data is reused as epochs
        timing = timing_callback(warmup)
        trainer = Trainer(
            model=model,
            args=args,
            train_dataset=blocks,
            data_collator=PadCollator(tokenizer.pad_token_id),
            callbacks=[timing],
        )
        if variant == "project":
            trainer.add_callback(single_rank_callback(trainer))
        trainer.train()
        engine = type(trainer.model_wrapped).__name__
        if hasattr(trainer.model_wrapped, "zero_optimization_stage"):  # what ran, not asked for
            engine += f" ZeRO-{trainer.model_wrapped.zero_optimization_stage()}"
    seconds = timing.end - timing.start
    tokens = timing.tokens_end - timing.tokens_start
    result = {
        "variant": variant,
        "model": kind,
        "params": sum(p.numel() for p in model.parameters()),
        "block": block,
        "engine": engine,
        "tokens_per_second": tokens / seconds,
        "device": torch.cuda.get_device_name(0) if cuda else "cpu",
        "threads": torch.get_num_threads(),
        **detail,
    }
    peak = peak_flops(result["device"]) if cuda else None
    if peak:
        result["mfu"] = 6 * result["params"] * result["tokens_per_second"] / peak
    return result


def child(
    variant: str, kind: str, train_txt: Path, steps: int, warmup: int, threads: int | None
) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "WANDB_MODE": "disabled"}
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    out = subprocess.run(
        [sys.executable, __file__, "--variant", variant, "--model", kind]
        + ["--train-txt", str(train_txt), "--steps", str(steps), "--warmup", str(warmup)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    if out.returncode:
        sys.exit(f"{variant} run failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def pipeline_fixed_cost(max_steps: int | None, threads: int | None) -> tuple[float, float]:
    """Wall time of a tiny ``htctl run`` on the sample archive, and its train_seconds."""
    with tempfile.TemporaryDirectory() as store:
        args = [sys.executable, "-m", "job", "run", BOT, "--source", f"archive:{SAMPLE}"]
        args += ["--store", store, "--base-model", "tiny"]
        if max_steps:
            args += ["--max-steps", str(max_steps)]
        start = time.perf_counter()
        env = {**os.environ, **({"OMP_NUM_THREADS": str(threads)} if threads else {})}
        run = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
        wall = time.perf_counter() - start
        if run.returncode:
            sys.exit(f"htctl run failed:\n{run.stderr[-4000:]}")
        metrics = json.loads((Path(store) / BOT / "metrics.json").read_text())
    return wall, metrics["train_seconds"]


def describe(r: dict) -> str:
    mfu = f", MFU {r['mfu']:.1%}" if "mfu" in r else ""
    return (
        f"{r['variant']:8s} {r['tokens_per_second']:10.0f} tokens/s{mfu}  "
        f"[{r['engine']}, {r['precision']}, micro-batch {r['micro_batch']}, {r['optim']}, "
        f"{r['threads']} CPU threads]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=sorted(MODELS), default="small")
    parser.add_argument("--gpt2", action="store_true", help="gpt2-sized random init (a GPU)")
    parser.add_argument("--steps", type=int, default=None, help="optimizer steps per run")
    parser.add_argument("--warmup", type=int, default=5, help="steps left out of the timing")
    parser.add_argument("--repeats", type=int, default=5, help="runs per variant; best counts")
    parser.add_argument("--pipeline-max-steps", type=int, default=100, help="0: the recipe")
    parser.add_argument("--skip-pipeline", action="store_true")
    parser.add_argument("--threads", type=int, help="OMP_NUM_THREADS for both variants")
    parser.add_argument("--variant", choices=["seed", "project"], help=argparse.SUPPRESS)
    parser.add_argument("--train-txt", type=Path, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    kind = "gpt2" if opts.gpt2 else opts.model
    steps = opts.steps or (150 if kind != "gpt2" else 40)  # ~10 s a run: noise averages out
    if opts.variant:  # a child: one measurement as a JSON line
        print(json.dumps(run_variant(opts.variant, kind, opts.train_txt, steps, opts.warmup)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        train_txt = prepare_dataset(Path(tmp) / "store")
        best: dict[str, dict] = {}
        for _ in range(opts.repeats):
            for variant in ("seed", "project"):
                result = child(variant, kind, train_txt, steps, opts.warmup, opts.threads)
                print(describe(result), flush=True)
                if result["tokens_per_second"] > best.get(variant, {}).get("tokens_per_second", 0):
                    best[variant] = result
    seed, project = best["seed"], best["project"]
    print(
        f"model: {kind}, {seed['params'] / 1e6:.2f}M parameters, block {seed['block']}, "
        f"{steps} steps ({opts.warmup} warm-up) on {seed['device']}; best of {opts.repeats}"
    )
    print(describe(seed))
    print(describe(project))
    if not opts.skip_pipeline:
        wall, train_seconds = pipeline_fixed_cost(opts.pipeline_max_steps or None, opts.threads)
        steps_note = (
            f"--max-steps {opts.pipeline_max_steps}" if opts.pipeline_max_steps else "recipe"
        )
        print(
            f"pipeline fixed cost: {wall - train_seconds:.1f} s "
            f"(tiny htctl run, all stages, {steps_note}: "
            f"{wall:.1f} s wall - {train_seconds:.1f} s train)"
        )
    print(f"speedup: {project['tokens_per_second'] / seed['tokens_per_second']:.2f}")


if __name__ == "__main__":
    main()
