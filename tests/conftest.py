"""Shared fixtures: real local servers (moto S3), stores, the sample archive, and the CLI.

Server fixtures for other APIs (X, Bluesky, Mastodon, Kubernetes) live in tests/servers/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARCHIVE = ROOT / "examples" / "sample-archive"
REAL_ARCHIVES = ROOT.parent / "shared" / "data" / "x-archives"

# Tests never reach a real service: no credentials or endpoints leak in from the environment.
for _var in ("AWS_PROFILE", "HT_STORE", "HT_X_BEARER_TOKEN"):
    os.environ.pop(_var, None)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("WANDB_MODE", "disabled")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_url():
    """moto's S3 server on loopback, for the whole session."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_env(moto_url, monkeypatch):
    """AWS settings that point boto3 (in-process and in subprocesses) at moto."""
    env = {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def s3_bucket(s3_env):
    import boto3

    name = f"ht-test-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=name)
    return name


@pytest.fixture
def s3_store_uri(s3_bucket):
    return f"s3://{s3_bucket}/bots"


@pytest.fixture
def local_store_uri(tmp_path):
    return str(tmp_path / "store")


@pytest.fixture(params=["local", "s3"])
def store_uri(request):
    """Run a test on both kinds of store."""
    if request.param == "local":
        return request.getfixturevalue("local_store_uri")
    return request.getfixturevalue("s3_store_uri")


@pytest.fixture
def sample_archive() -> Path:
    return SAMPLE_ARCHIVE


@pytest.fixture
def real_archives() -> Path:
    if not REAL_ARCHIVES.is_dir():
        pytest.skip(f"real X exports not present at {REAL_ARCHIVES} (a fresh clone has no shared/)")
    return REAL_ARCHIVES


def run_htctl(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: int = 600):
    """Run the real CLI in a subprocess, as a user would; returns CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "job", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


@pytest.fixture
def htctl():
    return run_htctl
