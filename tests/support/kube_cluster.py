"""A Kubernetes cluster played by the tests: kmock has no controller, so these helpers write the
Job status and pods that the Job controller and the kubelet would (htctl status, wait, logs,
cancel read them)."""

from __future__ import annotations

from job.bots import parse_users_text
from job.cluster.client import Api
from job.cluster.launch import launch
from job.cluster.names import job_name
from job.settings import load_settings
from job.store import open_store, write_json

STATES = [
    "succeeded",
    "failed",
    "running",
    "nogpu",
    "oomkilled",
    "imagepull",
    "crashloop",
    "queued",
    "created",
]


def settings(store: str, **flags):
    return load_settings({"store": store, "qps": "500", "burst": "100", **flags}, environ={})


def set_job_status(api: Api, bot: str, status: dict) -> None:
    api.batch.patch_namespaced_job_status(job_name(bot), "default", {"status": status})


def add_pod(api: Api, bot: str, status: dict, suffix: str = "abcde", created: str = "") -> str:
    name = f"{job_name(bot)}-{suffix}"
    labels = {
        "app.kubernetes.io/name": "huggingtweets",
        "app.kubernetes.io/instance": "htctl",
        "huggingtweets/bot": bot,
        "job-name": job_name(bot),
    }
    meta = {"name": name, "namespace": "default", "labels": labels}
    if created:
        meta["creationTimestamp"] = created
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [{"name": "htctl", "image": "htctl"}]},
        "status": status,
    }
    api.core.create_namespaced_pod("default", pod)
    return name


def container(state: dict, last: dict | None = None) -> dict:
    out = {"name": "htctl", "image": "htctl", "imageID": "", "ready": False, "restartCount": 0}
    out["state"] = state
    if last:
        out["lastState"] = last
    return out


START = "2026-11-25T10:00:00Z"


def play_cluster(api: Api) -> None:
    """Put each bot's Job and pod in the state its name says."""
    set_job_status(
        api,
        "succeeded",
        {
            "startTime": START,
            "completionTime": "2026-11-25T10:42:05Z",
            "succeeded": 1,
            "conditions": [{"type": "Complete", "status": "True"}],
        },
    )
    set_job_status(
        api,
        "failed",
        {
            "startTime": START,
            "failed": 1,
            "conditions": [
                {
                    "type": "Failed",
                    "status": "True",
                    "reason": "PodFailurePolicy",
                    "lastTransitionTime": "2026-11-25T10:05:00Z",
                }
            ],
        },
    )
    term = {"terminated": {"exitCode": 2, "reason": "Error"}}
    add_pod(api, "failed", {"phase": "Failed", "containerStatuses": [container(term)]})
    set_job_status(api, "running", {"startTime": START, "active": 1})
    add_pod(
        api,
        "running",
        {"phase": "Running", "containerStatuses": [container({"running": {"startedAt": START}})]},
    )
    set_job_status(api, "nogpu", {"startTime": START, "active": 1})
    unschedulable = {
        "type": "PodScheduled",
        "status": "False",
        "reason": "Unschedulable",
        "message": "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",
    }
    add_pod(api, "nogpu", {"phase": "Pending", "conditions": [unschedulable]})
    set_job_status(api, "oomkilled", {"startTime": START, "failed": 1})
    oom = {"terminated": {"exitCode": 137, "reason": "OOMKilled"}}
    add_pod(api, "oomkilled", {"phase": "Failed", "containerStatuses": [container(oom)]})
    set_job_status(api, "imagepull", {"startTime": START, "active": 1})
    pull = {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}}
    add_pod(api, "imagepull", {"phase": "Pending", "containerStatuses": [container(pull)]})
    set_job_status(api, "crashloop", {"startTime": START, "active": 1})
    # an older pod OOMKilled, the newer one is the one to report
    add_pod(api, "crashloop", {"phase": "Failed"}, "old01", created="2026-11-25T10:00:00Z")
    crash = {"waiting": {"reason": "CrashLoopBackOff"}}
    add_pod(
        api,
        "crashloop",
        {"phase": "Running", "containerStatuses": [container(crash)]},
        "new01",
        created="2026-11-25T10:10:00Z",
    )


def build_cluster(kube, tmp_path):
    """Bots in every state, and a local store where only 'succeeded' is complete; returns
    (settings, api, users.txt)."""
    store = str(tmp_path / "store")
    s = settings(store)
    api = Api(kube.api_client(), s)
    bots = parse_users_text("\n".join(STATES))
    launch([b for b in bots if b.name != "queued"], s, api)
    launch([b for b in bots if b.name == "queued"], settings(store, queueName="gpu"), api)
    play_cluster(api)
    write_json(open_store(store), "succeeded/manifest.json", {"files": []})
    users = tmp_path / "users.txt"
    users.write_text("\n".join(STATES) + "\nnotlaunched\n")
    return s, api, users
