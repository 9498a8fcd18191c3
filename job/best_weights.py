"""Keep the best evaluated weights: the train stage publishes the weights whose eval loss on
valid.txt was lowest, not necessarily the last ones.

Why: a fixed number of epochs (the seed's 4) can overfit a small dataset, held-out loss rising
before the end, the more so the larger the base (gpt2 against the benchmark's 3.3M-parameter
proxy, on which the rule was neutral: benchmarks/README.md "quality.py"). It costs no extra
evaluation or step and never publishes weights that evaluate worse than the last. The Trainer
evaluates a few times per run; after each evaluation that beats the best so far, rank 0 copies
the trainable parameters to CPU RAM (one copy of the model's weights, in training precision;
under LoRA only the adapters). Before ``model/`` is saved, those weights go back into the model.

Where it works: the full parameters must be on rank 0, as they are under DeepSpeed ZeRO 0-2
(stages 1 and 2 partition optimizer state and gradients, not parameters), on any number of
ranks. Under ZeRO-3 parameters are partitioned, so the rule is off there and the last weights
are published (logged, and recorded in metrics.json's ``kept``).

Preemption: a checkpoint carries the best so far (``best-weights.json``, and
``best-weights.safetensors`` unless the best is the checkpoint's own step), so a resumed run
keeps the same best; a checkpoint without them (from before the rule) starts it afresh.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("htctl")

RECORD = "best-weights.json"  # in a checkpoint folder: the best step and its eval loss
WEIGHTS = "best-weights.safetensors"  # its weights, when they are not the checkpoint's own


@dataclass(frozen=True)
class Evaluated:
    step: int
    eval_loss: float


class BestWeights:
    """The best evaluated weights so far. Every rank follows the evaluations; only the rank
    that ``holds`` (rank 0, which saves model/) copies weights to CPU RAM. ``enabled`` False:
    the rule is off and the last weights are published."""

    def __init__(self, enabled: bool, holds: bool = True):
        self.enabled = enabled
        self.holds = enabled and holds
        self.best: Evaluated | None = None
        self.last: Evaluated | None = None
        self.weights: dict | None = None  # parameter name -> CPU tensor, at self.best.step
        self._snapshot_at_start = False  # resumed at the best step: copy once training begins

    def offer(self, model, step: int, eval_loss: float) -> None:
        """An evaluation happened: keep these weights if their loss is the lowest so far.

        Step 0 (the eval before training) is the base model's baseline, never a candidate:
        the stage publishes a fine-tuned model."""
        self.last = Evaluated(step, eval_loss)
        if not self.enabled or step == 0:
            return
        if self.best is not None and eval_loss >= self.best.eval_loss:
            return
        self.best = Evaluated(step, eval_loss)
        self.weights = snapshot(model) if self.holds else None

    def restore(self, model) -> dict:
        """Put the best weights back into ``model`` (the holder); metrics.json's ``kept``: the
        rule, the published weights' step and eval loss, and the last evaluated ones."""
        last = self.last
        if last is None:
            raise ValueError("no evaluation to choose weights by")
        kept = self.best if self.enabled and self.best is not None else last
        if kept.step != last.step and self.holds:
            if self.weights is None:
                raise ValueError(f"the weights of step {kept.step} were not kept")
            load_into(model, self.weights)
            log.info(
                "train: publishing the weights of step %d (eval loss %.4f), the best evaluated; "
                "the last step, %d, had %.4f",
                kept.step,
                kept.eval_loss,
                last.step,
                last.eval_loss,
            )
        return {
            "rule": "best" if self.enabled else "last",
            "step": kept.step,
            "eval_loss": kept.eval_loss,
            "last_step": last.step,
            "last_eval_loss": last.eval_loss,
        }

    # -- across a preemption: the best so far travels in the checkpoint ------------------------

    def save(self, folder: Path, step: int) -> None:
        """Into a checkpoint folder of ``step``, before it is uploaded."""
        if not self.holds or self.best is None or self.weights is None:
            return
        from safetensors.torch import save_file

        if self.best.step != step:  # else the checkpoint's own weights are the best
            save_file(self.weights, str(folder / WEIGHTS))
        (folder / RECORD).write_text(json.dumps(asdict(self.best)))

    def load(self, folder: Path, step: int) -> None:
        """From a downloaded checkpoint of ``step``, before training resumes."""
        record = folder / RECORD
        if not self.holds or not record.is_file():
            return
        values = json.loads(record.read_text())
        best = Evaluated(int(values["step"]), float(values["eval_loss"]))
        if best.step == step:
            self._snapshot_at_start = True  # the resumed weights; copied once loaded
        elif (folder / WEIGHTS).is_file():
            from safetensors.torch import load_file

            self.weights = load_file(str(folder / WEIGHTS))
        else:
            log.warning("train: the checkpoint names a best step without its weights: ignored")
            return
        self.best = best
        log.info(
            "train: the best evaluated weights so far are step %d's (eval loss %.4f)",
            self.best.step,
            self.best.eval_loss,
        )

    def training_begins(self, model) -> None:
        """The engine has loaded the checkpoint's weights: copy them if they are the best."""
        if self._snapshot_at_start:
            self.weights = snapshot(model)
            self._snapshot_at_start = False


def snapshot(model) -> dict:
    """CPU copies of the trainable parameters (a tied weight once, as named_parameters gives)."""
    return {
        name: p.detach().to("cpu", copy=True).contiguous()
        for name, p in model.named_parameters()
        if p.requires_grad
    }


def load_into(model, weights: dict) -> None:
    import torch

    parameters = dict(model.named_parameters())
    with torch.no_grad():
        for name, value in weights.items():
            parameters[name].copy_(value)


def keeping_callback(keeper: BestWeights):
    """The Trainer's hooks for ``keeper``: each evaluation, each checkpoint, the start."""
    from transformers import TrainerCallback

    class KeepBest(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            keeper.training_begins(model)

        def on_evaluate(self, args, state, control, metrics=None, model=None, **kwargs):
            if metrics and "eval_loss" in metrics:
                keeper.offer(model, state.global_step, metrics["eval_loss"])

        def on_save(self, args, state, control, **kwargs):
            # Called before the checkpoint is uploaded (this callback comes first).
            folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            keeper.save(folder, state.global_step)

    return KeepBest()


def best_weights_for(keep_best: bool, zero_stage: int, is_primary: bool) -> BestWeights:
    """The keep-best rule, which needs whole parameters on rank 0: off under ZeRO-3."""
    if keep_best and zero_stage == 3:
        log.warning("train: ZeRO-3 partitions the weights: publishing the last, not the best")
        keep_best = False
    return BestWeights(keep_best, holds=is_primary)
