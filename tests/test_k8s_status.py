# ruff: noqa: F811  (pytest fixtures imported from tests/servers/kube.py)
"""htctl status / wait / logs / cancel against kmock. No controller runs there, so each test
plays the Job controller and the kubelet: it writes Job status and pods through the API."""

from __future__ import annotations

import json

from job.cluster.names import job_name
from job.cluster.status import statuses
from tests.support.cli import assert_one_error_line
from tests.support.kube_cluster import STATES


def by_bot(rows) -> dict:
    return {r.bot: r for r in rows}


def test_status_reports_every_state(cluster):
    s, api, _ = cluster
    rows = by_bot(statuses(api, s))
    assert rows["succeeded"].phase == "Succeeded"
    assert rows["succeeded"].duration_s == 42 * 60 + 5
    assert rows["succeeded"].complete is True
    assert rows["failed"].phase == "Failed"
    assert rows["failed"].reason == "PodFailurePolicy"
    assert rows["failed"].duration_s == 300
    assert rows["running"].phase == "Running" and rows["running"].pod == "Running"
    assert rows["nogpu"].pod == "Pending"
    assert rows["nogpu"].reason.startswith("Unschedulable")
    assert "Insufficient nvidia.com/gpu" in rows["nogpu"].reason
    assert rows["oomkilled"].reason == "OOMKilled (exit 137)"
    assert rows["imagepull"].reason == "ImagePullBackOff"
    assert rows["crashloop"].reason == "CrashLoopBackOff"
    assert rows["queued"].phase == "Queued"
    assert rows["created"].phase == "Pending" and rows["created"].pod == ""
    assert rows["running"].start == "2026-11-25 10:00:00Z"
    assert all(rows[b].complete is False for b in STATES if b != "succeeded")


def test_status_of_a_users_file_shows_bots_not_launched(cluster, kube_env, htctl):
    s, _, users = cluster
    out = htctl("status", str(users), "--store", s.store, "--json", env=kube_env)
    assert out.returncode == 0, out.stderr
    rows = {r["bot"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert list(rows) == [*STATES, "notlaunched"]
    assert rows["notlaunched"]["phase"] == "NotLaunched"
    assert rows["succeeded"]["complete"] is True


def test_status_table(cluster, kube_env, htctl):
    s, _, _ = cluster
    out = htctl("status", "--store", s.store, env=kube_env)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if "succeeded" in x)
    assert "Succeeded" in line and "42m05s" in line and "yes" in line
    assert "ImagePullBackOff" in out.stdout and "OOMKilled" in out.stdout


def test_wait_fails_when_a_job_failed(cluster, kube_env, htctl, tmp_path):
    s, api, _ = cluster
    users = tmp_path / "done.txt"
    users.write_text("succeeded\nfailed\n")
    out = htctl("wait", str(users), "--store", s.store, "--timeout", "5", env=kube_env)
    assert out.returncode == 1
    assert "1 succeeded, 1 failed" in out.stdout
    assert "failed failed job/" in out.stderr


def test_wait_succeeds_when_all_succeeded(cluster, kube_env, htctl, tmp_path):
    s, _, _ = cluster
    users = tmp_path / "ok.txt"
    users.write_text("succeeded\n")
    out = htctl("wait", str(users), "--store", s.store, "--timeout", "5", env=kube_env)
    assert out.returncode == 0, out.stderr


def test_wait_times_out_with_exit_4(cluster, kube_env, htctl, tmp_path):
    s, _, _ = cluster
    users = tmp_path / "busy.txt"
    users.write_text("running\n")
    out = htctl(
        "wait", str(users), "--timeout", "1", "--interval", "0.2", "--store", s.store, env=kube_env
    )
    assert out.returncode == 4
    assert "still unfinished" in out.stderr


def test_logs_prints_the_newest_pod_log(cluster, kube, kube_env, htctl):
    s, _, _ = cluster
    kube.answer_log("default", f"{job_name('crashloop')}-new01", "epoch 1 loss 3.2\n")
    out = htctl("logs", "crashloop", "--store", s.store, env=kube_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "epoch 1 loss 3.2\n"


def test_logs_follow_streams_the_log(cluster, kube, kube_env, htctl):
    s, _, _ = cluster
    text = "".join(f"step {i}\n" for i in range(500))
    kube.answer_log("default", f"{job_name('running')}-abcde", text)
    out = htctl("logs", "running", "--follow", "--store", s.store, env=kube_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout == text
    follow = kube.requests("GET", f"/pods/{job_name('running')}-abcde/log")
    assert "follow=true" in str(follow[-1].url)


def test_logs_of_a_bot_without_pod_is_exit_2(cluster, kube_env, htctl):
    s, _, _ = cluster
    out = htctl("logs", "created", "--store", s.store, env=kube_env)
    assert out.returncode == 2 and "no pod" in out.stderr


def test_cancel_deletes_a_bots_job(cluster, kube, kube_env, htctl):
    s, _, _ = cluster
    out = htctl("cancel", "running", "--store", s.store, env=kube_env)
    assert out.returncode == 0, out.stderr
    assert "deleted running" in out.stdout
    assert job_name("running") not in kube.objects("jobs")
    again = htctl("cancel", "running", "--store", s.store, env=kube_env)
    assert "not found running" in again.stdout


def test_cancel_of_a_bot_without_job_is_exit_2_unless_ignored(cluster, kube, kube_env, htctl):
    """As kubectl delete: nothing to delete is an error, --ignore-not-found accepts it."""
    s, _, _ = cluster
    out = htctl("cancel", "notlaunched", "--store", s.store, env=kube_env)
    assert_one_error_line(out, 2, "no Job or running Workflow", "notlaunched", "--ignore-not-found")
    out = htctl("cancel", "notlaunched", "--ignore-not-found", "--store", s.store, env=kube_env)
    assert out.returncode == 0, out.stderr
    assert "cancel: 0 deleted, 1 not found" in out.stdout


def test_cancel_of_a_users_file_deletes_what_exists_then_fails(
    cluster, kube, kube_env, htctl, tmp_path
):
    s, _, _ = cluster
    users = tmp_path / "some.txt"
    users.write_text("running\nnotlaunched\n")
    out = htctl("cancel", str(users), "--store", s.store, env=kube_env)
    assert_one_error_line(out, 2, "1 bot(s): notlaunched")
    assert "deleted running" in out.stdout
    assert job_name("running") not in kube.objects("jobs")


def test_status_shows_the_jobs_when_the_store_cannot_be_read_here(
    cluster, kube_env, htctl, moto_url
):
    """No S3 credentials on this machine: the cluster's table still shows, the store column
    says why it is unknown."""
    env = {
        **kube_env,
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": "",
        "AWS_SECRET_ACCESS_KEY": "",
        "AWS_SESSION_TOKEN": "",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
        "AWS_CONFIG_FILE": "/nonexistent/config",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    out = htctl("status", "--store", "s3://bucket/bots", "--json", env=env)
    assert out.returncode == 0, out.stderr
    rows = {r["bot"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["succeeded"]["phase"] == "Succeeded"
    assert all(r["complete"] is None for r in rows.values())
    assert all("credentials" in r["store_error"] for r in rows.values())
    table = htctl("status", "--store", "s3://bucket/bots", env=env)
    assert table.returncode == 0, table.stderr
    line = next(x for x in table.stdout.splitlines() if "succeeded" in x)
    assert "Succeeded" in line and "unknown" in line


def test_cancel_a_users_file(cluster, kube, kube_env, htctl, tmp_path):
    s, _, _ = cluster
    users = tmp_path / "cancel.txt"
    users.write_text("running\nnogpu\n")
    out = htctl("cancel", str(users), "--store", s.store, env=kube_env)
    assert out.returncode == 0, out.stderr
    assert "cancel: 2 deleted, 0 not found" in out.stdout
    left = {j["metadata"]["annotations"]["huggingtweets/bot"] for j in kube.objects().values()}
    assert left == set(STATES) - {"running", "nogpu"}
