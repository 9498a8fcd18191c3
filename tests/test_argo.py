# ruff: noqa: F811  (pytest fixtures imported from tests/servers/kube.py)
"""Argo objects through Argo's own models (hera), strictly: a round trip through the models must
give back every field (an unknown or misspelt field would be dropped), plus what the batch
design promises: fan-out with a limit, a CPU step before the GPU step, no retry of exit 2/3."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import hera.workflows.models as argo
import jsonschema
import pytest
import yaml

from job.bots import parse_users_text
from job.cluster.argo import build_workflow
from job.settings import Settings, load_settings
from tests.support.cli import assert_one_error_line

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Settings()
K8S_ARGO = ROOT / "k8s" / "argo"
ARGO_SCHEMA = ROOT.parent / "shared" / "schemas" / "argo-workflows-v4.1.2.schema.json"
# Every parameter that reaches a container's args or env goes through this Argo expression:
# Kubernetes expands $(VAR) there from the pod's environment, Secrets included.
LITERAL = re.compile(r"\{\{=sprig\.replace\('\$', '\$\$', ([a-zA-Z.]+)\)\}\}")


def round_trip(model, doc: dict) -> dict:
    obj = model.model_validate(doc)
    return json.loads(obj.model_dump_json(by_alias=True, exclude_none=True))


@functools.cache
def argo_validator(kind: str) -> jsonschema.Validator:
    definitions = json.loads(ARGO_SCHEMA.read_text())["definitions"]
    schema = {"$ref": f"#/definitions/io.argoproj.workflow.v1alpha1.{kind}"}
    return jsonschema.Draft202012Validator({**schema, "definitions": definitions})


def assert_strict(model, doc: dict) -> None:
    """hera's models keep every known field (an unknown one would be dropped); Argo's own
    schema, where this checkout has ../shared, checks the types."""
    assert round_trip(model, doc) == json.loads(json.dumps(doc))
    if ARGO_SCHEMA.is_file():
        error = jsonschema.exceptions.best_match(argo_validator(doc["kind"]).iter_errors(doc))
        assert error is None, f"{list(error.absolute_path)}: {error.message}"


def chart_workflow_template(*args: str) -> dict:
    helm = shutil.which("helm") or shutil.which("helm", path=str(ROOT / ".tools" / "bin"))
    if not helm:
        pytest.fail("helm is not installed: run scripts/install-tools.sh (CI does)")
    env = {**os.environ, "HELM_CACHE_HOME": "/tmp/helm-cache", "HELM_CONFIG_HOME": "/tmp/helm-cfg"}
    cmd = [helm, "template", "bots", str(ROOT / "charts" / "huggingtweets"), "--set"]
    cmd += ["argo.enabled=true", "--set", "store=s3://b/p", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return next(d for d in yaml.safe_load_all(out.stdout) if d and d["kind"] == "WorkflowTemplate")


def templates_by_name(wt: dict) -> dict[str, dict]:
    return {t["name"]: t for t in wt["spec"]["templates"]}


def grace_patch(template: dict) -> dict:
    """The step's pod spec patch, which must only set the grace period."""
    patch = json.loads(template["podSpecPatch"])
    assert set(patch) == {"terminationGracePeriodSeconds"}
    return patch


def check_batch_design(wt: dict) -> None:
    t = templates_by_name(wt)
    fan_out = t[wt["spec"]["entrypoint"]]
    assert fan_out["parallelism"] >= 1
    step = fan_out["steps"][0][0]
    assert step["withParam"] == "{{workflow.parameters.bots}}"
    bot_steps = [group[0]["template"] for group in t[step["template"]]["steps"]]
    assert bot_steps == ["prepare", "train"]  # two sequential step groups
    prepare, train = t["prepare"]["container"], t["train"]["container"]
    assert "nvidia.com/gpu" not in prepare["resources"].get("limits", {})
    assert prepare["args"][-2:] == ["--until", "prepare"]
    assert "nvidia.com/gpu" in train["resources"]["limits"]
    for name in ("prepare", "train"):
        retry = t[name]["retryStrategy"]
        assert "lastRetry.exitCode" in retry["expression"]
        assert "!= 2" in retry["expression"] and "!= 3" in retry["expression"]
        assert t[name]["container"]["securityContext"]["readOnlyRootFilesystem"] is True
    assert wt["spec"]["securityContext"]["runAsNonRoot"] is True
    # time to save and upload a checkpoint on SIGTERM; the CPU step keeps the default
    assert "podSpecPatch" not in t["prepare"]
    assert "terminationGracePeriodSeconds" in grace_patch(t["train"])
    params = {p["name"] for p in wt["spec"]["arguments"]["parameters"]}
    assert params == {"bots", "store", "image", "baseModel", "adapter", "mergeAdapter", "command"}
    check_bounded(wt)
    check_literal_parameters(wt)


def check_bounded(wt: dict) -> None:
    """A deadline on the Workflow, the CPU step and the GPU step; disks with a size limit and a
    local disk request in both steps."""
    t = templates_by_name(wt)
    assert wt["spec"]["activeDeadlineSeconds"] > 0
    for step in ("prepare", "train"):
        assert int(t[step]["activeDeadlineSeconds"]) > 0
        assert t[step]["container"]["resources"]["requests"]["ephemeral-storage"]
    volumes = {v["name"]: v for v in wt["spec"]["volumes"]}
    assert volumes["tmp"]["emptyDir"]["sizeLimit"] and volumes["cache"]["emptyDir"]["sizeLimit"]


def check_literal_parameters(wt: dict) -> None:
    """The bot, the store and the base model reach args and env only through LITERAL."""
    for step in ("prepare", "train"):
        container = templates_by_name(wt)[step]["container"]
        texts = container["args"] + [e["value"] for e in container["env"] if "value" in e]
        escaped = set()
        for text in texts:
            if "{{" not in text or text == "{{workflow.parameters.command}}":  # run or refresh
                continue
            match = LITERAL.fullmatch(text)
            assert match, f"{step}: {text!r} reaches the pod unescaped"
            escaped.add(match.group(1))
        assert escaped == {
            "inputs.parameters.bot",
            "workflow.parameters.store",
            "workflow.parameters.baseModel",
            "workflow.parameters.adapter",
            "workflow.parameters.mergeAdapter",
        }
        assert LITERAL.fullmatch(container["args"][1])
        for env in container["env"]:
            if "value" in env and "{{" not in env["value"]:
                assert "$" not in env["value"].replace("$$", ""), env


def parameters(spec: dict) -> dict[str, str]:
    return {p["name"]: p["value"] for p in spec["arguments"]["parameters"]}


def step_env(wt: dict, step: str, arguments: dict[str, str] | None = None) -> dict[str, str]:
    """The plain env a step's pod gets, as Argo makes it: the Workflow's arguments over the
    template's defaults, through each value's escaping expression."""
    given = {**parameters(wt["spec"]), **(arguments or {})}
    env = {}
    for item in templates_by_name(wt)[step]["container"]["env"]:
        if "value" not in item:
            continue
        match = LITERAL.fullmatch(item["value"])
        if match and match.group(1).startswith("workflow.parameters."):
            item = {**item, "value": given[match.group(1).split(".")[-1]].replace("$", "$$")}
        env[item["name"]] = item["value"]
    return env


def test_workflow_template_is_strictly_valid_and_keeps_the_design():
    wt = yaml.safe_load((K8S_ARGO / "workflowtemplate.yaml").read_text())
    assert_strict(argo.WorkflowTemplate, wt)
    check_batch_design(wt)


def test_cron_workflow_refreshes_a_list_of_bots():
    cron = yaml.safe_load((K8S_ARGO / "cronworkflow.yaml").read_text())
    assert_strict(argo.CronWorkflow, cron)
    spec = cron["spec"]
    assert spec["schedules"] and spec["concurrencyPolicy"] == "Forbid"
    params = {p["name"]: p["value"] for p in spec["workflowSpec"]["arguments"]["parameters"]}
    assert params["command"] == "refresh"
    bots = json.loads(params["bots"])
    assert parse_users_text("\n".join(bots))  # every entry is a valid bot
    template = yaml.safe_load((K8S_ARGO / "workflowtemplate.yaml").read_text())
    assert spec["workflowSpec"]["workflowTemplateRef"]["name"] == template["metadata"]["name"]


@pytest.mark.parametrize("gpus", ["1", "4"])
def test_chart_workflow_template_is_strictly_valid(gpus):
    wt = chart_workflow_template("--set", f"gpusPerJob={gpus}", "--set", "bots={karpathy}")
    assert_strict(argo.WorkflowTemplate, wt)
    check_batch_design(wt)
    train = templates_by_name(wt)["train"]["container"]
    assert train["resources"]["limits"]["nvidia.com/gpu"] == gpus
    if gpus == "4":
        assert "command" not in train
        assert train["args"][2:] == ["--nproc-per-node", "4"]


@pytest.mark.parametrize("grace", [None, "0", "1800"])
def test_gpu_step_gets_the_grace_period(grace):
    args = ["--set", "bots={karpathy}"]
    if grace is not None:
        args += ["--set", f"terminationGracePeriodSeconds={grace}"]
    wt = chart_workflow_template(*args)
    assert_strict(argo.WorkflowTemplate, wt)
    expected = Settings().terminationGracePeriodSeconds if grace is None else int(grace)
    assert grace_patch(templates_by_name(wt)["train"]) == {
        "terminationGracePeriodSeconds": expected
    }


@pytest.mark.parametrize("s3_secret", ["", "s3"])
def test_both_steps_load_the_env_secrets(s3_secret):
    """The CPU step needs them too: `run` checks the Hub token before it starts."""
    wt = chart_workflow_template(
        "--set",
        f"s3Secret={s3_secret}",
        "--set",
        "envSecrets={huggingtweets-hub,wandb}",
        "--set-json",
        'env={"HT_HUB_REPO": "myorg/{bot}"}',
    )
    assert_strict(argo.WorkflowTemplate, wt)
    expected = [s3_secret] if s3_secret else []
    for name in ("prepare", "train"):
        container = templates_by_name(wt)[name]["container"]
        refs = [ref["secretRef"]["name"] for ref in container["envFrom"]]
        assert refs == [*expected, "huggingtweets-hub", "wandb"]
        env = {e["name"]: e for e in container["env"]}
        assert env["HT_HUB_REPO"]["value"] == "myorg/{bot}"
        assert "HF_TOKEN" not in env and "WANDB_API_KEY" not in env


def test_chart_and_plain_templates_agree_on_defaults():
    """The chart with the plain file's settings gives the plain file's template."""
    plain = yaml.safe_load((K8S_ARGO / "workflowtemplate.yaml").read_text())
    chart = chart_workflow_template(
        "--set",
        "store=s3://my-bucket/huggingtweets",
        "--set",
        "s3Secret=huggingtweets-s3",
        "--set",
        "xSecret=huggingtweets-x",
        "--set",
        "argo.serviceAccountName=huggingtweets-workflow",
        "--set",
        "envSecrets={huggingtweets-hub}",
    )
    ours, theirs = templates_by_name(plain), templates_by_name(chart)
    assert ours["bots"]["steps"] == theirs["bots"]["steps"]
    for name in ("prepare", "train"):
        a, b = ours[name]["container"], theirs[name]["container"]
        assert a["args"] == b["args"]
        assert a["securityContext"] == b["securityContext"]
        assert a["volumeMounts"] == b["volumeMounts"]
        names_a = [e["name"] for e in a["env"]]
        assert names_a == [e["name"] for e in b["env"]]
        secrets_a = [ref["secretRef"]["name"] for ref in a["envFrom"]]
        assert secrets_a == [ref["secretRef"]["name"] for ref in b["envFrom"]]
    assert grace_patch(ours["train"]) == grace_patch(theirs["train"])
    declared = [
        {p["name"]: p for p in wt["spec"]["arguments"]["parameters"]} for wt in (plain, chart)
    ]
    for name in ("baseModel", "adapter", "mergeAdapter", "command"):
        assert declared[0][name]["value"] == declared[1][name]["value"], name
        assert declared[0][name].get("enum") == declared[1][name].get("enum"), name
    assert plain["spec"]["volumes"] == chart["spec"]["volumes"]
    assert plain["spec"]["serviceAccountName"] == chart["spec"]["serviceAccountName"]
    assert plain["spec"]["activeDeadlineSeconds"] == chart["spec"]["activeDeadlineSeconds"]
    for name in ("prepare", "train"):
        deadlines = [t[name]["activeDeadlineSeconds"] for t in (ours, theirs)]
        assert deadlines[0] == deadlines[1]
        requests = [t[name]["container"]["resources"]["requests"] for t in (ours, theirs)]
        assert requests[0]["ephemeral-storage"] == requests[1]["ephemeral-storage"]


def test_submitted_workflow_is_strictly_valid():
    s = load_settings({"store": "s3://b/p", "refresh": "true"}, environ={})
    wf = build_workflow(parse_users_text("karpathy\nelonmusk+Karpathy\n"), s)
    assert_strict(argo.Workflow, wf)
    params = {p["name"]: p["value"] for p in wf["spec"]["arguments"]["parameters"]}
    assert json.loads(params["bots"]) == ["karpathy", "elonmusk+Karpathy"]
    assert params["command"] == "refresh" and params["store"] == "s3://b/p"
    plain = yaml.safe_load((K8S_ARGO / "workflowtemplate.yaml").read_text())
    declared = {p["name"] for p in plain["spec"]["arguments"]["parameters"]}
    assert set(params) <= declared


def adapter_choice(values: dict[str, str]) -> tuple[str, str]:
    """(adapter, mergeAdapter) of Workflow parameters, or (HT_TRAIN_ADAPTER, HT_TRAIN_MERGE)."""
    if "adapter" in values:
        return values["adapter"], values["mergeAdapter"]
    return values["HT_TRAIN_ADAPTER"], values["HT_TRAIN_MERGE"]


def test_submitted_workflow_carries_the_adapter_choice():
    """launch --via argo passes adapter and mergeAdapter as parameters; through the plain
    template, both steps' pods get them as htctl run reads them."""
    plain = yaml.safe_load((K8S_ARGO / "workflowtemplate.yaml").read_text())
    bots = parse_users_text("karpathy\n")
    default = parameters(
        build_workflow(bots, load_settings({"store": "s3://b/p"}, environ={}))["spec"]
    )
    flags = {"store": "s3://b/p", "adapter": "lora", "mergeAdapter": "true"}
    wf = build_workflow(bots, load_settings(flags, environ={}))
    assert_strict(argo.Workflow, wf)
    lora = parameters(wf["spec"])
    assert adapter_choice(default) == ("none", "false")
    assert adapter_choice(lora) == ("lora", "true")
    declared = {p["name"]: p for p in plain["spec"]["arguments"]["parameters"]}
    for name in ("adapter", "mergeAdapter"):
        assert {default[name], lora[name]} <= set(declared[name]["enum"])
    for step in ("prepare", "train"):
        assert adapter_choice(step_env(plain, step, lora)) == ("lora", "true")
        assert adapter_choice(step_env(plain, step, default)) == ("none", "false")
        assert adapter_choice(step_env(plain, step)) == ("none", "false")  # argo submit, no -p


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], ("none", "false")), (["adapter=lora", "mergeAdapter=true"], ("lora", "true"))],
    ids=["default", "lora-merged"],
)
def test_chart_workflow_template_carries_the_adapter_choice(values, expected):
    """The chart's values become the template's defaults, which reach both steps' env."""
    wt = chart_workflow_template(*[a for v in values for a in ("--set", v)])
    assert_strict(argo.WorkflowTemplate, wt)
    check_batch_design(wt)
    assert adapter_choice(parameters(wt["spec"])) == expected
    for step in ("prepare", "train"):
        assert adapter_choice(step_env(wt, step)) == expected
    # a Workflow submitted by htctl with other settings wins over the release's defaults
    flags = {"store": "s3://b/p", "adapter": "lora"}
    wf = build_workflow(parse_users_text("karpathy\n"), load_settings(flags, environ={}))
    assert adapter_choice(step_env(wt, "train", parameters(wf["spec"]))) == ("lora", "false")


def test_launch_via_argo_creates_a_workflow(kube, kube_env, htctl, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("karpathy\nelonmusk+karpathy\n")
    out = htctl("launch", str(users), "--store", "s3://b/p", "--via", "argo", env=kube_env)
    assert out.returncode == 0, out.stderr
    assert "2 bots submitted to Argo" in out.stdout
    posts = kube.requests("POST", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows")
    assert len(posts) == 1
    body = posts[0].data
    assert_strict(argo.Workflow, body)
    assert body["spec"]["workflowTemplateRef"] == {"name": "huggingtweets"}
    assert kube.requests("POST", "/apis/batch/v1") == []  # no Jobs: Argo runs the bots


def test_launch_via_argo_sends_the_adapter_settings(kube, kube_env, htctl, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("karpathy\n")
    env = {**kube_env, "HT_ADAPTER": "lora"}
    out = htctl("launch", str(users), "--store", "s3://b/p", "--via", "argo", env=env)
    assert out.returncode == 0, out.stderr
    (post,) = kube.requests("POST", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows")
    assert adapter_choice(parameters(post.data["spec"])) == ("lora", "false")
    assert_strict(argo.Workflow, post.data)


@pytest.mark.parametrize(
    ("values", "workflow", "prepare"),
    [
        ([], DEFAULT.argoWorkflowDeadlineSeconds, str(DEFAULT.argoPrepareDeadlineSeconds)),
        (["argoWorkflowDeadlineSeconds=3600", "argoPrepareDeadlineSeconds=60"], 3600, "60"),
        (["argoWorkflowDeadlineSeconds=0", "argoPrepareDeadlineSeconds=0"], None, None),
    ],
    ids=["defaults", "set", "none"],
)
def test_chart_workflow_deadlines_come_from_values(values, workflow, prepare):
    args = [a for v in values for a in ("--set", v)]
    wt = chart_workflow_template(*args)
    assert_strict(argo.WorkflowTemplate, wt)
    assert wt["spec"].get("activeDeadlineSeconds") == workflow
    assert templates_by_name(wt)["prepare"].get("activeDeadlineSeconds") == prepare


def test_chart_workflow_escapes_dollar_in_env_values():
    """env values are Helm-escaped; the parameters are escaped by Argo when a pod is made."""
    wt = chart_workflow_template("--set-json", 'env={"GREETING": "$(AWS_SECRET_ACCESS_KEY)"}')
    assert_strict(argo.WorkflowTemplate, wt)
    for step in ("prepare", "train"):
        env = {e["name"]: e for e in templates_by_name(wt)[step]["container"]["env"]}
        assert env["GREETING"]["value"] == "$$(AWS_SECRET_ACCESS_KEY)"


def test_submitted_workflow_has_a_deadline_unless_zero():
    bots = parse_users_text("karpathy\n")
    wf = build_workflow(bots, load_settings({"store": "s3://b/p"}, environ={}))
    assert wf["spec"]["activeDeadlineSeconds"] == Settings().argoWorkflowDeadlineSeconds
    flags = {"store": "s3://b/p", "argoWorkflowDeadlineSeconds": "0"}
    wf = build_workflow(bots, load_settings(flags, environ={}))
    assert "activeDeadlineSeconds" not in wf["spec"]  # 0 would end a running Workflow at once
    assert_strict(argo.Workflow, wf)


# --- the Argo route is first-class: status, wait, logs and cancel see Workflows ---------------
# kmock runs no Argo controller: these tests play it, writing each Workflow's status (its nodes)
# and the steps' pods (labels and node-id annotation as Argo sets them) through the API.

WF = ("argoproj.io", "v1alpha1", "default", "workflows")


def argo_settings(**flags):
    return load_settings({"store": "s3://b/p", "qps": "500", "burst": "100", **flags}, environ={})


def workflows(kube) -> dict[str, dict]:
    return kube.objects("workflows")


def play_argo(api, wf_name: str, phase: str, bots: dict[str, tuple[str, str, str]]) -> None:
    """Give the Workflow ``phase`` and, per bot spec, a bot node in ``(phase, step, message)``
    with one pod node of that step (node ids as Argo makes them)."""
    nodes = {wf_name: {"id": wf_name, "type": "Steps", "templateName": "bots", "phase": phase}}
    for i, (spec, (bot_phase, step, message)) in enumerate(bots.items()):
        bot_id, pod_id = f"{wf_name}-{1000 + i}", f"{wf_name}-{2000 + i}"
        nodes[bot_id] = {
            "id": bot_id,
            "type": "Steps",
            "templateName": "bot",
            "phase": bot_phase,
            "startedAt": "2026-11-25T10:00:00Z",
            "inputs": {"parameters": [{"name": "bot", "value": spec}]},
        }
        if bot_phase in ("Succeeded", "Failed"):
            nodes[bot_id]["finishedAt"] = "2026-11-25T10:30:00Z"
        if step:
            nodes[pod_id] = {
                "id": pod_id,
                "type": "Pod",
                "templateName": step,
                "boundaryID": bot_id,
                "phase": bot_phase,
                "message": message,
                "startedAt": "2026-11-25T10:05:00Z",
            }
    body = {"status": {"phase": phase, "nodes": nodes}}
    api.custom.patch_namespaced_custom_object(*WF[:3], WF[3], wf_name, body)


def add_step_pod(api, wf_name: str, node_id: str, step: str, status: dict | None = None) -> str:
    name = f"{wf_name}-{step}-{node_id[-4:]}"
    labels = {
        "app.kubernetes.io/name": "huggingtweets",
        "app.kubernetes.io/instance": "htctl",
        "app.kubernetes.io/component": step,
        "workflows.argoproj.io/workflow": wf_name,
    }
    meta = {
        "name": name,
        "namespace": "default",
        "labels": labels,
        "annotations": {"workflows.argoproj.io/node-id": node_id},
    }
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [{"name": "main", "image": "htctl"}]},
        "status": status or {"phase": "Running"},
    }
    api.core.create_namespaced_pod("default", pod)
    return name


@pytest.fixture
def argo_cluster(kube, kube_env, htctl, tmp_path):
    """Three bots submitted with `htctl launch --via argo`: one Workflow."""
    from job.cluster.client import Api

    users = tmp_path / "users.txt"
    users.write_text("karpathy\nelonmusk+karpathy\ndril\n")
    out = htctl("launch", str(users), "--store", "s3://b/p", "--via", "argo", env=kube_env)
    assert out.returncode == 0, out.stderr
    (name,) = workflows(kube)
    return Api(kube.api_client(), argo_settings()), name, users


def status_rows(htctl, kube_env, *args) -> dict[str, dict]:
    out = htctl("status", *args, "--store", "s3://b/p", "--json", env=kube_env)
    assert out.returncode == 0, out.stderr
    return {r["bot"]: r for r in map(json.loads, out.stdout.splitlines())}


def test_submitted_workflow_names_its_bots_and_labels_its_pods(argo_cluster, kube):
    _, name, _ = argo_cluster
    wf = workflows(kube)[name]
    assert json.loads(wf["metadata"]["annotations"]["huggingtweets/bots"]) == [
        "karpathy",
        "elonmusk-karpathy",
        "dril",
    ]
    labels = wf["metadata"]["labels"]
    assert labels["app.kubernetes.io/instance"] == "htctl"
    pod_labels = wf["spec"]["podMetadata"]["labels"]
    assert pod_labels["app.kubernetes.io/instance"] == "htctl"
    assert pod_labels["app.kubernetes.io/name"] == "huggingtweets"
    assert_strict(argo.Workflow, wf)


def test_launch_via_argo_skips_bots_in_a_running_workflow(argo_cluster, kube, kube_env, htctl):
    api, name, users = argo_cluster
    again = htctl("launch", str(users), "--store", "s3://b/p", "--via", "argo", env=kube_env)
    assert again.returncode == 0, again.stderr
    assert "0 bots submitted" in again.stdout and "3 skipped" in again.stdout
    assert f"skipped karpathy workflow/{name}" in again.stdout
    assert list(workflows(kube)) == [name]
    # once the Workflow has finished, a launch submits the bots again
    play_argo(api, name, "Succeeded", {"karpathy": ("Succeeded", "train", "")})
    third = htctl("launch", str(users), "--store", "s3://b/p", "--via", "argo", env=kube_env)
    assert third.returncode == 0, third.stderr
    assert "3 bots submitted" in third.stdout
    assert len(workflows(kube)) == 2


def test_another_instance_does_not_see_or_skip_our_workflow(argo_cluster, kube, kube_env, htctl):
    _, _, users = argo_cluster
    rows = status_rows(htctl, kube_env, str(users), "--instance", "team-b")
    assert {r["phase"] for r in rows.values()} == {"NotLaunched"}
    out = htctl(
        "launch",
        str(users),
        "--store",
        "s3://b/p",
        "--via",
        "argo",
        "--instance",
        "team-b",
        env=kube_env,
    )
    assert out.returncode == 0 and "3 bots submitted" in out.stdout, out.stderr


def test_status_and_wait_see_the_workflow_steps(argo_cluster, kube, kube_env, htctl):
    api, name, users = argo_cluster
    rows = status_rows(htctl, kube_env, str(users))
    assert {r["phase"] for r in rows.values()} == {"Pending"}  # submitted, not started
    assert {r["workflow"] for r in rows.values()} == {name}
    play_argo(
        api,
        name,
        "Running",
        {
            "karpathy": ("Succeeded", "train", ""),
            "elonmusk+karpathy": ("Running", "train", ""),
            "dril": ("Failed", "prepare", "Error (exit code 2)"),
        },
    )
    pending = {"phase": "Pending", "containerStatuses": []}
    pending["conditions"] = [
        {
            "type": "PodScheduled",
            "status": "False",
            "reason": "Unschedulable",
            "message": "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",
        }
    ]
    add_step_pod(api, name, f"{name}-2001", "train", pending)
    rows = status_rows(htctl, kube_env, str(users))
    assert rows["karpathy"]["phase"] == "Succeeded" and rows["karpathy"]["step"] == "train"
    assert rows["karpathy"]["duration_s"] == 30 * 60
    assert rows["elonmusk-karpathy"]["phase"] == "Running"
    assert rows["elonmusk-karpathy"]["pod"] == "Pending"
    assert "Insufficient nvidia.com/gpu" in rows["elonmusk-karpathy"]["reason"]
    assert rows["dril"]["phase"] == "Failed" and rows["dril"]["step"] == "prepare"
    assert rows["dril"]["reason"] == "Error (exit code 2)"
    table = htctl("status", "--store", "s3://b/p", env=kube_env)
    assert table.returncode == 0, table.stderr
    assert f"workflow/{name}" in table.stdout and "prepare" in table.stdout

    out = htctl("wait", str(users), "--timeout", "1", "--interval", "0.2", env=kube_env)
    assert out.returncode == 4, out.stderr  # one bot still running
    play_argo(
        api,
        name,
        "Failed",
        {
            "karpathy": ("Succeeded", "train", ""),
            "elonmusk+karpathy": ("Succeeded", "train", ""),
            "dril": ("Failed", "prepare", "Error (exit code 2)"),
        },
    )
    out = htctl("wait", str(users), "--timeout", "5", env=kube_env)
    assert out.returncode == 1
    assert "2 succeeded, 1 failed" in out.stdout
    assert f"failed dril workflow/{name} Error (exit code 2)" in out.stderr
    ok = tmp_users(users, "karpathy\nelonmusk+karpathy\n")
    assert htctl("wait", str(ok), "--timeout", "5", env=kube_env).returncode == 0


def tmp_users(users, text: str):
    path = users.with_name("some.txt")
    path.write_text(text)
    return path


def test_logs_read_the_newest_step_pod(argo_cluster, kube, kube_env, htctl):
    api, name, _ = argo_cluster
    out = htctl("logs", "karpathy", env=kube_env)
    assert out.returncode == 2 and "no pod yet" in out.stderr  # submitted, no step started
    play_argo(api, name, "Running", {"karpathy": ("Running", "train", "")})
    pod = add_step_pod(api, name, f"{name}-2000", "train")
    kube.answer_log("default", pod, "step 10 loss 2.5\n")
    out = htctl("logs", "karpathy", env=kube_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "step 10 loss 2.5\n"
    (request,) = kube.requests("GET", f"/pods/{pod}/log")
    assert "container=main" in str(request.url)  # Argo's name for the step's container


def test_cancel_deletes_a_workflow_only_with_all_its_bots(argo_cluster, kube, kube_env, htctl):
    _, name, users = argo_cluster
    out = htctl("cancel", "karpathy", env=kube_env)
    error = assert_one_error_line(out, 2, "cannot cancel karpathy alone", f"workflow/{name}")
    assert "dril" in error
    assert list(workflows(kube)) == [name]  # nothing was deleted
    out = htctl("cancel", str(users), env=kube_env)
    assert out.returncode == 0, out.stderr
    assert f"deleted karpathy workflow/{name}" in out.stdout
    assert "cancel: 3 deleted, 0 not found" in out.stdout
    assert workflows(kube) == {}


@pytest.mark.parametrize(
    "status",
    [
        {"phase": "Running", "nodes": "not a map"},
        {"phase": ["Running"], "nodes": {"x": "y", "1": {"type": "Steps", "templateName": "bot"}}},
        {
            "phase": "Running",
            "nodes": {
                "b": {
                    "type": "Steps",
                    "templateName": "bot",
                    "inputs": {"parameters": [{"name": "bot", "value": "not a bot!"}]},
                },
                "c": {
                    "type": "Steps",
                    "templateName": "bot",
                    "phase": "Running",
                    "startedAt": "yesterday",
                    "inputs": {"parameters": [{"name": "bot", "value": "karpathy"}]},
                },
                "d": {"type": "Pod", "templateName": "train", "boundaryID": "c", "message": 7},
            },
        },
    ],
    ids=["nodes-not-a-map", "junk-nodes", "junk-values"],
)
def test_hostile_workflow_status_never_breaks_status(argo_cluster, kube_env, htctl, status):
    api, name, users = argo_cluster
    api.custom.patch_namespaced_custom_object(*WF, name, {"status": status})
    rows = status_rows(htctl, kube_env, str(users))
    assert set(rows) == {"karpathy", "elonmusk-karpathy", "dril"}
    assert all(r["workflow"] == name for r in rows.values())


def test_hostile_bots_annotation_is_ignored(argo_cluster, kube, kube_env, htctl):
    api, name, users = argo_cluster
    for junk in ("not json", '{"a": 1}', json.dumps([1, None, {"x": 1}])):
        body = {"metadata": {"annotations": {"huggingtweets/bots": junk}}}
        api.custom.patch_namespaced_custom_object(*WF, name, body)
        rows = status_rows(htctl, kube_env, str(users))
        assert {r["phase"] for r in rows.values()} == {"NotLaunched"}


def test_chart_workflow_template_schedules_the_gpu_step():
    """queueName (Kueue), node selector, tolerations and affinity reach the GPU step only;
    the pods carry the release's labels, and the chart's pod settings apply."""
    wt = chart_workflow_template(
        "--set", "queueName=gpu-queue",
        "--set-json", 'nodeSelector={"nvidia.com/gpu.product": "H100"}',
        "--set-json", 'tolerations=[{"key": "nvidia.com/gpu", "operator": "Exists"}]',
        "--set-json", 'affinity={"podAntiAffinity": {}}',
        "--set-json", 'imagePullSecrets=[{"name": "regcred"}]',
        "--set-json", 'podLabels={"team": "ml"}',
        "--set", "gpuResource=nvidia.com/mig-1g.10gb",
        "--set", "runAsUser=null",
    )  # fmt: skip
    assert_strict(argo.WorkflowTemplate, wt)
    t = templates_by_name(wt)
    train, prepare = t["train"], t["prepare"]
    assert train["metadata"]["labels"] == {
        "app.kubernetes.io/component": "train",
        "kueue.x-k8s.io/queue-name": "gpu-queue",
    }
    assert train["nodeSelector"] == {"nvidia.com/gpu.product": "H100"}
    assert train["tolerations"] == [{"key": "nvidia.com/gpu", "operator": "Exists"}]
    assert train["affinity"] == {"podAntiAffinity": {}}
    assert train["container"]["resources"]["limits"]["nvidia.com/mig-1g.10gb"] == "1"
    assert prepare["metadata"]["labels"] == {"app.kubernetes.io/component": "prepare"}
    for key in ("nodeSelector", "tolerations", "affinity"):
        assert key not in prepare
    labels = wt["spec"]["podMetadata"]["labels"]
    assert labels["app.kubernetes.io/instance"] == "bots" and labels["team"] == "ml"
    assert wt["spec"]["imagePullSecrets"] == [{"name": "regcred"}]
    assert "runAsUser" not in wt["spec"]["securityContext"]
