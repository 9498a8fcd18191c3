# ruff: noqa: F811  (pytest fixtures imported from tests/servers/kube.py)
"""htctl launch against a real (emulated) Kubernetes API on loopback: kmock."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from job.bots import parse_users_text
from job.cluster.client import Api, TokenBucket
from job.cluster.launch import launch
from job.cluster.manifests import build_job
from job.cluster.names import job_name
from job.settings import load_settings
from tests.servers.kube import KubeServer
from tests.support.cli import free_port

ROOT = Path(__file__).resolve().parent.parent
USERS = "karpathy\nelonmusk+Karpathy\n_under_score  # comment\n"
JOBS_PATH = "/apis/batch/v1/namespaces/default/jobs"


def settings(**flags):
    return load_settings({"store": "s3://b/p", "qps": "500", "burst": "100", **flags}, environ={})


def api_for(kube, s) -> Api:
    return Api(kube.api_client(), s)


def write_users(tmp_path, text=USERS):
    path = tmp_path / "users.txt"
    path.write_text(text)
    return str(path)


def creates(kube) -> list:
    return kube.requests("POST", JOBS_PATH)


def test_launch_creates_one_job_per_bot_with_the_contract(kube):
    s = settings()
    bots = parse_users_text(USERS)
    summary = launch(bots, s, api_for(kube, s))
    jobs = kube.objects("jobs")
    expected = {b.name: build_job(b, s) for b in bots}
    assert summary.count("created") == 3 and summary.count("failed") == 0
    assert len(creates(kube)) == 3
    assert sorted(
        j["metadata"]["annotations"]["huggingtweets/bot"] for j in jobs.values()
    ) == sorted(expected)
    for job in jobs.values():
        want = expected[job["metadata"]["annotations"]["huggingtweets/bot"]]
        assert job["spec"] == want["spec"]
        assert job["metadata"]["labels"] == want["metadata"]["labels"]


def test_relaunch_creates_nothing(kube):
    s = settings()
    bots = parse_users_text(USERS)
    launch(bots, s, api_for(kube, s))
    again = launch(bots, s, api_for(kube, s))
    assert again.count("skipped") == 3 and again.count("created") == 0
    assert len(creates(kube)) == 3  # the first launch's only


def test_replace_deletes_and_recreates(kube):
    s = settings()
    bots = parse_users_text(USERS)
    launch(bots[:2], s, api_for(kube, s))
    summary = launch(bots, s, api_for(kube, s), replace=True)
    assert summary.count("replaced") == 2 and summary.count("created") == 1
    deletes = kube.requests("DELETE", JOBS_PATH)
    assert len(deletes) == 2
    assert all("Foreground" in str(r.data) or "Foreground" in str(r.url) for r in deletes)
    assert len(kube.objects("jobs")) == 3


def test_a_job_created_meanwhile_is_skipped(kube):
    """409 on create (another launcher won the race) is a skip, not a failure."""
    s = settings()
    kube.fail(f"post {JOBS_PATH}", 409, "AlreadyExists", 'jobs.batch "x" already exists', times=1)
    summary = launch(parse_users_text("karpathy\n"), s, api_for(kube, s))
    assert summary.count("skipped") == 1 and summary.count("failed") == 0


def test_5xx_is_retried(kube):
    s = settings()
    kube.fail(f"get {JOBS_PATH}", 503, "ServiceUnavailable", "etcd is busy", times=2)
    summary = launch(parse_users_text("karpathy\n"), s, api_for(kube, s))
    assert summary.count("created") == 1
    assert len(kube.requests("GET", JOBS_PATH)) == 3


def test_a_create_that_landed_before_a_5xx_counts_as_created(kube):
    """The API server stored the Job, then answered 503: the retry's 409 is our own Job."""
    s = settings()
    kube.fail(f"post {JOBS_PATH}", 503, "ServiceUnavailable", "timeout", times=1)
    summary = launch(parse_users_text("karpathy\n"), s, api_for(kube, s))
    assert summary.count("created") == 1 and summary.count("skipped") == 0
    assert len(creates(kube)) == 2 and len(kube.objects("jobs")) == 1


def test_5xx_that_outlives_retries_is_exit_4(kube, kube_env, tmp_path, htctl):
    kube.fail(f"get {JOBS_PATH}", 500, "InternalError", "boom")
    out = htctl("launch", write_users(tmp_path, "karpathy\n"), "--store", "s3://b/p", env=kube_env)
    assert out.returncode == 4, out.stderr
    assert "HTTP 500" in out.stderr and out.stderr.count("\n") == 1
    assert len(kube.requests("GET", JOBS_PATH)) == 5  # the first try and 4 retries
    assert creates(kube) == []


def test_forbidden_stops_at_once_with_exit_3(kube, kube_env, tmp_path, htctl):
    message = 'jobs.batch is forbidden: User "system:serviceaccount:default:x" cannot create'
    kube.fail(f"post {JOBS_PATH}", 403, "Forbidden", message)
    users = write_users(tmp_path, "\n".join(f"bot{i}" for i in range(40)))
    out = htctl("launch", users, "--store", "s3://b/p", "--concurrency", "2", env=kube_env)
    assert out.returncode == 3
    assert "forbidden" in out.stderr and out.stderr.count("\n") == 1
    assert len(creates(kube)) < 10  # stopped, not 40 doomed requests


def test_missing_namespace_is_exit_3(kube, kube_env, tmp_path, htctl):
    users = write_users(tmp_path)
    out = htctl("launch", users, "--store", "s3://b/p", "--namespace", "nope", env=kube_env)
    assert out.returncode == 3
    assert "namespace 'nope' does not exist" in out.stderr
    assert creates(kube) == []


def test_unreachable_api_is_exit_4(tmp_path, htctl):
    with KubeServer() as closed:  # a kubeconfig for a port nothing listens on
        config = closed.write_kubeconfig(tmp_path / "kubeconfig")
    config.write_text(config.read_text().replace(closed.url, f"http://127.0.0.1:{free_port()}"))
    out = htctl(
        "launch", write_users(tmp_path), "--store", "s3://b/p", env={"KUBECONFIG": str(config)}
    )
    assert out.returncode == 4
    assert "cannot reach the Kubernetes API" in out.stderr


def test_bad_users_file_makes_no_request(kube, kube_env, tmp_path, htctl):
    users = write_users(tmp_path, "karpathy\nbad handle!\n")
    out = htctl("launch", users, "--store", "s3://b/p", env=kube_env)
    assert out.returncode == 2 and ":2:" in out.stderr
    assert kube.requests() == []


def test_launch_cli_reports_and_is_idempotent(kube, kube_env, tmp_path, htctl):
    users = write_users(tmp_path)
    first = htctl("launch", users, "--store", "s3://b/p", env=kube_env)
    second = htctl("launch", users, "--store", "s3://b/p", env=kube_env)
    assert first.returncode == 0, first.stderr
    assert "3 created" in first.stdout
    assert second.returncode == 0
    assert "0 created" in second.stdout and "3 skipped" in second.stdout
    assert "skipped karpathy job/ht-karpathy-" in second.stdout
    assert len(kube.objects("jobs")) == 3


def test_launch_flags_carry_the_lora_choice_into_every_job(kube, kube_env, tmp_path, htctl):
    users = write_users(tmp_path)
    flags = ["--adapter", "lora", "--merge-adapter"]
    out = htctl("launch", users, "--store", "s3://b/p", *flags, env=kube_env)
    assert out.returncode == 0, out.stderr
    jobs = kube.objects("jobs").values()
    assert len(jobs) == 3
    for job in jobs:
        env = {
            e["name"]: e.get("value")
            for e in job["spec"]["template"]["spec"]["containers"][0]["env"]
        }
        assert (env["HT_TRAIN_ADAPTER"], env["HT_TRAIN_MERGE"]) == ("lora", "true")


def test_no_kubeconfig_is_exit_3(tmp_path, htctl):
    env = {"KUBECONFIG": str(tmp_path / "none"), "HOME": str(tmp_path)}
    out = htctl("launch", write_users(tmp_path), "--store", "s3://b/p", env=env)
    assert out.returncode == 3
    assert "Kubernetes configuration" in out.stderr


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_token_bucket_spreads_requests_at_qps():
    clock = FakeClock()
    bucket = TokenBucket(qps=10, burst=5, clock=clock.time, sleep=clock.sleep)
    for _ in range(25):
        bucket.acquire()
    # 5 from the burst, then 20 at 10 per second
    assert clock.now == pytest.approx(2.0, abs=0.01)


def kubectl_binary() -> str:
    found = shutil.which("kubectl") or shutil.which("kubectl", path=str(ROOT / ".tools" / "bin"))
    if not found:
        pytest.fail("kubectl is not installed: run scripts/install-tools.sh (CI does)")
    return found


def test_render_piped_to_kubectl_apply_makes_the_jobs_launch_would(kube, kube_env, tmp_path, htctl):
    """Route 2 (`htctl render | kubectl apply -f -`) with the real kubectl; route 1 then finds
    every Job already there. (kmock serves no OpenAPI document: --validate=false; the schemas
    are checked by kubernetes-validate in test_k8s_render.py.)"""
    users = write_users(tmp_path)
    rendered = htctl("render", users, "--store", "s3://b/p", env=kube_env)
    assert rendered.returncode == 0, rendered.stderr
    env = {**os.environ, **kube_env}
    cmd = [kubectl_binary(), "apply", "--validate=false", "-f", "-"]
    applied = subprocess.run(cmd, input=rendered.stdout, capture_output=True, text=True, env=env)
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout.count(" created") == 3
    s = settings()
    for bot in parse_users_text(USERS):
        assert kube.objects("jobs")[job_name(bot.name)]["spec"] == build_job(bot, s)["spec"]
    out = htctl("launch", users, "--store", "s3://b/p", env=kube_env)
    assert out.returncode == 0 and "3 skipped" in out.stdout


def test_a_bot_that_keeps_failing_is_reported_and_the_rest_go_on(kube, kube_env, tmp_path, htctl):
    """--replace waits for the old Job to be gone; when the API keeps answering 500 about one
    bot, that bot fails (exit 4, rerun later) and every other bot is still replaced."""
    users = write_users(tmp_path)
    assert htctl("launch", users, "--store", "s3://b/p", env=kube_env).returncode == 0
    stuck = job_name("karpathy")
    kube.fail(f"get {JOBS_PATH}/{stuck}", 500, "InternalError", "etcdserver: request timed out")
    out = htctl("launch", users, "--store", "s3://b/p", "--replace", env=kube_env)
    assert out.returncode == 4
    assert f"failed karpathy job/{stuck}: " in out.stdout
    assert "2 replaced" in out.stdout and "1 failed" in out.stdout
    assert "rerun launch" in out.stderr
