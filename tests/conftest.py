"""Shared fixtures: real local servers (moto S3), stores, the sample archive, and the CLI.

Server fixtures for other APIs (X, Bluesky, Mastodon, Kubernetes) live in tests/servers/.
"""

from __future__ import annotations

import json
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


# --- Synthetic X archives, built in each test (foundation tests) -------------------------------

_WORDS = [
    "garden",
    "river",
    "coffee",
    "morning",
    "rain",
    "bicycle",
    "library",
    "window",
    "autumn",
    "kettle",
    "lantern",
    "meadow",
    "harbor",
    "pencil",
    "violin",
    "orchard",
    "thunder",
    "compass",
    "biscuit",
    "ladder",
]


def synthetic_posts(n: int, seed: int = 0, words: int = 12) -> list[str]:
    """``n`` distinct, plainly fake posts of about ``words`` words each."""
    import random

    rng = random.Random(seed)
    return [
        f"post {seed}-{i}: " + " ".join(rng.choice(_WORDS) for _ in range(words)) for i in range(n)
    ]


def _js(name: str, items: list) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(items, indent=1, ensure_ascii=False)


def build_archive(
    dest: Path,
    posts: list[str],
    *,
    form: str = "folder",
    posts_file: str = "tweets",
    parts: int = 1,
    username: str | None = None,
    display_name: str | None = None,
    avatar: str | None = None,
    top_folder: str | None = None,
    wrapped: bool = True,
) -> Path:
    """Write an X export holding ``posts`` (texts) in one of its real layouts; returns its path.

    form: "folder" or "zip"; posts_file: "tweets" (current) or "tweet" (older exports);
    parts > 1 splits posts into ``tweets.js``, ``tweets-part1.js`` ...; username: write
    account.js; avatar: write profile.js; top_folder: wrap everything in one folder (zips made
    by hand); wrapped: items as ``{"tweet": {...}}`` (current) or bare (oldest exports).
    """
    items = []
    for i, text in enumerate(posts):
        tweet = {"id_str": str(10**17 + i), "full_text": text, "lang": "en"}
        items.append({"tweet": tweet} if wrapped else tweet)
    files: dict[str, str] = {}
    size = -(-len(items) // parts) if items else 0
    for part in range(parts):
        chunk = items[part * size : (part + 1) * size] if items else []
        name = f"{posts_file}.js" if part == 0 else f"{posts_file}-part{part}.js"
        files[f"data/{name}"] = _js(posts_file, chunk)
    if username is not None:
        account = {"username": username, "accountDisplayName": display_name or username}
        files["data/account.js"] = _js("account", [{"account": account}])
    if avatar is not None:
        files["data/profile.js"] = _js("profile", [{"profile": {"avatarMediaUrl": avatar}}])
    files["data/manifest.js"] = "window.__THAR_CONFIG = {}"
    prefix = f"{top_folder}/" if top_folder else ""
    if form == "zip":
        import zipfile

        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in files.items():
                zf.writestr(prefix + name, text)
        return dest
    for name, text in files.items():
        target = dest / prefix / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture
def make_archive(tmp_path):
    """``make_archive(posts, **layout)`` -> a fresh archive path under tmp_path."""
    counter = iter(range(10**6))

    def make(posts: list[str], **layout) -> Path:
        suffix = ".zip" if layout.get("form") == "zip" else ""
        return build_archive(tmp_path / f"archive{next(counter)}{suffix}", posts, **layout)

    return make


def store_snapshot(uri: str) -> dict[str, str]:
    """Every key in a store with a fingerprint that changes when its object is rewritten."""
    if uri.startswith("s3://"):
        import boto3

        bucket, _, prefix = uri[len("s3://") :].partition("/")
        client = boto3.client("s3")
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                key = obj["Key"][len(prefix) + 1 :] if prefix else obj["Key"]
                found[key] = f"{obj['ETag']}@{obj['LastModified'].isoformat()}"
        return found
    root = Path(uri)
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): f"{p.stat().st_mtime_ns}:{p.stat().st_size}"
        for p in root.rglob("*")
        if p.is_file()
    }


def store_read(uri: str, key: str) -> bytes:
    if uri.startswith("s3://"):
        import boto3

        bucket, _, prefix = uri[len("s3://") :].partition("/")
        full = f"{prefix}/{key}" if prefix else key
        return boto3.client("s3").get_object(Bucket=bucket, Key=full)["Body"].read()
    return (Path(uri) / key).read_bytes()


def assert_one_error_line(result, code: int, *needles: str) -> str:
    """The CLI failed the documented way: exit ``code``, no traceback, and stderr is exactly
    one line, ``htctl: error: ...`` (logs go to stdout), holding every needle."""
    assert result.returncode == code, (result.returncode, result.stderr, result.stdout[-2000:])
    assert "Traceback" not in result.stderr + result.stdout, result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"stderr is not one line: {lines}"
    error = lines[0]
    assert error.startswith("htctl: error: "), error
    for needle in needles:
        assert needle.lower() in error.lower(), (needle, error)
    return error


@pytest.fixture(scope="session")
def moto_auth():
    """A second moto server that enforces IAM: a bucket and a user with no permission on it.

    Returns (url, bucket, access_key_id, secret_access_key) for a caller that is denied.
    """
    import time
    import urllib.request

    import boto3

    port = free_port()
    env = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": "3"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        root = {
            "endpoint_url": url,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
            "region_name": "us-east-1",
        }
        # The three unauthenticated actions the server allows; everything after is checked.
        boto3.client("s3", **root).create_bucket(Bucket="ht-locked")
        iam = boto3.client("iam", **root)
        iam.create_user(UserName="no-s3-rights")
        key = iam.create_access_key(UserName="no-s3-rights")["AccessKey"]
        yield url, "ht-locked", key["AccessKeyId"], key["SecretAccessKey"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
