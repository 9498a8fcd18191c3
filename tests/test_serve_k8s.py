"""`htctl serve` in the cluster: the chart's serve Deployment and Service (serve.enabled) and
`htctl render --serve`, with the real helm binary and the real Kubernetes schemas of every minor
version from 1.30 to the newest kubernetes-validate knows (tests/k8s_schemas.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from job.cluster.serve import build_serve
from job.errors import BadInput
from job.k8s_grammar import CACHE_ENV
from job.settings import load_settings
from tests.support.chart import BOTS, CHART, ROOT, VALUES, configmap_settings, helm, template
from tests.support.cli import assert_one_error_line, free_port
from tests.support.k8s_schemas import VERSIONS, validate
from tests.support.pods import assert_hardened

SERVE_VALUES = {
    **VALUES,
    "serve": {"enabled": True},
    "serveReplicas": 3,
    "serveCpu": "1500m",
    "serveMemory": "6Gi",
    "serveResources": {"requests": {"memory": "7Gi"}, "limits": {"cpu": 4}},
    "serveGpus": 1,
    "serveTokenSecret": "serve-token",
    "serveTokenSecretKey": "token",
    "serveMaxModels": 3,
    "serveMaxModelMb": 1024,
    "serveQueue": 4,
    "serveServiceType": "LoadBalancer",
    "serveNodeSelector": {"pool": "serving"},
    "serveTolerations": [{"key": "serving", "operator": "Exists", "effect": "NoSchedule"}],
}
LABEL_KEYS = [f"app.kubernetes.io/{k}" for k in ("name", "instance", "component", "part-of")]


def by_kind(docs: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for doc in docs:
        out.setdefault(doc["kind"], []).append(doc)
    return out


def serve_objects(docs: list[dict]) -> tuple[dict, dict]:
    kinds = by_kind(docs)
    (deployment,) = kinds["Deployment"]
    (service,) = kinds["Service"]
    return deployment, service


def render_serve(htctl, values_file: Path, *args: str) -> list[dict]:
    out = htctl("render", "--serve", "--config", str(values_file), "--instance", "bots", *args)
    assert out.returncode == 0, out.stderr
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def container_of(deployment: dict) -> dict:
    return deployment["spec"]["template"]["spec"]["containers"][0]


def env_of(deployment: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container_of(deployment)["env"]}


def matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {
            "serveReplicas": 1,
            "serveResources": {},
            "serveGpus": 0,
            "serveTokenSecret": "",
            "serveNodeSelector": {},
            "serveTolerations": [],
            "serveServiceType": "ClusterIP",
        },
        {
            "s3Secret": "",
            "envSecrets": [],
            "env": {"OMP_NUM_THREADS": "3"},
            "runAsUser": None,
            "podLabels": {},
            "podAnnotations": {},
            "imagePullSecrets": [],
            "serviceAccountName": "",
        },
    ],
    ids=["all-settings", "defaults", "openshift-own-threads"],
)
def test_chart_serve_objects_equal_htctl_render_serve(htctl, tmp_path, overrides):
    """One values file drives `helm template -f` and `htctl render --serve --config`."""
    values = tmp_path / "values.yaml"
    values.write_text(yaml.safe_dump({**SERVE_VALUES, **overrides}))
    chart_deployment, chart_service = serve_objects(template("-f", str(values)))
    docs = render_serve(htctl, values)
    assert [d["kind"] for d in docs] == ["Deployment", "Service"]  # no bots file: no Jobs
    ours_deployment, ours_service = docs
    for theirs, ours in ((chart_deployment, ours_deployment), (chart_service, ours_service)):
        assert theirs["spec"] == ours["spec"], theirs["kind"]
        assert theirs["metadata"]["name"] == ours["metadata"]["name"] == "bots-serve"
        assert theirs["metadata"]["namespace"] == ours["metadata"]["namespace"] == "default"
        for key in LABEL_KEYS:
            assert theirs["metadata"]["labels"][key] == ours["metadata"]["labels"][key], key


def test_serve_is_off_by_default(htctl, tmp_path):
    kinds = {d["kind"] for d in template("--set", "store=s3://b", "--set", "bots={karpathy}")}
    assert not kinds & {"Deployment", "Service"}
    users = tmp_path / "users.txt"
    users.write_text("karpathy\n")
    out = htctl("render", str(users), "--store", "s3://b/p")
    assert out.returncode == 0, out.stderr
    assert [d["kind"] for d in yaml.safe_load_all(out.stdout)] == ["Job"]


def test_render_serve_follows_the_jobs_of_a_users_file(htctl, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("karpathy\nelonmusk+karpathy\n")
    out = htctl("render", str(users), "--serve", "--store", "s3://b/p")
    assert out.returncode == 0, out.stderr
    docs = list(yaml.safe_load_all(out.stdout))
    assert [d["kind"] for d in docs] == ["Job", "Job", "Deployment", "Service"]
    assert docs[2]["metadata"]["name"] == "htctl-serve"  # the default instance


def test_render_without_users_file_or_serve_is_one_line_exit_2(htctl):
    assert_one_error_line(htctl("render", "--store", "s3://b/p"), 2, "users.txt", "--serve")


@pytest.fixture(scope="module")
def chart_with_serve(tmp_path_factory) -> list[dict]:
    """Bots and serve in one release, rendered once."""
    values = tmp_path_factory.mktemp("serve") / "values.yaml"
    values.write_text(yaml.safe_dump(SERVE_VALUES))
    return template("-f", str(values))


@pytest.fixture(scope="module")
def rendered_serve(tmp_path_factory) -> list[dict]:
    settings = {k: v for k, v in SERVE_VALUES.items() if k not in ("bots", "serve")}
    return build_serve(load_settings(settings, environ={}))


@pytest.mark.parametrize("version", VERSIONS)
def test_serve_objects_validate_for_every_version(chart_with_serve, rendered_serve, version):
    chart = serve_objects(chart_with_serve)
    for doc in (*chart, *rendered_serve):
        validate(doc, version)


def test_the_serve_pod_carries_the_contract(chart_with_serve):
    deployment, service = serve_objects(chart_with_serve)
    pod = deployment["spec"]["template"]["spec"]
    c = container_of(deployment)
    # the pod network, not loopback: serve's default would be unreachable from the Service
    assert c["args"][:5] == ["serve", "--host", "0.0.0.0", "--port", "8000"]
    assert c["args"][5:] == ["--max-models", "3", "--max-model-mb", "1024", "--queue", "4"]
    assert c["ports"] == [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]
    assert service["spec"]["ports"] == [
        {"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}
    ]
    assert service["spec"]["type"] == "LoadBalancer"
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"] == {"path": "/healthz", "port": "http"}, probe
    # the Jobs' hardening
    assert pod["automountServiceAccountToken"] is False
    assert_hardened(pod, c)
    assert pod["securityContext"]["runAsUser"] == VALUES["runAsUser"]
    volumes = {v["name"]: v["emptyDir"] for v in pod["volumes"]}
    assert volumes == {
        "tmp": {"sizeLimit": VALUES["tmpSize"]},
        "cache": {"sizeLimit": VALUES["cacheSize"]},
    }
    assert {m["mountPath"] for m in c["volumeMounts"]} == {"/tmp", "/cache"}
    # serve's own scheduling, not the GPU Jobs'; no batch priority class or Kueue queue
    assert pod["nodeSelector"] == {"pool": "serving"}
    assert pod["tolerations"] == SERVE_VALUES["serveTolerations"]
    assert "priorityClassName" not in pod and "affinity" not in pod
    assert "kueue.x-k8s.io/queue-name" not in deployment["spec"]["template"]["metadata"]["labels"]
    assert pod["serviceAccountName"] == VALUES["serviceAccountName"]  # store access (IRSA)
    assert c["resources"] == {
        "requests": {"cpu": "1500m", "memory": "7Gi", "ephemeral-storage": "10Gi"},
        "limits": {"memory": "6Gi", "cpu": "4", "nvidia.com/mig-1g.10gb": "1"},
    }


def test_store_and_secrets_are_the_jobs_and_the_token_is_a_secret_ref(chart_with_serve):
    deployment, _ = serve_objects(chart_with_serve)
    c = container_of(deployment)
    env = env_of(deployment)
    assert env["HT_STORE"] == {"name": "HT_STORE", "value": VALUES["store"]}
    assert [ref["secretRef"]["name"] for ref in c["envFrom"]] == ["s3-creds", *VALUES["envSecrets"]]
    assert env["HT_SERVE_TOKEN"] == {
        "name": "HT_SERVE_TOKEN",
        "valueFrom": {"secretKeyRef": {"name": "serve-token", "key": "token"}},
    }
    # the X token is the Jobs' alone
    assert "HT_X_BEARER_TOKEN" not in env
    # Kubernetes would expand $(AWS_SECRET_ACCESS_KEY) from the Secret: it stays text
    assert env["GREETING"]["value"] == "costs $$5, not $$(AWS_SECRET_ACCESS_KEY)"
    assert env["HOME"]["value"] == "/tmp" and env["XDG_CACHE_HOME"]["value"] == "/cache"
    assert len(env) == len(c["env"])  # no name twice


def test_torch_threads_follow_the_cpu_request_unless_env_sets_them(htctl, tmp_path):
    """serve sizes torch by OMP_NUM_THREADS, else by its cgroup quota, which a pod without a
    CPU limit does not have: the Deployment passes the CPU request, rounded up by Kubernetes."""
    s = load_settings({"store": "s3://b/p", "serveCpu": "500m"}, environ={})
    deployment = build_serve(s)[0]
    assert env_of(deployment)["OMP_NUM_THREADS"]["valueFrom"] == {
        "resourceFieldRef": {"containerName": "htctl", "resource": "requests.cpu", "divisor": "1"}
    }
    own = load_settings({"store": "s3://b/p", "env": "{OMP_NUM_THREADS: '3'}"}, environ={})
    threads = [
        e for e in container_of(build_serve(own)[0])["env"] if e["name"] == "OMP_NUM_THREADS"
    ]
    assert threads == [{"name": "OMP_NUM_THREADS", "value": "3"}]


def test_service_selects_only_the_serve_pods_of_its_own_instance(tmp_path):
    """Two releases in one namespace, each with bots and serve: each Service reaches exactly its
    own release's serve pods, never a bot's pod and never the other release's."""
    values = tmp_path / "values.yaml"
    values.write_text(yaml.safe_dump(SERVE_VALUES))
    pods: list[tuple[str, str, dict]] = []  # (release, kind, pod labels)
    services: dict[str, dict] = {}
    for release in ("bots", "other"):
        out = helm("template", release, str(CHART), "--namespace", "default", "-f", str(values))
        for doc in (d for d in yaml.safe_load_all(out.stdout) if d):
            if doc["kind"] in ("Job", "Deployment"):
                pods.append((release, doc["kind"], doc["spec"]["template"]["metadata"]["labels"]))
            if doc["kind"] == "Service":
                services[release] = doc
    assert len([p for p in pods if p[1] == "Job"]) == 2 * len(BOTS)
    for release, service in services.items():
        selector = service["spec"]["selector"]
        selected = [(r, kind) for r, kind, labels in pods if matches(selector, labels)]
        assert selected == [(release, "Deployment")], release
    deployment = next(d for d in template("-f", str(values)) if d["kind"] == "Deployment")
    assert deployment["spec"]["selector"]["matchLabels"] == services["bots"]["spec"]["selector"]


HOSTILE_VALUES: list[tuple] = [
    ({"serveTokenSecret": "tok\nen"}, "serveTokenSecret"),
    ({"serveTokenSecret": "Token"}, "serveTokenSecret"),
    ({"serveTokenSecretKey": "a b\nkind: Secret"}, "serveTokenSecretKey"),
    ({"serveServiceType": "ClusterIP\n  externalIPs: [1.2.3.4]"}, "serveServiceType"),
    ({"serveServiceType": "ExternalName"}, "serveServiceType"),
    ({"serveCpu": "lots"}, "serveCpu"),
    ({"serveCpu": "0"}, "serveCpu"),
    ({"serveMemory": "1 TB"}, "serveMemory"),
    ({"serveMemory": "8Gi\nprivileged: true"}, "serveMemory"),
    ({"serveResources": {"requests": {"cpu": "-1"}}}, "serveResources"),
    # helm names no path for a bad key, only the key
    ({"serveResources": {"requests": {"cpu\n": "1"}}}, "serveResources", "'cpu\\n'"),
    ({"serveResources": {"claims": []}}, "serveResources"),
    ({"serveReplicas": -1}, "serveReplicas"),
    ({"serveGpus": -1}, "serveGpus"),
    ({"serveMaxModels": 0}, "serveMaxModels"),
    ({"serveNodeSelector": {"pool": 1}}, "serveNodeSelector"),
    ({"serveTolerations": ["x"]}, "serveTolerations"),
    ({"env": {"HT_SERVE_TOKEN": "in the clear"}}, "HT_SERVE_TOKEN", "'HT_SERVE_TOKEN'"),
]


def cases(schema: bool) -> list[tuple[dict, str]]:
    """(values, the word the error names): helm's word where it differs from htctl's."""
    return [(case[0], case[-1] if schema else case[1]) for case in HOSTILE_VALUES]


@pytest.mark.parametrize(("bad", "word"), cases(schema=True))
def test_hostile_serve_values_are_refused_by_the_schema(tmp_path, bad, word):
    values = tmp_path / "values.yaml"
    values.write_text(yaml.safe_dump({"store": "s3://b", "serve": {"enabled": True}, **bad}))
    out = helm("template", "bots", str(CHART), "-f", str(values), check=False)
    assert out.returncode != 0
    assert "values don't meet the specifications of the schema" in out.stderr
    assert word in out.stderr
    assert "kind: Deployment" not in out.stdout


@pytest.mark.parametrize(("bad", "word"), cases(schema=False))
def test_hostile_serve_settings_are_refused_by_render(htctl, tmp_path, bad, word):
    config = tmp_path / "settings.yaml"
    config.write_text(yaml.safe_dump({"store": "s3://b/p", **bad}))
    out = htctl("render", "--serve", "--config", str(config))
    assert_one_error_line(out, 2, word)
    assert out.stdout == ""


def test_gpu_resource_is_set_by_serve_gpus_only():
    with pytest.raises(BadInput, match="serveGpus"):
        load_settings({"serveResources": "{limits: {nvidia.com/gpu: 1}}"}, environ={})


@pytest.mark.parametrize("release", ["9lives", "a.b", "a.b-c"])
def test_a_release_that_cannot_name_a_service_is_refused(release):
    """A Service name is a DNS-1035 label: a letter first, no dots, at most 63 characters."""
    out = helm(
        "template",
        release,
        str(CHART),
        "--set",
        "serve.enabled=true",
        "--set",
        "store=s3://b",
        check=False,
    )
    assert out.returncode != 0
    assert "cannot name the serve Deployment and Service" in out.stderr


@pytest.mark.parametrize("instance", ["9lives", "My_Bots", "a.b", "x" * 58])
def test_an_instance_that_cannot_name_a_service_is_refused_by_render(htctl, instance):
    out = htctl("render", "--serve", "--store", "s3://b/p", "--instance", instance)
    assert_one_error_line(out, 2, "cannot name the serve Deployment and Service")
    assert out.stdout == ""


def test_serve_needs_a_store():
    out = helm("template", "bots", str(CHART), "--set", "serve.enabled=true", check=False)
    assert out.returncode != 0 and "store is required when serve.enabled" in out.stderr


def test_settings_configmap_carries_the_serve_settings(tmp_path):
    settings = configmap_settings(SERVE_VALUES, tmp_path)
    for key, value in SERVE_VALUES.items():
        if key.startswith("serve") and key != "serve":
            assert settings[key] == value, key


def own_address() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet is sent for UDP connect
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_the_pod_command_serves_on_the_pod_network_with_its_token(tmp_path):
    """The Deployment's container, run as the kubelet would: its args and env (the token from
    the Secret, OMP_NUM_THREADS from the CPU request, /tmp and /cache as emptyDirs) start a real
    `htctl serve` that answers the probes on every address and guards the API."""
    store = tmp_path / "store"
    store.mkdir()
    s = load_settings(
        {"store": str(store), "serveCpu": "500m", "serveTokenSecret": "tok"}, environ={}
    )
    container = container_of(build_serve(s)[0])
    port = free_port()
    args = [str(port) if a == "8000" else a for a in container["args"]]
    token = "t0ken-from-the-secret"
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT)}
    for item in container["env"]:
        value = item.get("value")
        if value is None:
            source = item["valueFrom"]
            value = token if "secretKeyRef" in source else "1"  # 500m rounds up to 1
        elif item["name"] in CACHE_ENV:  # paths in the emptyDirs /tmp and /cache
            value = str(tmp_path / value.lstrip("/"))
        env[item["name"]] = value.replace("$$", "$")
    log = (tmp_path / "log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "job", *args], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        health = wait_for_health(f"http://127.0.0.1:{port}/healthz", proc)
        assert health.json()["status"] == "ok"
        address = own_address()
        if address:  # listening on 0.0.0.0: the pod's IP answers too
            assert httpx.get(f"http://{address}:{port}/healthz", timeout=5).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/api/bots", timeout=5).status_code == 401
        good = {"Authorization": f"Bearer {token}"}
        answer = httpx.get(f"http://127.0.0.1:{port}/api/bots", headers=good, timeout=5)
        assert answer.status_code == 200 and answer.json()["bots"] == []
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
    output = (tmp_path / "log").read_text()
    assert f"on http://0.0.0.0:{port}" in output
    assert "serve: 1 torch thread(s) for generation" in output  # OMP_NUM_THREADS from 500m
    assert token not in output


def wait_for_health(url: str, proc: subprocess.Popen) -> httpx.Response:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"htctl serve exited {proc.returncode}")
        try:
            answer = httpx.get(url, timeout=2)
            if answer.status_code == 200:
                return answer
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("htctl serve did not answer /healthz")
