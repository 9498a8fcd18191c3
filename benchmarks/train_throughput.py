"""Training throughput: the seed's way against the project's way, same model, same data.

    .venv/bin/python benchmarks/train_throughput.py            # CPU-sized model, a few minutes
    .venv/bin/python benchmarks/train_throughput.py --gpt2     # gpt2-sized random init, for a GPU

(a) seed: the HF Trainer as huggingtweets ran it: batch 1, no DeepSpeed, fp32, AdamW.
(b) project: exactly what ``htctl``'s train stage builds (job.train.training_arguments): the
    DeepSpeed config, precision, micro-batch and optimizer chosen for this hardware.

Each variant runs in its own process (DeepSpeed sets up a process group that would leak into
the other), ``--repeats`` times, interleaved; the best run of each counts, because on a shared
machine the noise only ever slows a run down. Tokens/s is measured after ``--warmup`` steps,
from the Trainer's own count of non-padding tokens. On CUDA it prints MFU: achieved model
FLOP/s (6 * N + 12 * layers * width * block per token: weights and attention, forward and
backward) over the GPU's dense bf16 peak: ``--peak-tflops`` or ``HT_PEAK_TFLOPS``, else the
device's data-sheet figure, else an H200's 989. Then the pipeline's fixed cost: the wall time of
a ``tiny`` ``htctl run`` on the sample archive minus its train_seconds. Last line:
``speedup: X``.

    --micro-batch 64 --variants project       # the project's engine at a large micro-batch
    --json results.json                       # the best run of each variant, for a script
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

H200_PEAK = 989e12  # the GPU this workplace lends; any CUDA device not in the table
PEAK_SETTING = "HT_PEAK_TFLOPS"

MODELS = {
    # name: (n_layer, n_embd, n_head, block size); vocab is the tiny byte tokenizer's except gpt2
    "tiny": (2, 64, 2, 256),
    "small": (4, 256, 4, 256),
    "gpt2": (12, 768, 12, 1024),
}


def peak_flops(name: str) -> float | None:
    return next((peak for key, peak in PEAK_BF16 if key in name), None)


def peak_for(device: str, cuda: bool, given_tflops: float | None) -> float | None:
    """The peak MFU is measured against: the option or HT_PEAK_TFLOPS, else on CUDA the data
    sheet's figure for the device (an H200's when unknown); on a CPU only a given one."""
    if given_tflops is None and os.environ.get(PEAK_SETTING):
        given_tflops = float(os.environ[PEAK_SETTING])
    if given_tflops is not None:
        if not given_tflops > 0:
            sys.exit(f"the peak must be a positive number of TFLOP/s, not {given_tflops}")
        return given_tflops * 1e12
    return (peak_flops(device) or H200_PEAK) if cuda else None


def flops_per_token(params: int, kind: str) -> float:
    """Training FLOPs per token: 6 per parameter (forward and backward matmuls) plus attention's
    scores and weighted sum, 12 * layers * width * sequence (PaLM, appendix B)."""
    n_layer, n_embd, _, block = MODELS[kind]
    return 6 * params + 12 * n_layer * n_embd * block


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

    from job.options import LEARNING_RATE

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


def project_arguments(work: Path, steps: int, blocks, model, tokenizer, micro_batch: int | None):
    from transformers.trainer_utils import IntervalStrategy

    from job.blocks import block_size_for
    from job.deepspeed_config import prepare_environment
    from job.hardware import detect_hardware, use_cpu_threads, zero_stage_for
    from job.options import TrainSettings
    from job.rank import Rank
    from job.train import Plan, training_arguments

    hardware = detect_hardware()
    rank = Rank.from_env()
    prepare_environment(cuda=hardware.device == "cuda", rank=rank)
    use_cpu_threads(hardware)
    settings = TrainSettings(max_steps=steps, checkpoint_every=0, micro_batch=micro_batch)
    hyperparameters = {
        "micro_batch_size": min(micro_batch or 1, len(blocks)),
        "block_size": block_size_for(model, tokenizer, None),
        "zero_stage": zero_stage_for(settings.zero_stage, hardware, rank.world_size),
    }
    plan = Plan(settings, hardware, blocks, blocks, hyperparameters, steps)
    args = training_arguments(plan, work, seed=0, run_name="bench", use_bar=False)
    # Only the loop is measured: no evaluation or logging in the way.
    args.eval_strategy = IntervalStrategy.NO
    args.eval_on_start = False
    args.logging_steps = 10**6
    return args, hardware


def run_variant(
    variant: str,
    kind: str,
    train_txt: Path,
    steps: int,
    warmup: int,
    micro_batch: int | None = None,
    peak_tflops: float | None = None,
) -> dict:
    import torch
    from transformers import Trainer

    from job.blocks import Blocks, PadCollator, pack
    from job.train import single_rank_callback

    model, tokenizer, block = build_model(kind)
    ids = tokenizer(train_txt.read_text(), verbose=False)["input_ids"]
    full = [b for b in pack(ids, block) if len(b) == block]  # full blocks only
    # Enough blocks for several large micro-batches: a small archive is reused, as epochs are.
    blocks = Blocks(full * max(1, -(-4 * (micro_batch or 1) // len(full))))
    cuda = torch.cuda.is_available()
    with tempfile.TemporaryDirectory() as work:
        if variant == "seed":
            args, detail = seed_arguments(Path(work), steps, cuda), {"precision": "fp32"}
            detail.update(micro_batch=1, deepspeed=False, optim="adamw_torch")
        else:
            args, hw = project_arguments(Path(work), steps, blocks, model, tokenizer, micro_batch)
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
    peak = peak_for(result["device"], cuda, peak_tflops)
    if peak:
        achieved = flops_per_token(result["params"], kind) * result["tokens_per_second"]
        result.update(achieved_tflops=achieved / 1e12, peak_tflops=peak / 1e12)
        result["mfu"] = achieved / peak
    return result


def child(variant: str, kind: str, train_txt: Path, steps: int, opts) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "WANDB_MODE": "disabled"}
    if opts.threads:
        env["OMP_NUM_THREADS"] = str(opts.threads)
    extra = ["--micro-batch", str(opts.micro_batch)] if opts.micro_batch else []
    extra += ["--peak-tflops", str(opts.peak_tflops)] if opts.peak_tflops else []
    out = subprocess.run(
        [sys.executable, __file__, "--variant", variant, "--model", kind, *extra]
        + ["--train-txt", str(train_txt), "--steps", str(steps), "--warmup", str(opts.warmup)],
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
    mfu = ""
    if "mfu" in r:
        mfu = f", MFU {r['mfu']:.1%} ({r['achieved_tflops']:.1f} of {r['peak_tflops']:.0f} TFLOP/s)"
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
    parser.add_argument(
        "--micro-batch", type=int, help="the project variant's micro-batch (default: by hardware)"
    )
    parser.add_argument(
        "--peak-tflops",
        type=float,
        help=f"peak for MFU (default ${PEAK_SETTING}, else the device's, else an H200's 989)",
    )
    parser.add_argument(
        "--variants", default="seed,project", help="which variants to run: seed, project or both"
    )
    parser.add_argument("--json", type=Path, help="also write the best run of each as JSON")
    parser.add_argument("--variant", choices=["seed", "project"], help=argparse.SUPPRESS)
    parser.add_argument("--train-txt", type=Path, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    kind = "gpt2" if opts.gpt2 else opts.model
    steps = opts.steps or (150 if kind != "gpt2" else 40)  # ~10 s a run: noise averages out
    if opts.variant:  # a child: one measurement as a JSON line
        result = run_variant(
            opts.variant,
            kind,
            opts.train_txt,
            steps,
            opts.warmup,
            opts.micro_batch,
            opts.peak_tflops,
        )
        print(json.dumps(result))
        return
    variants = [v for v in opts.variants.split(",") if v]
    if not variants or set(variants) - {"seed", "project"}:
        sys.exit(f"--variants takes seed, project or seed,project, not {opts.variants!r}")

    with tempfile.TemporaryDirectory() as tmp:
        train_txt = prepare_dataset(Path(tmp) / "store")
        best: dict[str, dict] = {}
        for _ in range(opts.repeats):
            for variant in variants:
                result = child(variant, kind, train_txt, steps, opts)
                print(describe(result), flush=True)
                if result["tokens_per_second"] > best.get(variant, {}).get("tokens_per_second", 0):
                    best[variant] = result
    first = best[variants[0]]
    print(
        f"model: {kind}, {first['params'] / 1e6:.2f}M parameters, block {first['block']}, "
        f"{steps} steps ({opts.warmup} warm-up) on {first['device']}; best of {opts.repeats}"
    )
    for variant in variants:
        print(describe(best[variant]))
    if opts.json:
        opts.json.write_text(json.dumps({"steps": steps, "best": best}, indent=2) + "\n")
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
    if "seed" in best and "project" in best:
        speedup = best["project"]["tokens_per_second"] / best["seed"]["tokens_per_second"]
        print(f"speedup: {speedup:.2f}")


if __name__ == "__main__":
    main()
