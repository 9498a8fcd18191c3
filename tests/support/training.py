"""Running a tiny training in the real CLI, and stopping it the way Kubernetes does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.cli import ROOT

BOT = "htctl_sample"


ONE_THREAD = {"OMP_NUM_THREADS": "1"}


def tiny_run_args(
    sample_archive: Path, store: str, *extra: str, until: str | None = "train"
) -> list[str]:
    """``htctl run`` of the sample archive with the tiny preset, up to ``until`` (None: the
    whole pipeline), then ``extra``."""
    return [
        "run",
        BOT,
        "--source",
        f"archive:{sample_archive}",
        "--store",
        store,
        "--base-model",
        "tiny",
        *(["--until", until] if until else []),
        *extra,
    ]


def wait_for_line(path: Path, needle: str, proc: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text() if path.exists() else ""
        if needle in text:
            return text
        if proc.poll() is not None:
            raise AssertionError(f"htctl exited ({proc.returncode}) before {needle!r}:\n{text}")
        time.sleep(0.05)
    raise AssertionError(f"no {needle!r} within {timeout}s")


def sigterm_during_training(
    args: list[str], tmp_path: Path, steps: int, after: str | None = None
) -> tuple[int, str, list]:
    """Run ``htctl ARGS``, SIGTERM it (as Kubernetes does) once training is under way (or once
    it logged ``after``); returns the exit code, stdout and the lines of stderr."""
    log_file, err_file = tmp_path / "sigterm.log", tmp_path / "sigterm.err"
    with log_file.open("w") as out, err_file.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "job", *args],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env={**os.environ, **ONE_THREAD},
        )
        try:
            # Step 1 is logged once it is done: training is under way, well before the end.
            wait_for_line(log_file, after or f"train: 1/{steps} steps", proc, timeout=400)
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
    return rc, log_file.read_text(), err_file.read_text().strip().splitlines()


def overfitting_dataset(dataset: Path, base: Path) -> Path:
    """Make fine-tuning overfit: a tiny base fitted to the prepared dataset's valid.txt (saved
    into ``base``), and a train.txt of digits only, nothing like valid.txt. Held-out loss then
    rises as training goes on, so the best evaluated weights come before the last."""
    import torch

    from job.models import save_tiny, tiny_tokenizer

    save_tiny(base)
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(base)
    ids = tiny_tokenizer()((dataset / "valid.txt").read_text())["input_ids"]
    blocks = torch.tensor([ids[i : i + 64] for i in range(0, len(ids) - 64, 64)])
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for _ in range(150):  # a couple of seconds: the base predicts valid.txt well
        model(input_ids=blocks, labels=blocks).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.save_pretrained(base)
    posts = [" ".join(f"{(i * 7 + j) % 100:02d}" for j in range(12)) for i in range(300)]
    (dataset / "train.txt").write_text("".join(f"<|endoftext|>{p}" for p in posts))
    return base


def published_eval_loss(store, bot: str) -> float:
    """The published model's eval loss on the bot's valid.txt, computed afresh as the Trainer
    does at eval batch 1: the mean over blocks of each block's mean token loss."""
    import tempfile

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from job.blocks import PadCollator, block_size_for, load_blocks
    from job.separator import separator_for
    from job.store import download_tree

    with tempfile.TemporaryDirectory() as folder:
        download_tree(store, f"{bot}/model", Path(folder))
        model = AutoModelForCausalLM.from_pretrained(folder).eval()
        tokenizer = AutoTokenizer.from_pretrained(folder)
    size = block_size_for(model, tokenizer, None)
    blocks = load_blocks(
        store, f"{bot}/dataset/valid.txt", tokenizer, size, separator_for(tokenizer)
    )
    collate = PadCollator(tokenizer.pad_token_id)
    with torch.no_grad():
        losses = [model(**collate([blocks[i]])).loss for i in range(len(blocks))]
    return float(torch.stack(losses).mean())
