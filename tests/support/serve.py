"""Two tiny published bots in a store, and ``htctl serve`` started as a real process.

The bots are built the way tests/test_publish.py builds one: a real prepare run of an archive,
the tiny model saved as training leaves it, then the real publish stage (samples, pictures,
card, manifest last). No training: that is not what these tests are about.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from job import layout
from job.bots import parse_bot
from job.models import save_tiny
from job.options import RunOptions
from job.pipeline import run
from job.sources import bind_sources
from job.store import Store, open_store, upload_tree, write_json
from tests.support.archives import build_archive, synthetic_posts
from tests.support.cli import ROOT, free_port
from tests.support.publishing import (
    GENERATION_DEFAULTS,
    make_trained_bot,
    metrics_fixture,
    publish_bot,
)

SECOND = "garden_bot"


def save_model(folder: Path, seed: int) -> Path:
    from transformers import GenerationConfig

    save_tiny(folder, seed=seed)
    GenerationConfig(**GENERATION_DEFAULTS).save_pretrained(folder)
    return folder


def publish_archive_bot(store: Store, name: str, scratch: Path, seed: int) -> None:
    """Prepare a synthetic archive of ``name``, add a tiny model and metrics, publish."""
    archive = build_archive(
        scratch / f"{name}-archive",
        synthetic_posts(300, seed=seed),
        username=name,
        display_name=f"{name.replace('_', ' ').title()} (synthetic)",
    )
    bot = bind_sources(parse_bot(name), [f"archive:{archive}"])
    run(store, bot, RunOptions(until="prepare"))
    upload_tree(store, layout.model_dir(name), save_model(scratch / f"{name}-model", seed))
    metrics = metrics_fixture()
    metrics["eval_loss_after"] = 2.5 + seed / 10
    write_json(store, layout.metrics(name), metrics)
    run(store, bot, RunOptions())


def publish_two_bots(uri: str, scratch: Path) -> Store:
    store = make_trained_bot(uri, scratch)
    publish_bot(store)
    publish_archive_bot(store, SECOND, scratch, seed=1)
    return open_store(uri)


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_server(store_uri: str, log: Path, *args: str, env: dict | None = None) -> Server:
    """``htctl serve`` on a free loopback port, once /healthz answers."""
    port = free_port()
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", **(env or {})}
    out = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "job", "serve", "--store", store_uri, "--port", str(port), *args],
        stdout=out,
        stderr=subprocess.STDOUT,
        env=full_env,
        cwd=ROOT,
    )
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"htctl serve exited {proc.returncode}: {server.output()}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.stop()
    raise AssertionError(f"htctl serve did not answer /healthz: {server.output()}")


def metric(text: str, name: str) -> float:
    """The value of an unlabelled Prometheus sample in /metrics text."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"no metric {name} in:\n{text}")
