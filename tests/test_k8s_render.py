"""htctl render, Job names and settings: the Kubernetes contract of docs/kubernetes.md, checked
against the real Kubernetes schemas (kubernetes-validate, strict) of every version from 1.30 to the
newest kubernetes-validate knows (tests/k8s_schemas.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from job.bots import parse_bot
from job.cluster.manifests import build_job
from job.cluster.names import DNS_LABEL, bot_label, job_name, label_safe
from job.errors import BadInput
from job.settings import Settings, env_name, flag_name, load_settings, settings_table
from tests.support.k8s_schemas import VERSIONS, validate, validate_everywhere
from tests.support.pods import assert_hardened

ROOT = Path(__file__).resolve().parent.parent


def validate_strict(doc: dict) -> None:
    validate_everywhere(doc)


def render(htctl, tmp_path, lines: str, *args: str, env: dict | None = None):
    users = tmp_path / "users.txt"
    users.write_text(lines)
    return htctl("render", str(users), *args, env=env)


def job_container(job: dict) -> dict:
    return job["spec"]["template"]["spec"]["containers"][0]


def test_render_prints_one_valid_job_per_bot(htctl, tmp_path):
    lines = "karpathy\nelonmusk, Karpathy  # a two-handle bot\n\n# comment\n@_under_score\n"
    out = render(
        htctl, tmp_path, lines, "--store", "s3://b/p", "--s3-secret", "s3", "--x-secret", "x"
    )
    assert out.returncode == 0, out.stderr
    docs = list(yaml.safe_load_all(out.stdout))
    assert [d["metadata"]["annotations"]["huggingtweets/bot"] for d in docs] == [
        "karpathy",
        "elonmusk-karpathy",
        "_under_score",
    ]
    for doc in docs:
        validate_strict(doc)
    assert len({d["metadata"]["name"] for d in docs}) == 3


def test_job_carries_the_contract():
    s = load_settings({"store": "s3://b/p", "s3Secret": "s3", "xSecret": "xs"}, environ={})
    job = build_job(parse_bot("elonmusk+Karpathy"), s)
    meta, spec = job["metadata"], job["spec"]
    pod = spec["template"]["spec"]
    c = job_container(job)
    assert (job["apiVersion"], job["kind"]) == ("batch/v1", "Job")
    assert meta["labels"]["app.kubernetes.io/name"] == "huggingtweets"
    assert meta["labels"]["app.kubernetes.io/managed-by"] == "htctl"
    assert meta["labels"]["huggingtweets/bot"] == "elonmusk-karpathy"
    assert meta["annotations"]["huggingtweets/spec"] == "elonmusk+Karpathy"
    assert pod["restartPolicy"] == "Never"
    assert c["args"] == ["run", "elonmusk+Karpathy"]
    assert c["resources"]["limits"]["nvidia.com/gpu"] == "1"
    rules = spec["podFailurePolicy"]["rules"]
    assert rules[0] == {
        "action": "FailJob",
        "onExitCodes": {"containerName": "htctl", "operator": "In", "values": [2, 3]},
    }
    # status is required by Kubernetes 1.29 to 1.34: without it those clusters refuse the Job
    assert rules[1] == {
        "action": "Ignore",
        "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}],
    }
    assert_hardened(pod, c)
    mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert set(mounts) == {"/tmp", "/cache", "/dev/shm"}
    assert volumes[mounts["/dev/shm"]]["emptyDir"]["medium"] == "Memory"
    env = {e["name"]: e for e in c["env"]}
    assert env["HT_STORE"]["value"] == "s3://b/p"
    assert env["HF_HOME"]["value"].startswith("/cache")
    assert env["HT_X_BEARER_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "xs",
        "key": "HT_X_BEARER_TOKEN",
    }
    assert c["envFrom"] == [{"secretRef": {"name": "s3"}}]
    validate_strict(job)


def test_credentials_only_come_from_secrets(monkeypatch):
    """Secret values set where htctl runs never reach a manifest."""
    monkeypatch.setenv("HT_X_BEARER_TOKEN", "sekrit-token")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "sekrit-key")
    monkeypatch.setenv("HF_TOKEN", "sekrit-hf")
    monkeypatch.setenv("WANDB_API_KEY", "sekrit-wandb")
    s = load_settings({"store": "s3://b/p", "xSecret": "x", "envSecrets": "[hub]"})
    text = yaml.safe_dump(build_job(parse_bot("karpathy"), s))
    assert "sekrit" not in text
    plain = [e for e in job_container(build_job(parse_bot("a"), s))["env"] if "value" in e]
    assert not [e for e in plain if "TOKEN" in e["name"] or "SECRET" in e["name"]]


def test_env_secrets_load_after_the_s3_secret(htctl, tmp_path):
    """The tokens of the optional destinations come whole from envSecrets, by flag or env."""
    args = ["--store", "s3://b/p", "--s3-secret", "s3"]
    by_flag = render(
        htctl, tmp_path, "karpathy\n", *args, "--env-secrets", "[huggingtweets-hub, wandb.key]"
    )
    by_env = render(
        htctl,
        tmp_path,
        "karpathy\n",
        *args,
        env={"HT_ENV_SECRETS": '["huggingtweets-hub", "wandb.key"]'},
    )
    assert by_flag.returncode == by_env.returncode == 0, by_flag.stderr + by_env.stderr
    assert by_flag.stdout == by_env.stdout
    job = yaml.safe_load(by_flag.stdout)
    assert job_container(job)["envFrom"] == [
        {"secretRef": {"name": "s3"}},
        {"secretRef": {"name": "huggingtweets-hub"}},
        {"secretRef": {"name": "wandb.key"}},
    ]
    validate_strict(job)


def test_env_secrets_without_s3_secret():
    s = load_settings({"store": "s3://b/p", "envSecrets": "[hub]"}, environ={})
    assert job_container(build_job(parse_bot("karpathy"), s))["envFrom"] == [
        {"secretRef": {"name": "hub"}}
    ]
    none = load_settings({"store": "s3://b/p"}, environ={})
    assert "envFrom" not in job_container(build_job(parse_bot("karpathy"), none))


def test_bad_env_secret_is_one_line_exit_2(htctl, tmp_path):
    out = render(
        htctl, tmp_path, "karpathy\n", "--store", "s3://b/p", "--env-secrets", "[hub, HF_TOKEN]"
    )
    assert out.returncode == 2
    assert out.stdout == ""
    assert "envSecrets" in out.stderr and "'HF_TOKEN'" in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_several_gpus_train_under_torchrun():
    s = load_settings({"store": "s3://b/p", "gpusPerJob": "4"}, environ={})
    job = build_job(parse_bot("karpathy"), s)
    c = job_container(job)
    # No shell: htctl (the ENTRYPOINT, PID 1) gets SIGTERM itself, runs the CPU stages, then
    # torchrun, and exits with the failed rank's code (2 and 3 still fail the Job at once).
    assert "command" not in c
    assert c["args"] == ["run", "karpathy", "--nproc-per-node", "4"]
    assert c["resources"]["limits"]["nvidia.com/gpu"] == "4"
    validate_strict(job)
    s = load_settings({"store": "s3://b/p", "gpusPerJob": "2", "refresh": "true"}, environ={})
    c = job_container(build_job(parse_bot("a+bsky:b.c"), s))
    assert c["args"] == ["refresh", "a+bsky:b.c", "--nproc-per-node", "2"]


def test_no_gpu_and_optional_fields_off():
    s = load_settings(
        {"store": "s3://b/p", "gpusPerJob": "0", "activeDeadlineSeconds": "0"}, environ={}
    )
    s = Settings(**{**s.__dict__, "ttlSecondsAfterFinished": -1})
    job = build_job(parse_bot("karpathy"), s)
    assert "nvidia.com/gpu" not in job_container(job)["resources"]["limits"]
    assert "activeDeadlineSeconds" not in job["spec"]
    assert "ttlSecondsAfterFinished" not in job["spec"]
    validate_strict(job)


def test_pods_get_time_to_checkpoint_on_sigterm(htctl, tmp_path):
    """Training saves and uploads a checkpoint on SIGTERM: the pod's grace period is 600 s by
    default (Kubernetes' own is 30 s), and a flag or HT_ variable changes it."""
    out = render(htctl, tmp_path, "karpathy\n", "--store", "s3://b/p")
    assert out.returncode == 0, out.stderr
    assert (
        yaml.safe_load(out.stdout)["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        == 600
    )
    by_flag = render(
        htctl,
        tmp_path,
        "karpathy\n",
        "--store",
        "s3://b/p",
        "--termination-grace-period-seconds",
        "0",
    )
    by_env = render(
        htctl,
        tmp_path,
        "karpathy\n",
        env={"HT_STORE": "s3://b/p", "HT_TERMINATION_GRACE_PERIOD_SECONDS": "0"},
    )
    assert by_flag.returncode == by_env.returncode == 0, by_flag.stderr + by_env.stderr
    assert by_flag.stdout == by_env.stdout
    job = yaml.safe_load(by_flag.stdout)
    assert job["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] == 0
    validate_strict(job)


def test_refresh_runs_htctl_refresh(htctl, tmp_path):
    out = render(htctl, tmp_path, "karpathy\n", "--store", "s3://b/p", "--refresh")
    assert out.returncode == 0, out.stderr
    assert job_container(yaml.safe_load(out.stdout))["args"] == ["refresh", "karpathy"]


def test_scheduling_settings_and_kueue(tmp_path):
    s = load_settings(
        {
            "store": "s3://b/p",
            "nodeSelector": "{nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3}",
            "tolerations": '[{"key": "nvidia.com/gpu", "operator": "Exists", '
            '"effect": "NoSchedule"}]',
            "priorityClassName": "batch-low",
            "queueName": "gpu-queue",
            "serviceAccountName": "s3-reader",
            "env": "{AWS_DEFAULT_REGION: eu-west-1}",
        },
        environ={},
    )
    job = build_job(parse_bot("karpathy"), s)
    pod = job["spec"]["template"]["spec"]
    assert pod["nodeSelector"] == {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"}
    assert pod["tolerations"][0]["key"] == "nvidia.com/gpu"
    assert pod["priorityClassName"] == "batch-low"
    assert pod["serviceAccountName"] == "s3-reader"
    assert job["metadata"]["labels"]["kueue.x-k8s.io/queue-name"] == "gpu-queue"
    assert job["spec"]["suspend"] is True
    env = {e["name"]: e.get("value") for e in job_container(job)["env"]}
    assert env["AWS_DEFAULT_REGION"] == "eu-west-1"
    validate_strict(job)


def adapter_env(job: dict) -> dict[str, str]:
    return {e["name"]: e["value"] for e in job_container(job)["env"] if "TRAIN" in e["name"]}


def test_default_job_sets_no_adapter_variable():
    """A full fine-tune is htctl run's default: the Job leaves the choice to it, so a default
    Job is exactly what it was before adapters existed."""
    job = build_job(parse_bot("karpathy"), load_settings({"store": "s3://b/p"}, environ={}))
    assert adapter_env(job) == {}


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({"adapter": "lora"}, {"HT_TRAIN_ADAPTER": "lora"}),
        (
            {"adapter": "lora", "mergeAdapter": "true"},
            {"HT_TRAIN_ADAPTER": "lora", "HT_TRAIN_MERGE": "true"},
        ),
        ({"adapter": "lora", "mergeAdapter": "false"}, {"HT_TRAIN_ADAPTER": "lora"}),
    ],
    ids=["lora", "lora-merged", "lora-not-merged"],
)
def test_lora_settings_reach_the_job_env(flags, expected):
    """The LoRA knobs stay plain env beside the choice; the choice itself comes first, after
    the store and the base model."""
    s = load_settings(
        {"store": "s3://b/p", "env": "{HT_TRAIN_LORA_RANK: '16'}", **flags}, environ={}
    )
    job = build_job(parse_bot("elonmusk+Karpathy"), s)
    assert adapter_env(job) == {**expected, "HT_TRAIN_LORA_RANK": "16"}
    names = [e["name"] for e in job_container(job)["env"]]
    assert names[: 2 + len(expected)] == ["HT_STORE", "HT_BASE_MODEL", *expected]
    validate_strict(job)


def test_adapter_flags_and_variables_give_the_same_job(htctl, tmp_path):
    """--adapter lora --merge-adapter, HT_ADAPTER/HT_MERGE_ADAPTER and a config file agree."""
    by_flag = render(
        htctl, tmp_path, "karpathy\n", "--store", "s3://b/p", "--adapter", "lora", "--merge-adapter"
    )
    by_env = render(
        htctl,
        tmp_path,
        "karpathy\n",
        env={"HT_STORE": "s3://b/p", "HT_ADAPTER": "lora", "HT_MERGE_ADAPTER": "true"},
    )
    config = tmp_path / "values.yaml"
    config.write_text("store: s3://b/p\nadapter: lora\nmergeAdapter: true\n")
    by_file = render(htctl, tmp_path, "karpathy\n", "--config", str(config))
    assert {by_flag.returncode, by_env.returncode, by_file.returncode} == {0}, by_flag.stderr
    assert by_flag.stdout == by_env.stdout == by_file.stdout
    job = yaml.safe_load(by_flag.stdout)
    assert adapter_env(job) == {"HT_TRAIN_ADAPTER": "lora", "HT_TRAIN_MERGE": "true"}
    # --no-merge-adapter wins over the environment, as every flag does
    unmerged = render(
        htctl,
        tmp_path,
        "karpathy\n",
        "--no-merge-adapter",
        env={"HT_STORE": "s3://b/p", "HT_ADAPTER": "lora", "HT_MERGE_ADAPTER": "true"},
    )
    assert unmerged.returncode == 0, unmerged.stderr
    assert adapter_env(yaml.safe_load(unmerged.stdout)) == {"HT_TRAIN_ADAPTER": "lora"}


@pytest.mark.parametrize(
    ("args", "env", "word"),
    [
        (["--adapter", "qlora"], {}, "adapter 'qlora'"),
        (["--merge-adapter"], {}, "mergeAdapter needs adapter lora"),
        ([], {"HT_MERGE_ADAPTER": "1"}, "mergeAdapter needs adapter lora"),
        (["--env", "{HT_TRAIN_ADAPTER: lora}"], {}, "HT_TRAIN_ADAPTER"),
    ],
)
def test_bad_adapter_settings_are_one_line_exit_2(htctl, tmp_path, args, env, word):
    out = render(htctl, tmp_path, "karpathy\n", "--store", "s3://b/p", *args, env=env)
    assert out.returncode == 2
    assert out.stdout == ""
    assert word in out.stderr and out.stderr.strip().count("\n") == 0
    assert "Traceback" not in out.stderr


def test_bad_users_file_prints_nothing_and_names_the_line(htctl, tmp_path):
    out = render(htctl, tmp_path, "karpathy\nelonmusk\nnot a valid handle!!\n", "--store", "s3://b")
    assert out.returncode == 2
    assert out.stdout == ""
    assert ":3:" in out.stderr and out.stderr.count("\n") == 1


def test_missing_store_is_bad_input(htctl, tmp_path):
    out = render(htctl, tmp_path, "karpathy\n")
    assert out.returncode == 2
    assert "store" in out.stderr and out.stdout == ""


# --- settings: one name everywhere --------------------------------------------------------


def test_setting_names_follow_one_rule():
    assert flag_name("gpusPerJob") == "--gpus-per-job"
    assert env_name("gpusPerJob") == "HT_GPUS_PER_JOB"
    assert flag_name("s3Secret") == "--s3-secret"
    assert env_name("ttlSecondsAfterFinished") == "HT_TTL_SECONDS_AFTER_FINISHED"
    assert flag_name("terminationGracePeriodSeconds") == "--termination-grace-period-seconds"
    assert (flag_name("envSecrets"), env_name("envSecrets")) == ("--env-secrets", "HT_ENV_SECRETS")
    assert env_name("store") == "HT_STORE"


def test_precedence_flag_over_env_over_file_over_default(tmp_path):
    config = tmp_path / "values.yaml"
    config.write_text("gpusPerJob: 2\nimage: file/image:1\nnamespace: from-file\nbots: [x]\n")
    environ = {"HT_GPUS_PER_JOB": "3", "HT_IMAGE": "env/image:1"}
    s = load_settings({"gpusPerJob": "4", "image": None}, environ=environ, config_file=config)
    assert s.gpusPerJob == 4  # flag
    assert s.image == "env/image:1"  # env
    assert s.namespace == "from-file"  # file
    assert s.baseModel == "gpt2"  # default


def test_env_and_flag_give_the_same_job(htctl, tmp_path):
    by_flag = render(htctl, tmp_path, "karpathy\n", "--store", "s3://b/p", "--gpus-per-job", "2")
    by_env = render(
        htctl, tmp_path, "karpathy\n", env={"HT_STORE": "s3://b/p", "HT_GPUS_PER_JOB": "2"}
    )
    assert by_flag.returncode == by_env.returncode == 0
    assert by_flag.stdout == by_env.stdout


@pytest.mark.parametrize(
    ("flags", "word"),
    [
        ({"gpusPerJob": "two"}, "--gpus-per-job"),
        ({"gpusPerJob": "-1"}, "gpusPerJob"),
        ({"terminationGracePeriodSeconds": "-1"}, "terminationGracePeriodSeconds"),
        ({"nodeSelector": "[a, b]"}, "--node-selector"),
        ({"refresh": "maybe"}, "--refresh"),
        ({"namespace": "Not_Valid"}, "namespace"),
        ({"envSecrets": "hub"}, "--env-secrets"),
        ({"envSecrets": "{a: b}"}, "--env-secrets"),
        ({"envSecrets": '[""]'}, "envSecrets item ''"),
        ({"envSecrets": "[Hub]"}, "envSecrets item 'Hub'"),
        ({"envSecrets": "[hub-]"}, "envSecrets"),
        ({"envSecrets": "[a_b]"}, "envSecrets"),
        ({"envSecrets": "[123, {a: b}]"}, "envSecrets item 123"),
        ({"envSecrets": f"[{'a' * 254}]"}, "envSecrets"),
        ({"adapter": "qlora"}, "adapter 'qlora' is not one of none, lora"),
        ({"adapter": "LoRA"}, "adapter 'LoRA'"),
        ({"adapter": ""}, "adapter ''"),
        ({"mergeAdapter": "true"}, "mergeAdapter needs adapter lora"),
        ({"adapter": "none", "mergeAdapter": "yes"}, "mergeAdapter needs adapter lora"),
        ({"adapter": "lora", "mergeAdapter": "perhaps"}, "--merge-adapter"),
        ({"env": "{HT_TRAIN_ADAPTER: lora}"}, "env cannot set HT_TRAIN_ADAPTER"),
        ({"env": "{HT_TRAIN_MERGE: '1'}"}, "env cannot set HT_TRAIN_MERGE"),
    ],
)
def test_bad_settings_are_bad_input(flags, word):
    with pytest.raises(BadInput, match=word):
        load_settings(flags, environ={})


def test_readme_settings_table_lists_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, flag, env, default, meaning in settings_table():
        assert f"| `{name}` | `{flag}` | `{env}` | `{default}` | {meaning} |" in readme, name


def test_config_file_errors_are_bad_input(tmp_path):
    with pytest.raises(BadInput, match="not found"):
        load_settings(config_file=tmp_path / "missing.yaml", environ={})
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n")
    with pytest.raises(BadInput, match="map"):
        load_settings(config_file=bad, environ={})


# --- names --------------------------------------------------------------------------------

TRICKY = [
    "karpathy",
    "KARPATHY+elonmusk",
    "a_b",
    "a+b",
    "_",
    "__",
    "_a_",
    "abcdefghijklmno",
    "ABCDEFGHIJKLMNO+abcdefghijklmnp+zzzzzzzzzzzzzzz+yyyyyyyyyyyyyyy",
    "x1_+x1",
    "123456789012345",
    "bsky:alice.bsky.social",
    "bsky:alice-bsky.social",
    "mastodon:Bob@example.social+karpathy",
    "mastodon:bob_@example.social",
]


def test_tricky_bots_get_valid_unique_job_names_and_labels():
    bots = [parse_bot(t) for t in TRICKY]
    names = [job_name(b.name) for b in bots]
    assert len({b.name for b in bots}) == len(bots)
    assert len(set(names)) == len(names)
    for bot, name in zip(bots, names, strict=True):
        assert DNS_LABEL.match(name) and len(name) <= 63, name
        assert label_safe(bot_label(bot.name)), bot.name


def test_case_only_differences_are_one_bot_with_one_job():
    assert job_name(parse_bot("Karpathy").name) == job_name(parse_bot("karpathy").name)


def test_names_merged_by_sanitising_stay_apart():
    # a_b and a+b both sanitise to "a-b": the hash keeps their Jobs apart
    first, second = job_name(parse_bot("a_b").name), job_name(parse_bot("a+b").name)
    assert first.startswith("ht-a-b-") and second.startswith("ht-a-b-")
    assert first != second


def test_long_multi_handle_bot_name_is_cut_to_63():
    bot = parse_bot("+".join(f"handle{i:02d}_abcdef" for i in range(8)))
    name = job_name(bot.name)
    assert len(name) == 63 and DNS_LABEL.match(name)
    assert bot_label(bot.name) == name  # too long for a label value: the Job name stands in


# --- plain manifests in k8s/ --------------------------------------------------------------


def test_schema_versions_come_from_kubernetes_validate():
    """1.30 up to the newest the library knows, not a list written here."""
    from kubernetes_validate import utils

    newest = utils.major_minor(utils.latest_version())
    assert VERSIONS[0] == "1.30" and VERSIONS[-1] == newest
    assert len(VERSIONS) == int(newest.split(".")[1]) - 29


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", ["job.yaml", "rbac.yaml", "secret.example.yaml", "argo/rbac.yaml"])
def test_k8s_manifests_validate(path, version):
    docs = [d for d in yaml.safe_load_all((ROOT / "k8s" / path).read_text()) if d]
    assert docs
    for doc in docs:
        validate(doc, version)


RICH = {
    "store": "s3://b/p",
    "s3Secret": "s3",
    "xSecret": "x",
    "envSecrets": "[hub]",
    "env": "{AWS_DEFAULT_REGION: eu-west-1}",
    "nodeSelector": "{gpu: h100}",
    "tolerations": '[{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]',
    "priorityClassName": "batch-low",
    "queueName": "gpu-queue",
    "serviceAccountName": "s3-reader",
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "flags",
    [
        {},
        {"gpusPerJob": "4", "refresh": "true"},
        {"gpusPerJob": "0"},
        {
            "gpuResource": "nvidia.com/mig-1g.10gb",
            "resources": "{requests: {cpu: 8}, limits: {cpu: '16', example.com/fpga: 1}}",
            "imagePullSecrets": "[{name: regcred}]",
            "affinity": "{nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: "
            "[{weight: 1, preference: {matchExpressions: [{key: zone, operator: In, "
            "values: [a]}]}}]}}",
            "podLabels": "{team: ml}",
            "podAnnotations": "{example.com/owner: ml}",
            "runAsUser": "null",
        },
        {"adapter": "lora", "mergeAdapter": "true", "env": "{HT_TRAIN_LORA_RANK: '8'}"},
    ],
    ids=["one-gpu", "torchrun", "cpu", "chart-conventions", "lora"],
)
def test_rendered_jobs_validate_for_every_version(flags, version):
    s = load_settings({**RICH, **flags}, environ={})
    for bot in ("karpathy", "elonmusk+Karpathy", "archive:ab=/d/$(X).zip"):
        validate(build_job(parse_bot(bot), s), version)


def test_disks_are_bounded_and_requested():
    """/tmp and /cache have a size limit (a pod that fills one is evicted, not the node's disk)
    and the pod requests local disk for both, from settings."""
    default = build_job(parse_bot("karpathy"), load_settings({"store": "s3://b"}, environ={}))
    volumes = {v["name"]: v for v in default["spec"]["template"]["spec"]["volumes"]}
    requests = job_container(default)["resources"]["requests"]
    assert volumes["tmp"]["emptyDir"] == {"sizeLimit": Settings().tmpSize}
    assert volumes["cache"]["emptyDir"] == {"sizeLimit": Settings().cacheSize}
    assert requests["ephemeral-storage"] == Settings().ephemeralStorage
    flags = {"store": "s3://b", "tmpSize": "1Gi", "cacheSize": "5Gi", "ephemeralStorage": "6Gi"}
    job = build_job(parse_bot("karpathy"), load_settings(flags, environ={}))
    volumes = {v["name"]: v for v in job["spec"]["template"]["spec"]["volumes"]}
    assert volumes["tmp"]["emptyDir"]["sizeLimit"] == "1Gi"
    assert volumes["cache"]["emptyDir"]["sizeLimit"] == "5Gi"
    assert job_container(job)["resources"]["requests"]["ephemeral-storage"] == "6Gi"
    validate_strict(job)


def test_k8s_job_yaml_is_what_render_gives():
    doc = yaml.safe_load((ROOT / "k8s" / "job.yaml").read_text())
    s = load_settings(
        {
            "store": "s3://my-bucket/huggingtweets",
            "s3Secret": "huggingtweets-s3",
            "xSecret": "huggingtweets-x",
        },
        environ={},
    )
    job = build_job(parse_bot("karpathy"), s)
    assert doc["spec"] == job["spec"]
    assert doc["metadata"]["name"] == job["metadata"]["name"]


def test_example_secret_holds_placeholders_only():
    for doc in yaml.safe_load_all((ROOT / "k8s" / "secret.example.yaml").read_text()):
        secret_values = [v for k, v in doc["stringData"].items() if "KEY" in k or "TOKEN" in k]
        assert secret_values and set(secret_values) == {"REPLACE_ME"}


def role_grants(path: str) -> dict[tuple[str, str], set[str]]:
    role = next(
        d for d in yaml.safe_load_all((ROOT / "k8s" / path).read_text()) if d["kind"] == "Role"
    )
    return {
        (g, r): set(rule["verbs"])
        for rule in role["rules"]
        for g in rule["apiGroups"]
        for r in rule["resources"]
    }


def test_rbac_is_least_privilege():
    grants = role_grants("rbac.yaml")
    assert grants[("batch", "jobs")] == {"create", "get", "list", "watch", "delete"}
    assert grants[("", "pods")] == {"get", "list"}
    assert grants[("", "pods/log")] == {"get"}
    assert not [verbs for verbs in grants.values() if "*" in verbs]
    assert ("", "secrets") not in grants
    assert ("argoproj.io", "workflowtaskresults") not in grants  # the Workflow's pods' SA has it


def test_argo_pods_service_account_may_only_report_results():
    """The Workflow's pods hold Secrets as env and run untrusted input: their token may do
    what Argo's executor needs and nothing else."""
    assert role_grants("argo/rbac.yaml") == {
        ("argoproj.io", "workflowtaskresults"): {"create", "patch"}
    }
    docs = list(yaml.safe_load_all((ROOT / "k8s" / "argo" / "rbac.yaml").read_text()))
    account = next(d for d in docs if d["kind"] == "ServiceAccount")["metadata"]["name"]
    binding = next(d for d in docs if d["kind"] == "RoleBinding")
    assert binding["subjects"] == [{"kind": "ServiceAccount", "name": account}]
    template = yaml.safe_load((ROOT / "k8s" / "argo" / "workflowtemplate.yaml").read_text())
    assert template["spec"]["serviceAccountName"] == account
    launcher = next(
        d
        for d in yaml.safe_load_all((ROOT / "k8s" / "rbac.yaml").read_text())
        if d["kind"] == "ServiceAccount"
    )
    assert launcher["metadata"]["name"] != account


def test_chart_conventions_reach_the_pod():
    """imagePullSecrets, affinity, pod labels and annotations, a resources block that wins over
    the shortcuts, a MIG GPU name and runAsUser: null for OpenShift."""
    s = load_settings(
        {
            **RICH,
            "gpusPerJob": "2",
            "gpuResource": "nvidia.com/mig-1g.10gb",
            "resources": "{requests: {cpu: 8, memory: 40Gi}, limits: {cpu: '16'}}",
            "imagePullSecrets": "[{name: regcred}]",
            "affinity": "{podAntiAffinity: {}}",
            "podLabels": "{team: ml}",
            "podAnnotations": "{example.com/owner: ml team}",
            "runAsUser": "null",
        },
        environ={},
    )
    job = build_job(parse_bot("karpathy"), s)
    template = job["spec"]["template"]
    pod, res = template["spec"], job_container(job)["resources"]
    assert res["requests"] == {"cpu": "8", "memory": "40Gi", "ephemeral-storage": "30Gi"}
    assert res["limits"] == {"memory": "32Gi", "cpu": "16", "nvidia.com/mig-1g.10gb": "2"}
    assert "nvidia.com/gpu" not in res["limits"]
    assert job_container(job)["args"][-2:] == ["--nproc-per-node", "2"]
    assert pod["imagePullSecrets"] == [{"name": "regcred"}]
    assert pod["affinity"] == {"podAntiAffinity": {}}
    assert pod["securityContext"] == {
        "runAsNonRoot": True,
        "seccompProfile": {"type": "RuntimeDefault"},
    }
    assert template["metadata"]["annotations"] == {"example.com/owner": "ml team"}
    labels = template["metadata"]["labels"]
    assert labels["team"] == "ml"
    assert labels["app.kubernetes.io/instance"] == "htctl"
    default = build_job(parse_bot("karpathy"), load_settings({"store": "s3://b"}, environ={}))
    assert default["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == 10001


def test_instance_labels_keep_two_setups_apart():
    bot = parse_bot("karpathy")
    a = build_job(bot, load_settings({"store": "s3://b"}, environ={}))
    b = build_job(bot, load_settings({"store": "s3://b", "instance": "team-b"}, environ={}))
    for job, instance in ((a, "htctl"), (b, "team-b")):
        for labels in (job["metadata"]["labels"], job["spec"]["template"]["metadata"]["labels"]):
            assert labels["app.kubernetes.io/instance"] == instance
            assert labels["app.kubernetes.io/component"] == "bot"
            assert labels["app.kubernetes.io/part-of"] == "htctl"
            assert labels["app.kubernetes.io/name"] == "huggingtweets"


@pytest.mark.parametrize(
    ("flags", "word"),
    [
        ({"podLabels": "{app.kubernetes.io/instance: other}"}, "podLabels cannot set"),
        ({"podLabels": "{huggingtweets/bot: elonmusk}"}, "podLabels cannot set"),
        ({"podLabels": "{job-name: x}"}, "podLabels cannot set"),
        ({"podLabels": "{team: 42}"}, "podLabels"),
        ({"podLabels": '{"bad key!": x}'}, "podLabels"),
        ({"podLabels": "{team: 'a\\nb'}"}, "podLabels"),
        ({"podAnnotations": "{x: 1}"}, "podAnnotations"),
        ({"imagePullSecrets": "[regcred]"}, "imagePullSecrets"),
        ({"imagePullSecrets": "[{name: Reg_Cred}]"}, "imagePullSecrets"),
        ({"imagePullSecrets": "[{name: a, extra: b}]"}, "imagePullSecrets"),
        ({"gpuResource": "gpu"}, "gpuResource"),
        ({"gpuResource": "nvidia.com/gpu\nx"}, "gpuResource"),
        ({"resources": "{limits: {nvidia.com/gpu: 2}}"}, "use gpusPerJob"),
        ({"resources": "{requests: {cpu: lots}}"}, "resources.requests.cpu"),
        ({"resources": "{requests: {cpu: 0}}"}, "resources.requests.cpu"),
        ({"resources": "{claims: []}"}, "requests and limits"),
        ({"resources": "{limits: [1]}"}, "resources.limits"),
        ({"affinity": "{nodeName: x}"}, "affinity"),
        ({"runAsUser": "0"}, "runAsUser"),
        ({"runAsUser": "-5"}, "runAsUser"),
        ({"instance": ""}, "instance"),
        ({"instance": "a/b"}, "instance"),
        ({"instance": "x" * 64}, "instance"),
    ],
)
def test_bad_chart_convention_settings_are_bad_input(flags, word):
    with pytest.raises(BadInput, match=word):
        load_settings({"store": "s3://b", **flags}, environ={})
