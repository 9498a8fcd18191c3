"""The Job for one bot, as a plain dict (docs/kubernetes.md "The Job").

The chart (charts/huggingtweets/templates/jobs.yaml) renders the same spec from the same
settings; tests/test_chart.py holds the two together, so a change here needs one there.
"""

from __future__ import annotations

from typing import Any

from job.bots import Bot
from job.cluster.names import bot_label, job_name
from job.errors import BadInput
from job.hub import resolve_repo_id
from job.k8s_grammar import ADAPTER_ENV, CACHE_ENV, MERGE_ADAPTER_ENV, quantity_text
from job.settings import Settings, require_store

APP = "huggingtweets"
PART_OF = "htctl"
COMPONENT = "bot"  # a bot's Job; the Argo steps' pods are "prepare" and "train"
CONTAINER = "htctl"
MANAGED_BY = "htctl"
INSTANCE_LABEL = "app.kubernetes.io/instance"
BOT_LABEL = "huggingtweets/bot"
BOT_ANNOTATION = "huggingtweets/bot"
SPEC_ANNOTATION = "huggingtweets/spec"
QUEUE_LABEL = "kueue.x-k8s.io/queue-name"


def app_labels(s: Settings, component: str = COMPONENT) -> dict[str, str]:
    """The Kubernetes recommended labels: the instance keeps two releases (or two htctl
    setups) in one namespace apart, and htctl selects by name and instance."""
    return {
        "app.kubernetes.io/name": APP,
        INSTANCE_LABEL: s.instance,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": PART_OF,
    }


def pod_labels(bot_name: str, s: Settings) -> dict[str, str]:
    """The pod template's labels: the user's podLabels (never one of htctl's), then ours."""
    return {**s.podLabels, **app_labels(s), BOT_LABEL: bot_label(bot_name)}


def job_labels(bot_name: str, s: Settings) -> dict[str, str]:
    labels = {
        **app_labels(s),
        BOT_LABEL: bot_label(bot_name),
        "app.kubernetes.io/managed-by": MANAGED_BY,
    }
    if s.queueName:
        labels[QUEUE_LABEL] = s.queueName
    return labels


def literal(text: str) -> str:
    """``text`` as Kubernetes passes it on: it expands ``$(VAR)`` in ``args`` and env values
    from the pod's environment (Secrets included) and turns ``$$`` into ``$``."""
    return text.replace("$", "$$")


def check_hub_repo(bots: list[Bot], s: Settings) -> None:
    """An ``HT_HUB_REPO`` in ``env`` that the Hub would refuse for one of the bots fails here,
    not in each bot's Job after scraping and training."""
    repo = s.env.get("HT_HUB_REPO")
    if not repo:
        return
    for bot in bots:
        try:
            resolve_repo_id(repo, bot.name)
        except BadInput as err:
            raise BadInput(f"invalid settings: env HT_HUB_REPO: {err} (bot {bot.name})") from None


def container_command(bot: Bot, s: Settings) -> dict[str, list[str]]:
    """``args`` for the image's ENTRYPOINT ["htctl"].

    With N > 1 GPUs htctl runs the CPU-only stages once, then training under torchrun with N
    processes (all ranks train, rank 0 writes), and exits with the failed rank's own code
    (job.launcher), so the podFailurePolicy still sees 2 and 3.
    """
    verb = "refresh" if s.refresh else "run"
    if s.gpusPerJob <= 1:
        return {"args": [verb, literal(bot.spec)]}
    return {"args": [verb, literal(bot.spec), "--nproc-per-node", str(s.gpusPerJob)]}


def adapter_env(s: Settings) -> list[dict[str, str]]:
    """How htctl run trains, only where it differs from its default (a full fine-tune), so a
    default Job is the same as before adapters existed."""
    env = []
    if s.adapter != "none":
        env.append({"name": ADAPTER_ENV, "value": s.adapter})
    if s.mergeAdapter:
        env.append({"name": MERGE_ADAPTER_ENV, "value": "true"})
    return env


def container_env(s: Settings) -> list[dict[str, Any]]:
    env = [
        {"name": "HT_STORE", "value": literal(require_store(s))},
        {"name": "HT_BASE_MODEL", "value": literal(s.baseModel)},
        *adapter_env(s),
    ]
    env += [{"name": k, "value": v} for k, v in sorted(CACHE_ENV.items())]
    env += [{"name": k, "value": literal(str(v))} for k, v in sorted(s.env.items())]
    if s.xSecret:
        ref = {"name": s.xSecret, "key": s.xSecretKey}
        env.append({"name": "HT_X_BEARER_TOKEN", "valueFrom": {"secretKeyRef": ref}})
    return env


def container_env_from(s: Settings) -> list[dict[str, Any]]:
    """Secrets loaded whole: the S3 one, then ``envSecrets`` (tokens of the optional
    destinations: HF_TOKEN, WANDB_API_KEY). A later Secret wins a key both hold; ``env``
    entries win over all of them."""
    names = ([s.s3Secret] if s.s3Secret else []) + list(s.envSecrets)
    return [{"secretRef": {"name": name}} for name in names]


def resources(s: Settings) -> dict[str, dict[str, Any]]:
    """The local disk request covers /tmp and /cache (emptyDirs with a sizeLimit each), so
    the scheduler only places a pod where a GPT-2 checkpoint and its caches fit. Entries of
    the ``resources`` setting win over the cpu/memory/ephemeralStorage shortcuts; the GPU limit
    always comes from gpusPerJob, which also sets torchrun's process count."""
    return resource_spec(s, cpu=s.cpu, memory=s.memory, overrides=s.resources, gpus=s.gpusPerJob)


def resource_spec(
    s: Settings, *, cpu: str, memory: str, overrides: dict[str, Any], gpus: int
) -> dict[str, dict[str, Any]]:
    """Requests and limits from the cpu/memory shortcuts, the local disk request and a GPU
    count; ``overrides`` (a ``resources``-style setting) win over the shortcuts."""
    requests = {"cpu": cpu, "memory": memory, "ephemeral-storage": s.ephemeralStorage}
    limits: dict[str, Any] = {"memory": memory}
    for part, target in (("requests", requests), ("limits", limits)):
        for name, value in (overrides.get(part) or {}).items():
            target[name] = quantity_text(value)  # validated: text, as the API client wants
    if gpus > 0:
        limits[s.gpuResource] = str(gpus)
    return {"requests": requests, "limits": limits}


def container_security_context() -> dict[str, Any]:
    """The hardening every container gets, the Jobs' and the serve Deployment's alike."""
    return {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "capabilities": {"drop": ["ALL"]},
    }


def scratch_volume_mounts() -> list[dict[str, Any]]:
    """The writable places of a read-only root: /tmp and /cache (see ``scratch_volumes``)."""
    return [
        {"name": "tmp", "mountPath": "/tmp"},
        {"name": "cache", "mountPath": "/cache"},
    ]


def scratch_volumes(s: Settings) -> list[dict[str, Any]]:
    """The emptyDirs behind ``scratch_volume_mounts``, each bounded by its sizeLimit."""
    return [
        {"name": "tmp", "emptyDir": {"sizeLimit": s.tmpSize}},
        {"name": "cache", "emptyDir": {"sizeLimit": s.cacheSize}},
    ]


def container(bot: Bot, s: Settings) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": CONTAINER,
        "image": s.image,
        "imagePullPolicy": s.imagePullPolicy,
        **container_command(bot, s),
        "env": container_env(s),
    }
    if env_from := container_env_from(s):
        spec["envFrom"] = env_from
    spec["resources"] = resources(s)
    spec["securityContext"] = container_security_context()
    spec["volumeMounts"] = [*scratch_volume_mounts(), {"name": "dshm", "mountPath": "/dev/shm"}]
    return spec


def pod_security_context(s: Settings) -> dict[str, Any]:
    """Non-root as the image's user; with ``runAsUser: null`` the platform picks the IDs
    (OpenShift's restricted SCC assigns them from the namespace's range)."""
    context: dict[str, Any] = {"runAsNonRoot": True}
    if s.runAsUser is not None:
        context |= {"runAsUser": s.runAsUser, "runAsGroup": s.runAsUser, "fsGroup": s.runAsUser}
    context["seccompProfile"] = {"type": "RuntimeDefault"}
    return context


def pod_spec(bot: Bot, s: Settings) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "restartPolicy": "Never",
        "automountServiceAccountToken": False,
        # On SIGTERM (preemption, deletion) training saves a checkpoint and uploads it to the
        # store before exiting 143; the 30 s default is too short for GPT-2's ~1.5 GB.
        "terminationGracePeriodSeconds": s.terminationGracePeriodSeconds,
    }
    if s.serviceAccountName:
        spec["serviceAccountName"] = s.serviceAccountName
    if s.priorityClassName:
        spec["priorityClassName"] = s.priorityClassName
    if s.imagePullSecrets:
        spec["imagePullSecrets"] = [dict(item) for item in s.imagePullSecrets]
    if s.nodeSelector:
        spec["nodeSelector"] = dict(s.nodeSelector)
    if s.tolerations:
        spec["tolerations"] = list(s.tolerations)
    if s.affinity:
        spec["affinity"] = dict(s.affinity)
    spec["securityContext"] = pod_security_context(s)
    spec["containers"] = [container(bot, s)]
    spec["volumes"] = [
        *scratch_volumes(s),
        {"name": "dshm", "emptyDir": {"medium": "Memory", "sizeLimit": s.shmSize}},
    ]
    return spec


def pod_failure_policy() -> dict[str, Any]:
    """Exit 2 and 3 cannot be cured by a retry; a disruption (preemption, eviction) is not the
    bot's fault. Everything else (exit 4, 143 after SIGTERM, crashes) uses backoffLimit."""
    return {
        "rules": [
            {
                "action": "FailJob",
                "onExitCodes": {"containerName": CONTAINER, "operator": "In", "values": [2, 3]},
            },
            # status is required by the API of Kubernetes 1.29 to 1.34
            {
                "action": "Ignore",
                "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}],
            },
        ]
    }


def pod_metadata(bot_name: str, s: Settings) -> dict[str, Any]:
    meta: dict[str, Any] = {"labels": pod_labels(bot_name, s)}
    if s.podAnnotations:
        meta["annotations"] = dict(s.podAnnotations)
    return meta


def job_spec(bot: Bot, s: Settings, bot_name: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"backoffLimit": s.backoffLimit}
    if s.activeDeadlineSeconds > 0:
        spec["activeDeadlineSeconds"] = s.activeDeadlineSeconds
    if s.ttlSecondsAfterFinished >= 0:
        spec["ttlSecondsAfterFinished"] = s.ttlSecondsAfterFinished
    if s.queueName:
        spec["suspend"] = True  # Kueue admits (unsuspends) the Job when its quota allows
    spec["podFailurePolicy"] = pod_failure_policy()
    spec["template"] = {"metadata": pod_metadata(bot_name, s), "spec": pod_spec(bot, s)}
    return spec


def build_job(bot: Bot, s: Settings) -> dict[str, Any]:
    """The batch/v1 Job that runs one bot."""
    name = bot.name  # computed on each access: once here (10,000 bots render in seconds)
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "name": job_name(name),
            "namespace": s.namespace,
            "labels": job_labels(name, s),
            "annotations": {BOT_ANNOTATION: name, SPEC_ANNOTATION: bot.spec},
        },
        "spec": job_spec(bot, s, name),
    }
