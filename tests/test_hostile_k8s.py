# ruff: noqa: F811  (pytest fixtures imported from tests/servers/kube.py)
"""Hostile settings and chart values (issue 10, class 9): what would make a cluster refuse an
object, let `$(VAR)` read the pod's Secrets, or inject YAML into the chart's output.

Each case is real: the htctl CLI in a subprocess (exit code and its one stderr line), kmock's
Kubernetes API for launch (nothing may reach it), the real helm binary for the chart.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.cli import assert_one_error_line
from tests.support.k8s_schemas import validate_everywhere

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "huggingtweets"
SECRET_REF = "$(AWS_SECRET_ACCESS_KEY)"
STORE = ("--store", "s3://b/p")


def users(tmp_path: Path, text: str = "karpathy\n") -> str:
    path = tmp_path / "users.txt"
    path.write_text(text)
    return str(path)


def container(job: dict) -> dict:
    return job["spec"]["template"]["spec"]["containers"][0]


def helm(*args: str) -> subprocess.CompletedProcess:
    found = shutil.which("helm") or shutil.which("helm", path=str(ROOT / ".tools" / "bin"))
    if not found:
        pytest.fail("helm is not installed: run scripts/install-tools.sh (CI does)")
    env = {**os.environ, "HELM_CACHE_HOME": "/tmp/helm-cache", "HELM_CONFIG_HOME": "/tmp/helm-cfg"}
    cmd = [found, "template", "bots", str(CHART), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


# --- $(VAR) never expands: args and env values are escaped --------------------------------


def test_dollar_in_spec_store_model_and_env_renders_escaped(htctl, tmp_path):
    """Kubernetes expands $(VAR) in args and env values from the pod's environment, which
    holds the S3 Secret: every $ is written $$, which Kubernetes turns back into $."""
    bot = f"archive:ab=/data/{SECRET_REF}.zip"
    out = htctl(
        "render",
        users(tmp_path, bot + "\n"),
        "--store",
        f"s3://b/{SECRET_REF}",
        "--base-model",
        f"s3://b/models/{SECRET_REF}",
        "--env",
        f'{{GREETING: "costs $5 and {SECRET_REF}", PATH_HINT: "$$"}}',
    )
    assert out.returncode == 0, out.stderr
    job = yaml.safe_load(out.stdout)
    c = container(job)
    assert c["args"] == ["run", "archive:ab=/data/$$(AWS_SECRET_ACCESS_KEY).zip"]
    env = {e["name"]: e.get("value") for e in c["env"]}
    assert env["HT_STORE"] == "s3://b/$$(AWS_SECRET_ACCESS_KEY)"
    assert env["HT_BASE_MODEL"] == "s3://b/models/$$(AWS_SECRET_ACCESS_KEY)"
    assert env["GREETING"] == "costs $$5 and $$(AWS_SECRET_ACCESS_KEY)"
    assert env["PATH_HINT"] == "$$$$"
    # what the pod sees once Kubernetes has unescaped: exactly what the user wrote
    assert c["args"][1].replace("$$", "$") == bot
    assert job["metadata"]["annotations"]["huggingtweets/spec"] == bot  # not expanded there
    validate_everywhere(job)


def test_chart_escapes_dollar_like_render(htctl, tmp_path):
    bot = f"archive:ab=/data/{SECRET_REF}.zip"
    values = tmp_path / "values.yaml"
    values.write_text(
        yaml.safe_dump({"bots": [bot], "store": f"s3://b/{SECRET_REF}", "env": {"G": SECRET_REF}})
    )
    out = helm("-f", str(values))
    assert out.returncode == 0, out.stderr
    job = next(d for d in yaml.safe_load_all(out.stdout) if d and d["kind"] == "Job")
    c = container(job)
    assert c["args"][1] == "archive:ab=/data/$$(AWS_SECRET_ACCESS_KEY).zip"
    env = {e["name"]: e.get("value") for e in c["env"]}
    assert env["HT_STORE"] == "s3://b/$$(AWS_SECRET_ACCESS_KEY)"
    assert env["G"] == "$$(AWS_SECRET_ACCESS_KEY)"
    rendered = htctl(
        "render", users(tmp_path, bot + "\n"), "--config", str(values), "--instance", "bots"
    )
    assert rendered.returncode == 0, rendered.stderr
    assert yaml.safe_load(rendered.stdout)["spec"] == job["spec"]


def test_launch_sends_the_escaped_job(kube, kube_env, htctl, tmp_path):
    out = htctl(
        "launch",
        users(tmp_path, f"archive:ab=/d/{SECRET_REF}.zip\n"),
        *STORE,
        "--env",
        f"{{G: '{SECRET_REF}'}}",
        env=kube_env,
    )
    assert out.returncode == 0, out.stderr
    (job,) = kube.objects("jobs").values()
    assert container(job)["args"][1] == "archive:ab=/d/$$(AWS_SECRET_ACCESS_KEY).zip"
    assert {"name": "G", "value": "$$(AWS_SECRET_ACCESS_KEY)"} in container(job)["env"]


# --- settings a cluster would refuse, or that override what htctl sets --------------------

BAD_SETTINGS = [
    (["--s3-secret", "Bad_Secret"], "s3Secret"),
    (["--x-secret", "x\nkind: Secret"], "xSecret"),
    (["--x-secret-key", "token: stolen"], "xSecretKey"),
    (["--cpu", "lots"], "cpu"),
    (["--memory", "1 TB"], "memory"),
    (["--memory", "0"], "memory"),
    (["--shm-size", "-8Gi"], "shmSize"),
    (["--tmp-size", "10GB"], "tmpSize"),
    (["--cache-size", "Infinity"], "cacheSize"),
    (["--ephemeral-storage", "30Gi\n"], "ephemeralStorage"),
    (["--env", '{"A-B": x}'], "env name 'A-B'"),
    (["--env", '{"1A": x}'], "env name '1A'"),
    (["--env", "{HT_STORE: s3://elsewhere}"], "HT_STORE"),
    (["--env", "{HT_BASE_MODEL: evil/model}"], "HT_BASE_MODEL"),
    (["--env", "{HT_X_BEARER_TOKEN: plain-text-token}"], "HT_X_BEARER_TOKEN"),
    (["--env", "{HOME: /}"], "HOME"),
    (["--env", "{HF_HOME: /root}"], "HF_HOME"),
    (["--env", "{HT_TRAIN_ADAPTER: lora}"], "HT_TRAIN_ADAPTER"),
    (["--env", "{HT_TRAIN_MERGE: 'true'}"], "HT_TRAIN_MERGE"),
    (["--adapter", "qlora"], "adapter"),
    (["--adapter", "lora\nkind: Secret"], "adapter"),
    (["--merge-adapter"], "mergeAdapter"),
    (["--env", "{HT_HUB_REPO: not a repo}"], "HT_HUB_REPO"),
    (["--env", '{HT_HUB_REPO: "org/{bot}-{bot}"}'], "HT_HUB_REPO"),
    (["--service-account-name", "Admin"], "serviceAccountName"),
    (["--priority-class-name", "high\nx: y"], "priorityClassName"),
    (["--queue-name", "q:1"], "queueName"),
    (["--argo-template", "wt\n  namespace: kube-system"], "argoTemplate"),
    (["--argo-template", "a" * 58], "argoTemplate"),
    (["--node-selector", "{gpu: 1}"], "nodeSelector"),
    (["--image", "img:1 --privileged"], "image"),
    (["--argo-workflow-deadline-seconds", "-1"], "argoWorkflowDeadlineSeconds"),
]


@pytest.mark.parametrize(("args", "setting"), BAD_SETTINGS)
def test_render_refuses_a_bad_setting_with_one_line(htctl, tmp_path, args, setting):
    out = htctl("render", users(tmp_path), *STORE, *args)
    assert_one_error_line(out, 2, setting)
    assert out.stdout == ""


def test_env_override_through_the_environment_is_refused_too(htctl, tmp_path):
    out = htctl("render", users(tmp_path), env={"HT_STORE": "s3://b", "HT_ENV": "{TMPDIR: /}"})
    assert_one_error_line(out, 2, "TMPDIR")
    assert out.stdout == ""


@pytest.mark.parametrize(
    ("args", "setting"),
    [
        (["--memory", "1 TB"], "memory"),
        (["--env", "{HT_STORE: s3://elsewhere}"], "HT_STORE"),
        (["--via", "argo", "--env", "{HT_HUB_REPO: a/b/c}"], "HT_HUB_REPO"),
        (["--via", "argo", "--argo-template", "Bad"], "argoTemplate"),
        (["--adapter", "qlora"], "adapter"),
        (["--via", "argo", "--merge-adapter"], "mergeAdapter"),
    ],
)
def test_launch_refuses_before_any_request(kube, kube_env, htctl, tmp_path, args, setting):
    out = htctl("launch", users(tmp_path), *STORE, *args, env=kube_env)
    assert_one_error_line(out, 2, setting)
    assert kube.requests() == []


def test_valid_quantities_and_names_pass(htctl, tmp_path):
    """The grammar is Kubernetes', not a narrower one."""
    out = htctl(
        "render",
        users(tmp_path),
        *STORE,
        "--cpu",
        "500m",
        "--memory",
        "1.5e9",
        "--shm-size",
        "+1G",
        "--tmp-size",
        ".5Ti",
        "--s3-secret",
        "team.s3-creds",
        "--x-secret-key",
        "X_token-1.v2",
        "--env",
        '{_UNDERSCORE: "1", HT_HUB_REPO: "myorg/{bot}"}',
    )
    assert out.returncode == 0, out.stderr
    validate_everywhere(yaml.safe_load(out.stdout))


# --- chart values that become names or YAML: helm refuses ---------------------------------

INJECTIONS = [
    (["--set-json", 's3Secret="x\\nkind: Secret"'], "s3Secret"),
    (["--set-json", 'xSecret="x\\n  namespace: kube-system"'], "xSecret"),
    (["--set-json", 'xSecretKey="k: v\\nother"'], "xSecretKey"),
    (["--set", "argo.enabled=true", "--set-json", 'argoTemplate="w\\n  x: y"'], "argoTemplate"),
    (["--set-json", 'serviceAccountName="sa\\nautomountServiceAccountToken: true"'], "service"),
    (["--set-json", 'priorityClassName="system-node-critical\\n"'], "priorityClassName"),
    (["--set", "queueName=Q"], "queueName"),
    (["--set-json", 'serviceAccount={"name": "sa\\n  x: y"}'], "serviceAccount"),
    (["--set-json", 'argo={"enabled": true, "serviceAccountName": "Launcher"}'], "argo"),
    (["--set-json", 'fullnameOverride="x\\ny"'], "fullnameOverride"),
    (["--set-json", 'image="img\\n  command: [sh]"'], "image"),
    (["--set-json", 'env={"HT_STORE": "s3://elsewhere"}'], "HT_STORE"),
    (["--set-json", 'env={"HT_TRAIN_ADAPTER": "lora"}'], "HT_TRAIN_ADAPTER"),
    (["--set-json", 'env={"HT_TRAIN_MERGE": "1"}'], "HT_TRAIN_MERGE"),
    (["--set-json", 'adapter="lora\n  x: y"'], "adapter"),
    (["--set-json", 'env={"A B": "x"}'], "A B"),
    (["--set-json", 'secrets={"s3": {"A\\nB": "x"}}'], "'A\\nB'"),
    (["--set", "cpu=lots"], "cpu"),
    (["--set", "memory=1 TB"], "memory"),
    (["--set-string", "tmpSize=0"], "tmpSize"),
    (["--set", "argoPrepareDeadlineSeconds=-1"], "argoPrepareDeadlineSeconds"),
]


@pytest.mark.parametrize(("args", "value"), INJECTIONS)
def test_chart_refuses_values_that_would_inject_or_be_rejected(args, value):
    out = helm("--set", "store=s3://b/p", "--set", "bots={karpathy}", *args)
    assert out.returncode != 0
    assert out.stdout == ""
    assert value in out.stderr, out.stderr


def test_chart_quotes_every_name_it_is_given():
    """Values that pass the schema still go in quoted: the output parses to the same names."""
    args = [
        "--set",
        "secrets.create=true,secrets.xBearerToken=t,argo.enabled=true",
        "--set",
        "s3Secret=s3.creds,xSecret=x-creds,xSecretKey=X.key_1,argoTemplate=wt-1",
        "--set-json",
        'secrets.s3={"AWS_ACCESS_KEY_ID": "a"}',
    ]
    out = helm("--set", "store=s3://b/p", *args)
    assert out.returncode == 0, out.stderr
    docs = [d for d in yaml.safe_load_all(out.stdout) if d]
    secrets = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Secret"}
    assert set(secrets) == {"s3.creds", "x-creds"}
    assert set(secrets["x-creds"]["stringData"]) == {"X.key_1"}
    (template,) = [d for d in docs if d["kind"] == "WorkflowTemplate"]
    assert template["metadata"]["name"] == "wt-1"
