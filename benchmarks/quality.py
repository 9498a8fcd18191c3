"""Fine-tuning quality: held-out eval loss of the seed's recipe against htctl's, on real exports.

    .venv/bin/python benchmarks/quality.py       # 6-10 minutes once the proxy is cached

A random-init model shows no fine-tuning dynamics, and there is no network for gpt2, so the
base is a *proxy*: train_throughput.py's ``small`` GPT-2 shape with the offline byte-level
``tiny`` tokenizer, pretrained once on Debian's fortunes (generic English; about 25 minutes on
a shared 2-core VM), cached under ``<cache_dir()>/quality/proxy-small-<hash of its recipe>/``.

Each real export in the shared folder beside the checkout (``shared/data/x-archives``) goes
through htctl's own scrape and prepare (``htctl run --until prepare``), so every recipe trains
and evaluates on the same train.txt / valid.txt and the same blocks (job.blocks); train.txt is
cut to its first 400 posts for the time (``--max-train-posts``). Then, per export:

- **seed**: huggingtweets' recipe, written here: HF Trainer, batch 1, fp32, AdamW, lr 1.372e-4,
  cosine, no warmup, 4 epochs, no DeepSpeed, the last weights; evaluated after every epoch
  (which shows whether 4 epochs overfit; it does not change the trajectory). ``--seed-evals``,
  ``--seed-lr`` and ``--seed-epochs`` explore around it.
- **htctl**: ``htctl run --until train`` with its defaults (DeepSpeed, the keep-best rule).
- **htctl-last**: the same with ``--no-keep-best`` (the last weights), when htctl has the flag.
- **lora**: the same with ``--adapter lora``, when ``htctl run --help`` lists ``--adapter``.

Per run it prints the held-out eval loss on valid.txt of the weights it publishes, the loss on
unused train posts (cut off by the cap: neither trained on nor used to choose weights), the train
seconds (the Trainer's train_runtime, evaluations included) and the artifact's MB; the last
line is ``quality: X``, htctl's eval loss over the seed's, averaged over the exports (lower is
better, 1.00 is parity). Timings on a shared machine are noisy; losses are not (seeded).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from train_throughput import MODELS  # the same "small" shape as the throughput benchmark

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: job/ from this checkout

EXPORTS = ROOT.parent / "shared" / "data" / "x-archives"
FORTUNES = Path("/usr/share/games/fortunes")
NOT_PROSE = {"art", "ascii-art"}  # pictures drawn in characters, not English text
EOS = "<|endoftext|>"
RECIPES = ("seed", "htctl", "htctl-last", "lora")
TEST_POSTS = 200  # unused train posts measured as a second held-out set

# The proxy's pretraining: changing any of it changes the cache folder's hash.
PROXY_RECIPE = {
    "shape": "small",  # (n_layer, n_embd, n_head, block) from train_throughput.MODELS
    "tokenizer": "tiny byte-level",
    "corpus": "fortunes without art, ascii-art; whitespace folded; every 20th entry held out",
    "steps": 1500,
    "batch": 8,
    "learning_rate": 2e-3,
    "warmup_steps": 50,
    "dropout": 0.0,  # while pretraining; the saved config has GPT-2's 0.1 for fine-tuning
    "schedule": "linear warmup, cosine to 0",
    "weight_decay": 0.01,
    "seed": 0,
    "version": 2,
}


# -- the proxy base ----------------------------------------------------------------------------


def fortune_entries() -> list[str]:
    """Every fortune as one line of text (whitespace folded, as the data rules fold a post's),
    in a fixed order. A fortune file holds entries separated by lines of a lone ``%``."""
    entries = []
    for path in sorted(FORTUNES.iterdir()):
        if path.suffix or path.is_symlink() or path.name in NOT_PROSE or not path.is_file():
            continue  # .dat indexes, .u8 links
        lines: list[str] = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines() + ["%"]:
            if line.strip() == "%":
                folded = " ".join(" ".join(lines).split())
                if folded:
                    entries.append(folded)
                lines = []
            else:
                lines.append(line)
    return entries


def corpus_blocks(entries: list[str], tokenizer, block: int) -> list[list[int]]:
    from job.blocks import pack

    ids: list[int] = []
    for entry in entries:  # each entry opens with the separator, as a post in train.txt does
        ids.append(tokenizer.eos_token_id)
        ids.extend(tokenizer(entry, verbose=False)["input_ids"])
    return pack(ids, block)


def proxy_folder() -> Path:
    from job.models import cache_dir

    sizes = {p.name: p.stat().st_size for p in sorted(FORTUNES.iterdir()) if p.is_file()}
    recipe = {**PROXY_RECIPE, "model": MODELS["small"], "corpus_files": sizes}
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:12]
    return cache_dir() / "quality" / f"proxy-small-{digest}"


def mean_loss(model, blocks: list[list[int]]) -> float:
    """Mean over blocks of each block's mean token loss (what the Trainer's eval_loss is at
    eval batch 1)."""
    import torch

    model.eval()
    with torch.no_grad():
        losses = [model(input_ids=torch.tensor([b]), labels=torch.tensor([b])).loss for b in blocks]
    model.train()
    return float(torch.stack(losses).mean())


def pretrain_proxy(folder: Path) -> dict:
    """Pretrain the small GPT-2 on fortunes and save model + tokenizer into ``folder``."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    from job.models import tiny_tokenizer

    r = PROXY_RECIPE
    n_layer, n_embd, n_head, block = MODELS[r["shape"]]
    tokenizer = tiny_tokenizer()
    tokenizer.model_max_length = block
    entries = fortune_entries()
    random.Random(r["seed"]).shuffle(entries)
    held_out = entries[::20]
    train = [e for i, e in enumerate(entries) if i % 20]
    train_blocks = corpus_blocks(train, tokenizer, block)
    valid_blocks = [b for b in corpus_blocks(held_out, tokenizer, block) if len(b) == block][:64]
    torch.manual_seed(r["seed"])
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=block,
        n_embd=n_embd,
        n_layer=n_layer,
        n_head=n_head,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        resid_pdrop=r["dropout"],
        embd_pdrop=r["dropout"],
        attn_pdrop=r["dropout"],
    )
    model = GPT2LMHeadModel(config)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": r["weight_decay"]}, {"params": no_decay}],
        lr=r["learning_rate"],
    )

    def rate(step: int) -> float:
        if step < r["warmup_steps"]:
            return (step + 1) / r["warmup_steps"]
        progress = (step - r["warmup_steps"]) / max(1, r["steps"] - r["warmup_steps"])
        return 0.5 * (1 + math.cos(math.pi * progress))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    full = [b for b in train_blocks if len(b) == block]
    order = random.Random(r["seed"])
    before = mean_loss(model, valid_blocks)
    start = time.perf_counter()
    for step in range(r["steps"]):
        batch = torch.tensor(order.sample(full, r["batch"]))
        loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        if step % 250 == 0:
            print(f"  proxy step {step}/{r['steps']}: train loss {loss.item():.3f}", flush=True)
    seconds = time.perf_counter() - start
    after = mean_loss(model, valid_blocks)
    model.config.resid_pdrop = model.config.embd_pdrop = model.config.attn_pdrop = 0.1
    record = {
        "recipe": PROXY_RECIPE,
        "parameters": sum(p.numel() for p in model.parameters()),
        "corpus_entries": len(entries),
        "train_tokens_available": sum(len(b) for b in train_blocks),
        "train_tokens_seen": r["steps"] * r["batch"] * block,
        "held_out_blocks": len(valid_blocks),
        "held_out_loss_before": round(before, 4),
        "held_out_loss": round(after, 4),
        "seconds": round(seconds, 1),
        "threads": torch.get_num_threads(),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    (tmp / "proxy.json").write_text(json.dumps(record, indent=2) + "\n")
    os.replace(tmp, folder)  # whole or absent: a half-written proxy is never reused
    return record


def proxy_base(threads: int) -> Path:
    folder = proxy_folder()
    if (folder / "proxy.json").is_file():
        record = json.loads((folder / "proxy.json").read_text())
        how = "cached"
    else:
        import torch

        print(f"pretraining the proxy base into {folder} (once; minutes)", flush=True)
        before = torch.get_num_threads()
        torch.set_num_threads(threads)
        record = pretrain_proxy(folder)
        torch.set_num_threads(before)
        how = f"pretrained in {record['seconds']:.0f} s"
    print(
        f"proxy: small GPT-2, {record['parameters'] / 1e6:.2f}M parameters, "
        f"{record['train_tokens_seen'] / 1e6:.2f}M fortune tokens seen "
        f"(of {record['train_tokens_available'] / 1e6:.2f}M); held-out fortunes loss "
        f"{record['held_out_loss_before']:.3f} -> {record['held_out_loss']:.3f} ({how}; {folder})",
        flush=True,
    )
    return folder


# -- the data: htctl's own scrape and prepare --------------------------------------------------


def htctl(args: list[str], threads: int) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "OMP_NUM_THREADS": str(threads),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "WANDB_MODE": "disabled",
        "HT_AVATARS": "0",  # no network here; the card's picture plays no part
        "HT_LEASE_WAIT": "0",
    }
    return subprocess.run(
        [sys.executable, "-m", "job", *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


def prepare(
    handle: str, export: Path, store: Path, base: Path, max_posts: int, threads: int
) -> tuple[int, int, str]:
    """train.txt and valid.txt by ``htctl run --until prepare``; train.txt cut to its first
    ``max_posts`` posts (0: all) so the benchmark fits its time; valid.txt is left whole.

    Returns the post counts and the *unused* text: up to TEST_POSTS of the train posts cut
    off, never trained on nor used to choose weights (keep-best chooses by valid.txt), so
    their loss is an unbiased second measure."""
    run = htctl(
        ["run", handle, "--source", f"archive:{export}", "--store", str(store)]
        + ["--until", "prepare", "--base-model", str(base)],
        threads,
    )
    if run.returncode:
        sys.exit(f"{handle}: prepare failed: {run.stderr.strip()[-2000:]}")
    dataset = store / handle / "dataset"
    posts = (dataset / "train.txt").read_text(encoding="utf-8").split(EOS)[1:]
    unused = ""
    if max_posts and len(posts) > max_posts:
        unused = "".join(EOS + p for p in posts[max_posts : max_posts + TEST_POSTS])
        posts = posts[:max_posts]
        (dataset / "train.txt").write_text("".join(EOS + p for p in posts), encoding="utf-8")
        stats = json.loads((dataset / "stats.json").read_text())
        stats["train_posts"] = stats["unique_train_posts"] = len(posts)
        (dataset / "stats.json").write_text(json.dumps(stats, indent=2))
    valid = (dataset / "valid.txt").read_text(encoding="utf-8").count(EOS)
    return len(posts), valid, unused


def copy_prepared(store: Path, handle: str, target: Path) -> Path:
    """A store of its own per recipe, holding the same prepared dataset."""
    for part in ("raw", "dataset"):
        shutil.copytree(store / handle / part, target / handle / part)
    return target


def text_loss(model_folder: Path, text: str, base: Path) -> float | None:
    """The mean block loss of the published model in ``model_folder`` (full weights or a LoRA
    adapter on ``base``) on dataset ``text`` (None: no text), in the train stage's blocks."""
    if not text:
        return None
    from job.blocks import block_size_for, pack
    from job.generate import load
    from job.separator import encode, separator_for

    tokenizer, model = load(model_folder, trusted_base=str(base))
    ids = encode(tokenizer, text, separator_for(tokenizer))
    return mean_loss(model, pack(ids, block_size_for(model, tokenizer, None)))


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


# -- the recipes -------------------------------------------------------------------------------


def seed_recipe(store: Path, handle: str, base: Path, work: Path, unused: str, opts) -> dict:
    """huggingtweets' training, on htctl's blocks: HF Trainer, batch 1, fp32, AdamW, lr
    1.372e-4, cosine, no warmup, 4 epochs, no DeepSpeed; the last weights are the result.
    (``--seed-lr`` and ``--seed-epochs`` change it, to explore.)"""
    import torch
    from transformers import PrinterCallback, Trainer, TrainingArguments

    from job.blocks import PadCollator, block_size_for, load_blocks
    from job.models import load_base_model
    from job.options import LEARNING_RATE
    from job.separator import separator_for
    from job.store import LocalStore

    # Loaded as htctl loads it, so both eval losses count the same tokens: GPT-2's config
    # names no loss type, and then the Trainer divides the loss by every label, the first one
    # included, which no prediction targets (eval loss x 255/256 at block 256).
    model, tokenizer = load_base_model(str(base))
    block = block_size_for(model, tokenizer, None)
    separator, local = separator_for(tokenizer), LocalStore(store)
    train = load_blocks(local, f"{handle}/dataset/train.txt", tokenizer, block, separator)
    valid = load_blocks(local, f"{handle}/dataset/valid.txt", tokenizer, block, separator)
    args = TrainingArguments(
        output_dir=str(work / "trainer"),
        per_device_train_batch_size=1,
        per_device_eval_batch_size=1,
        learning_rate=opts.seed_lr or LEARNING_RATE,
        lr_scheduler_type="cosine",
        warmup_steps=0,
        num_train_epochs=opts.seed_epochs,
        optim="adamw_torch",
        use_cpu=not torch.cuda.is_available(),
        # The curve (per epoch by default); evaluating leaves the training itself unchanged.
        eval_strategy="steps",
        eval_steps=max(1, math.ceil(opts.seed_epochs * len(train) / opts.seed_evals)),
        save_strategy="no",
        logging_strategy="epoch",
        report_to=[],
        disable_tqdm=True,
        seed=0,
        data_seed=0,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=train,
        eval_dataset=valid,
        # The same collator as htctl's so both losses count the same tokens: the seed's
        # DataCollatorForLanguageModeling also dropped <|endoftext|> from the labels.
        data_collator=PadCollator(tokenizer.pad_token_id),
        processing_class=tokenizer,  # saved with the model, as htctl's model/ holds it
    )
    trainer.remove_callback(PrinterCallback)  # a dict per log line; the summary says enough
    output = trainer.train()
    state = trainer.state
    if not any(e.get("step") == state.global_step for e in state.log_history if "eval_loss" in e):
        trainer.evaluate()  # the seed's result is its last weights
    evals = [(e["epoch"], e["eval_loss"]) for e in state.log_history if "eval_loss" in e]
    trainer.save_model(str(work / "model"))
    return {
        "eval_loss": evals[-1][1],
        "train_seconds": output.metrics["train_runtime"],
        "artifact_mb": folder_mb(work / "model"),
        "unused_loss": text_loss(work / "model", unused, base),
        "steps": trainer.state.global_step,
        "evals": [{"epoch": round(e, 2), "eval_loss": loss} for e, loss in evals],
        "train_blocks": len(train),
        "valid_blocks": len(valid),
    }


def htctl_recipe(
    store: Path, handle: str, base: Path, extra: list[str], threads: int, unused: str
) -> dict:
    """``htctl run --until train`` on the prepared store; the figures from metrics.json."""
    run = htctl(
        ["run", handle, "--store", str(store), "--base-model", str(base), "--until", "train"]
        + extra,
        threads,
    )
    if run.returncode:
        sys.exit(f"{handle}: htctl {' '.join(extra)} failed: {run.stderr.strip()[-2000:]}")
    metrics = json.loads((store / handle / "metrics.json").read_text())
    evals = [e for e in metrics["log_history"] if "eval_loss" in e]
    return {
        "eval_loss": metrics["eval_loss_after"],
        "train_seconds": metrics["train_seconds"],
        "artifact_mb": folder_mb(store / handle / "model"),
        "unused_loss": text_loss(store / handle / "model", unused, base),
        "steps": metrics["global_step"],
        "evals": [{"epoch": round(e["epoch"] or 0, 2), "eval_loss": e["eval_loss"]} for e in evals],
        "kept": metrics.get("kept"),
    }


def htctl_flags() -> str:
    run = htctl(["run", "--help"], threads=1)
    return run.stdout


# -- the report --------------------------------------------------------------------------------


def curve(evals: list[dict]) -> str:
    return ", ".join(f"{e['epoch']:g}: {e['eval_loss']:.4f}" for e in evals)


HEADER = (
    f"{'export':14s} {'recipe':11s} {'eval loss':>9s} {'unused loss':>11s} {'train s':>8s} "
    f"{'artifact MB':>11s}"
)


def row(export: str, recipe: str, r: dict) -> str:
    unused = f"{r['unused_loss']:11.4f}" if r["unused_loss"] is not None else f"{'-':>11s}"
    return (
        f"{export:14s} {recipe:11s} {r['eval_loss']:9.4f} {unused} {r['train_seconds']:8.1f} "
        f"{r['artifact_mb']:11.1f}"
    )


def mean_ratio(results: dict, key: str, recipe: str = "htctl") -> float | None:
    """``recipe``'s ``key`` over the seed's, averaged over the exports."""
    ratios = [
        r[recipe][key] / r["seed"][key]
        for r in results.values()
        if recipe in r and "seed" in r and r[recipe][key] and r["seed"][key]
    ]
    return sum(ratios) / len(ratios) if ratios else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-train-posts",
        type=int,
        default=400,  # about 10 minutes for the three recipes on a 2-core machine
        help="train on the first N posts of each train.txt (0: all); valid.txt stays whole",
    )
    parser.add_argument(
        "--recipes", default="seed,htctl,lora", help=f"comma-separated, of {', '.join(RECIPES)}"
    )
    parser.add_argument("--exports", type=Path, default=EXPORTS, help="a folder of X exports")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for every run")
    parser.add_argument("--proxy-threads", type=int, default=2, help="CPU threads to pretrain")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--proxy-only", action="store_true", help="pretrain (or show) the proxy")
    parser.add_argument("--base", type=Path, help="a base model folder instead of the proxy")
    parser.add_argument(
        "--seed-evals", type=int, default=4, help="evaluations of the seed's run (4: per epoch)"
    )
    parser.add_argument("--seed-lr", type=float, help="explore: the seed's learning rate")
    parser.add_argument("--seed-epochs", type=float, default=4, help="explore: the seed's epochs")
    opts = parser.parse_args()
    recipes = [r for r in opts.recipes.split(",") if r]
    if not recipes or set(recipes) - set(RECIPES):
        sys.exit(f"--recipes takes some of {', '.join(RECIPES)}, not {opts.recipes!r}")
    exports = (
        sorted(p for p in opts.exports.iterdir() if p.is_dir()) if opts.exports.is_dir() else []
    )
    if not exports:
        sys.exit(f"no exports in {opts.exports}")
    os.environ["OMP_NUM_THREADS"] = str(opts.threads)
    import torch

    torch.set_num_threads(opts.threads)
    started = time.perf_counter()
    base = opts.base.resolve() if opts.base else proxy_base(opts.proxy_threads)
    if opts.proxy_only:
        return
    help_text = htctl_flags()
    available = {
        "seed": True,
        "htctl": True,
        "htctl-last": "--no-keep-best" in help_text,
        "lora": "--adapter" in help_text,
    }
    extra = {"htctl": [], "htctl-last": ["--no-keep-best"], "lora": ["--adapter", "lora"]}
    results: dict[str, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="htctl-quality-") as tmp:
        for export in exports:
            handle = export.name.lower()
            store = Path(tmp) / handle / "prepared"
            train_posts, valid_posts, unused = prepare(
                handle, export, store, base, opts.max_train_posts, opts.threads
            )
            print(f"{handle}: {train_posts} train posts, {valid_posts} valid posts", flush=True)
            results[handle] = {}
            for recipe in recipes:
                if not available[recipe]:
                    print(f"{handle}: {recipe}: not available (htctl run has no such flag)")
                    continue
                work = Path(tmp) / handle / recipe
                if recipe == "seed":
                    result = seed_recipe(store, handle, base, work, unused, opts)
                else:
                    own = copy_prepared(store, handle, work)
                    result = htctl_recipe(own, handle, base, extra[recipe], opts.threads, unused)
                results[handle][recipe] = result
                kept = f"; kept step {result['kept']['step']}" if result.get("kept") else ""
                print(
                    f"{handle}: {recipe}: eval loss {result['eval_loss']:.4f}, "
                    f"{result['steps']} steps in {result['train_seconds']:.1f} s; "
                    f"evals by epoch {curve(result['evals'])}{kept}",
                    flush=True,
                )
    print()
    print(HEADER)
    for handle, by_recipe in results.items():
        for recipe in recipes:
            if recipe in by_recipe:
                print(row(handle, recipe, by_recipe[recipe]))
            elif recipe == "lora":
                print(f"{handle:14s} lora: not available")
    print(f"wall: {time.perf_counter() - started:.0f} s, {opts.threads} thread(s)")
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=2) + "\n")
    for recipe in [r for r in recipes if r != "seed"]:
        on_valid = mean_ratio(results, "eval_loss", recipe)
        # The unused posts check, without bias, a rule that chooses weights by valid.txt.
        on_unused = mean_ratio(results, "unused_loss", recipe)
        if on_valid is not None:
            unused_text = f", unused posts {on_unused:.3f}" if on_unused is not None else ""
            print(f"{recipe} / seed: valid.txt {on_valid:.3f}{unused_text}")
    quality = mean_ratio(results, "eval_loss")
    if quality is not None:
        print(f"quality: {quality:.2f}")


if __name__ == "__main__":
    main()
