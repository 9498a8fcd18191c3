"""Store fixtures (a pytest plugin): moto's S3 server, buckets, and both kinds of store."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

from tests.support.cli import free_port


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


@pytest.fixture(scope="module")
def shared_published(tmp_path_factory):
    """A bot published once to a local store, for the tests that only read it."""
    from tests.support.publishing import make_trained_bot, publish_bot  # torch: only when used

    scratch = tmp_path_factory.mktemp("generate")
    store = make_trained_bot(str(scratch / "store"), scratch)
    publish_bot(store)
    return store
