"""Training checkpoints in the store, and the SIGTERM flag that makes training save one.

Preemption: SIGTERM (Kubernetes eviction) makes training stop at the next step, save a
Trainer/DeepSpeed checkpoint, upload it to ``<bot>/checkpoints/`` and exit 143 so the Job
retries. Checkpoints also go up every ``checkpoint_every`` steps, so a SIGKILL loses little.
The next run downloads the latest checkpoint whose settings match and resumes from it;
checkpoints are deleted after a successful run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
from pathlib import Path

from job import layout
from job.markers import LATEST_CHECKPOINT_CHECK, read_marker
from job.store import Store, delete_prefix, upload_tree, write_json

log = logging.getLogger("htctl")

LATEST = "latest.json"  # in <bot>/checkpoints/, written after the checkpoint's files


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
