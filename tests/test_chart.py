"""The Helm chart, with the real helm binary: lint, schema, Kubernetes schemas (every version
from 1.30 to the newest kubernetes-validate knows), and the rule that the chart's Job for a bot
is the Job `htctl render` gives with the same settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from job.bots import parse_bot
from job.settings import Settings
from tests.support.chart import BOTS, CHART, ROOT, VALUES, configmap_settings, helm, template
from tests.support.k8s_schemas import VERSIONS, validate


def jobs_of(docs: list[dict]) -> dict[str, dict]:
    return {
        d["metadata"]["annotations"]["huggingtweets/bot"]: d for d in docs if d["kind"] == "Job"
    }


def render_python(htctl, tmp_path, values_file: Path) -> dict[str, dict]:
    users = tmp_path / "users.txt"
    users.write_text("\n".join(yaml.safe_load(values_file.read_text())["bots"]) + "\n")
    # the chart's instance label is its release name ("bots" here)
    out = htctl("render", str(users), "--config", str(values_file), "--instance", "bots")
    assert out.returncode == 0, out.stderr
    return jobs_of(list(yaml.safe_load_all(out.stdout)))


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"gpusPerJob": 4, "refresh": True},
        {
            "gpusPerJob": 0,
            "queueName": "",
            "activeDeadlineSeconds": 0,
            "terminationGracePeriodSeconds": 0,
        },
        {
            "ttlSecondsAfterFinished": -1,
            "s3Secret": "",
            "xSecret": "",
            "envSecrets": [],
            "env": {},
        },
        {"s3Secret": "", "envSecrets": ["hub-token"]},
        {
            "runAsUser": None,
            "resources": {},
            "affinity": {},
            "podLabels": {},
            "podAnnotations": {},
            "imagePullSecrets": [],
            "gpuResource": "nvidia.com/gpu",
        },
        {"adapter": "lora"},
        {
            "adapter": "lora",
            "mergeAdapter": True,
            "env": {"HT_TRAIN_LORA_RANK": "16", "HT_TRAIN_LORA_TARGETS": "c_attn,c_proj"},
        },
    ],
    ids=[
        "all-settings",
        "torchrun-refresh",
        "cpu-only",
        "minimal",
        "env-secrets",
        "openshift",
        "lora",
        "lora-merged",
    ],
)
def test_chart_job_equals_htctl_render(htctl, tmp_path, overrides):
    """The same values file drives `helm template -f` and `htctl render --config`."""
    values = tmp_path / "values.yaml"
    values.write_text(yaml.safe_dump({**VALUES, **overrides}))
    chart_jobs = jobs_of(template("-f", str(values)))
    htctl_jobs = render_python(htctl, tmp_path, values)
    assert sorted(chart_jobs) == sorted(htctl_jobs) == sorted(parse_bot(b).name for b in BOTS)
    for bot, ours in htctl_jobs.items():
        theirs = chart_jobs[bot]
        assert theirs["spec"] == ours["spec"], bot
        assert theirs["metadata"]["name"] == ours["metadata"]["name"]
        assert theirs["metadata"]["annotations"] == ours["metadata"]["annotations"]
        keys = ["huggingtweets/bot", "kueue.x-k8s.io/queue-name"]
        keys += [f"app.kubernetes.io/{k}" for k in ("name", "instance", "component", "part-of")]
        for key in keys:
            assert theirs["metadata"]["labels"].get(key) == ours["metadata"]["labels"].get(key)
        assert theirs["metadata"]["labels"]["app.kubernetes.io/instance"] == "bots"


def adapter_env(job: dict) -> dict[str, str]:
    env = job["spec"]["template"]["spec"]["containers"][0]["env"]
    return {e["name"]: e["value"] for e in env if e["name"].startswith("HT_TRAIN_")}


@pytest.mark.parametrize(
    ("values", "flags", "expected"),
    [
        ([], [], {}),
        (["adapter=lora"], ["--adapter", "lora"], {"HT_TRAIN_ADAPTER": "lora"}),
        (
            ["adapter=lora", "mergeAdapter=true"],
            ["--adapter", "lora", "--merge-adapter"],
            {"HT_TRAIN_ADAPTER": "lora", "HT_TRAIN_MERGE": "true"},
        ),
    ],
    ids=["default", "lora", "lora-merged"],
)
def test_adapter_values_set_the_train_env_of_every_job(htctl, tmp_path, values, flags, expected):
    """The chart's Jobs carry the choice as htctl render's do, and a default Job none of it."""
    sets = [arg for value in values for arg in ("--set", value)]
    chart_jobs = jobs_of(template("--set", "store=s3://b/p", "--set", "bots={karpathy,a+b}", *sets))
    assert sorted(chart_jobs) == ["a-b", "karpathy"]
    for job in chart_jobs.values():
        assert adapter_env(job) == expected
    users = tmp_path / "users.txt"
    users.write_text("karpathy\n")
    out = htctl("render", str(users), "--store", "s3://b/p", "--instance", "bots", *flags)
    assert out.returncode == 0, out.stderr
    assert yaml.safe_load(out.stdout)["spec"] == chart_jobs["karpathy"]["spec"]


def test_chart_schema_reserves_the_variables_htctl_reserves():
    """env cannot set what the Job sets itself, in the chart as in htctl's settings."""
    from job.k8s_grammar import RESERVED_ENV

    schema = json.loads((CHART / "values.schema.json").read_text())
    reserved = schema["properties"]["env"]["propertyNames"]["not"]["enum"]
    assert sorted(reserved) == sorted(RESERVED_ENV)
    assert {"HT_TRAIN_ADAPTER", "HT_TRAIN_MERGE"} <= set(reserved)


def test_set_flag_and_env_var_give_the_same_job(htctl, tmp_path):
    """`--set store=s3://b/p` in helm and HT_STORE=s3://b/p for htctl: the same Job."""
    chart_job = jobs_of(template("--set", "store=s3://b/p", "--set", "bots={Karpathy}"))
    users = tmp_path / "users.txt"
    users.write_text("Karpathy\n")
    out = htctl("render", str(users), env={"HT_STORE": "s3://b/p", "HT_INSTANCE": "bots"})
    assert out.returncode == 0, out.stderr
    assert chart_job["karpathy"]["spec"] == yaml.safe_load(out.stdout)["spec"]
    pod = chart_job["karpathy"]["spec"]["template"]["spec"]
    assert pod["terminationGracePeriodSeconds"] == Settings().terminationGracePeriodSeconds


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> list[dict]:
    """Every object the chart can make (Argo's are checked in test_argo.py), rendered once."""
    values = tmp_path_factory.mktemp("chart") / "values.yaml"
    full = {
        **VALUES,
        "secrets": {
            "create": True,
            "s3": {"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"},
            "xBearerToken": "t",
        },
        "argo": {"enabled": True},
        "adapter": "lora",
        "mergeAdapter": True,
    }
    values.write_text(yaml.safe_dump(full))
    return template("-f", str(values))


@pytest.mark.parametrize("version", VERSIONS)
def test_every_rendered_object_validates(everything, version):
    kinds = sorted(d["kind"] for d in everything)
    assert kinds.count("Job") == len(BOTS)
    for kind in ("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret"):
        assert kind in kinds
    for doc in everything:
        if not doc["apiVersion"].startswith("argoproj.io/"):
            validate(doc, version)


def test_argo_pods_get_their_own_service_account(everything):
    """The launcher may create and delete Jobs; the Workflow's pods (Secrets as env, untrusted
    input) may only report their results, as their own ServiceAccount."""
    by_kind: dict[str, list[dict]] = {}
    for doc in everything:
        by_kind.setdefault(doc["kind"], []).append(doc)
    template_sa = by_kind["WorkflowTemplate"][0]["spec"]["serviceAccountName"]
    assert template_sa in {sa["metadata"]["name"] for sa in by_kind["ServiceAccount"]}
    roles = {r["metadata"]["name"]: r["rules"] for r in by_kind["Role"]}
    bound = {
        b["roleRef"]["name"]: [s["name"] for s in b["subjects"]] for b in by_kind["RoleBinding"]
    }
    (workflow_role,) = [name for name, subjects in bound.items() if template_sa in subjects]
    assert roles[workflow_role] == [
        {
            "apiGroups": ["argoproj.io"],
            "resources": ["workflowtaskresults"],
            "verbs": ["create", "patch"],
        }
    ]
    for name, rules in roles.items():
        if name != workflow_role:
            assert template_sa not in bound[name]
            assert not [r for r in rules if "workflowtaskresults" in r["resources"]]


def test_settings_configmap_is_an_htctl_config(tmp_path):
    settings = configmap_settings(VALUES, tmp_path)
    assert settings["store"] == VALUES["store"]
    assert settings["gpusPerJob"] == 1
    assert settings["terminationGracePeriodSeconds"] == VALUES["terminationGracePeriodSeconds"]
    assert settings["envSecrets"] == VALUES["envSecrets"]
    assert settings["namespace"] == "default"
    assert (settings["adapter"], settings["mergeAdapter"]) == ("none", False)
    lora = configmap_settings({**VALUES, "adapter": "lora", "mergeAdapter": True}, tmp_path)
    assert (lora["adapter"], lora["mergeAdapter"]) == ("lora", True)


def test_lint_strict_is_clean():
    out = helm("lint", "--strict", str(CHART))
    assert "0 chart(s) failed" in out.stdout
    full = helm(
        "lint",
        "--strict",
        str(CHART),
        "--set",
        "store=s3://b/p",
        "--set",
        "bots={karpathy}",
        "--set",
        "argo.enabled=true",
    )
    assert "0 chart(s) failed" in full.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "bots={not valid!}", "--set", "store=s3://b"], "invalid handle"),
        (["--set", "bots={karpathy}"], "store is required"),
        (["--set", "gpusPerJob=-1"], "gpusPerJob"),
        (["--set", "terminationGracePeriodSeconds=-1"], "terminationGracePeriodSeconds"),
        (["--set", "unknownValue=1"], "unknownValue"),
        (["--set", "bots={karpathy,Karpathy}", "--set", "store=s3://b"], "repeats"),
        (["--set", "envSecrets={Hub_Token}"], "envSecrets"),
        (["--set-json", 'envSecrets=[""]'], "envSecrets"),
        (["--set", "envSecrets=hub-token"], "envSecrets"),
        (["--set-json", 'podLabels={"app.kubernetes.io/instance": "x"}'], "propertyName"),
        (["--set-json", 'podLabels={"huggingtweets/bot": "x"}'], "huggingtweets/bot"),
        (["--set-json", 'podLabels={"team": "a\\nb"}'], "podLabels"),
        (["--set", "runAsUser=0"], "runAsUser"),
        (["--set", "gpuResource=gpu"], "gpuResource"),
        (["--set", "imagePullSecrets={regcred}"], "imagePullSecrets"),
        (["--set-json", 'resources={"requests": {"cpu": "lots"}}'], "resources"),
        (["--set-json", 'affinity={"nodeName": "x"}'], "affinity"),
        (["--set", "adapter=qlora"], "/adapter"),
        (["--set", "mergeAdapter=true"], "/adapter"),
        (["--set", "adapter=none", "--set", "mergeAdapter=true"], "/adapter"),
        (["--set-string", "mergeAdapter=true", "--set", "adapter=lora"], "/mergeAdapter"),
    ],
)
def test_bad_values_are_refused(args, message):
    out = helm("template", "bots", str(CHART), *args, check=False)
    assert out.returncode != 0
    assert message in out.stderr


def test_env_secrets_follow_the_s3_secret_in_every_job():
    """HF_TOKEN and WANDB_API_KEY come whole from envSecrets, after s3Secret; no token is a
    plain value."""
    secrets = "envSecrets={huggingtweets-hub,wandb}"
    args = ["--set", "store=s3://b", "--set", "bots={karpathy,a+b}", "--set", "s3Secret=s3"]
    docs = template(*args, "--set", secrets)
    for job in jobs_of(docs).values():
        container = job["spec"]["template"]["spec"]["containers"][0]
        assert [ref["secretRef"]["name"] for ref in container["envFrom"]] == [
            "s3",
            "huggingtweets-hub",
            "wandb",
        ]
        assert not {"HF_TOKEN", "WANDB_API_KEY"} & {e["name"] for e in container["env"]}


def test_no_bots_renders_only_the_release_objects():
    kinds = sorted(d["kind"] for d in template())
    assert kinds == ["ConfigMap", "Role", "RoleBinding", "ServiceAccount"]


def test_chart_names_match_python_for_tricky_bots():
    docs = template("--set", "store=s3://b", "--set-json", f"bots={json.dumps(BOTS)}")
    from job.cluster.names import bot_label, job_name

    for bot, job in jobs_of(docs).items():
        assert job["metadata"]["name"] == job_name(bot)
        assert job["metadata"]["labels"]["huggingtweets/bot"] == bot_label(bot)


def test_chart_readme_is_generated_from_the_values():
    """charts/huggingtweets/README.md is scripts/chart_readme.py's output: every value with its
    default and comment, the minimum Kubernetes version and the local try-out."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "chart_readme", ROOT / "scripts" / "chart_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    readme = (CHART / "README.md").read_text(encoding="utf-8")
    assert readme == text, "run python scripts/chart_readme.py"
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    assert chart["kubeVersion"] == f">={VERSIONS[0]}.0-0"  # the oldest version the tests check
    assert f"Kubernetes {chart['kubeVersion']}" in readme
    assert chart["home"] == "https://github.com/htctl/htctl" and chart["home"] in chart["sources"]
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    for key in values:
        assert f"| `{key}` |" in readme, key
    assert '| `gpuResource` | string | `"nvidia.com/gpu"` |' in readme
    assert "kubectl apply --dry-run=client" in readme
