"""Cluster settings: one name everywhere (docs/kubernetes.md "Settings").

Every setting is a field of :class:`Settings` and has three spellings derived from one name:
the chart value ``gpusPerJob`` (camelCase, also the key in a ``--config`` YAML file, so a Helm
values.yaml works as a config file), the flag ``--gpus-per-job`` and the environment variable
``HT_GPUS_PER_JOB``. Precedence: flag > environment > config file > default.

Values given as text (flags, environment) are parsed by the field's type: integers, numbers,
booleans (true/false/1/0/yes/no) and, for maps and lists, YAML or JSON
(``--node-selector '{gpu: a100}'``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from job import config
from job.errors import BadInput
from job.k8s_grammar import (
    DNS_LABEL,
    DNS_SUBDOMAIN,
    ENV_NAME,
    MAX_UID,
    RESERVED_ENV,
    RESERVED_LABEL_PREFIXES,
    RESERVED_LABELS,
    SECRET_KEY,
    SECRET_NAME,
    is_extended_resource,
    is_label_value,
    is_qualified_name,
    is_quantity,
    quantity_text,
)

DEFAULT_IMAGE = "ghcr.io/htctl/htctl:0.1.0"
PROJECT_URL = "https://github.com/htctl/htctl"
DEFAULT_GPU_RESOURCE = "nvidia.com/gpu"
DEFAULT_RUN_AS = 10001  # the image's user (Dockerfile: USER 10001:10001)


def _doc(help_text: str, **kw: Any) -> dict[str, Any]:
    return {"help": help_text, **kw}


@dataclass(frozen=True)
class Settings:
    """What a Job needs to run one bot, and how htctl talks to the cluster."""

    store: str = field(
        default="", metadata=_doc("Required: the store every Job writes to, s3://bucket/prefix.")
    )
    image: str = field(default=DEFAULT_IMAGE, metadata=_doc("Job image (ENTRYPOINT htctl)."))
    imagePullPolicy: str = field(default="IfNotPresent", metadata=_doc("Image pull policy."))
    imagePullSecrets: list = field(
        default_factory=list,
        metadata=_doc("Secrets for a private registry, as in a pod: [{name: regcred}]."),
    )
    namespace: str = field(default="default", metadata=_doc("Namespace of the Jobs."))
    instance: str = field(
        default="htctl",
        metadata=_doc(
            "Label app.kubernetes.io/instance of the Jobs and Workflows: status, wait, cancel "
            "and launch only see their own instance's (the chart uses its release name)."
        ),
    )
    gpusPerJob: int = field(
        default=1, metadata=_doc("GPUs per Job; N > 1 trains under torchrun with N processes.")
    )
    gpuResource: str = field(
        default=DEFAULT_GPU_RESOURCE,
        metadata=_doc(
            "Resource name of a GPU: nvidia.com/gpu, a MIG or time-sliced share such as "
            "nvidia.com/mig-1g.10gb, amd.com/gpu."
        ),
    )
    baseModel: str = field(default="gpt2", metadata=_doc("Base model: hub id, store path or tiny."))
    s3Secret: str = field(
        default="",
        metadata=_doc("Secret loaded with envFrom: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ..."),
    )
    xSecret: str = field(
        default="", metadata=_doc("Secret holding the X bearer token (HT_X_BEARER_TOKEN).")
    )
    xSecretKey: str = field(
        default="HT_X_BEARER_TOKEN", metadata=_doc("Key of the token in xSecret.")
    )
    envSecrets: list = field(
        default_factory=list,
        metadata=_doc(
            "Secrets loaded whole with envFrom after s3Secret, for the optional destinations: "
            "HF_TOKEN, WANDB_API_KEY."
        ),
    )
    env: dict = field(
        default_factory=dict,
        metadata=_doc("Extra plain env for the Job (no secrets), e.g. {AWS_ENDPOINT_URL: ...}."),
    )
    cpu: str = field(default="4", metadata=_doc("CPU request per Job."))
    memory: str = field(default="32Gi", metadata=_doc("Memory request and limit per Job."))
    shmSize: str = field(default="8Gi", metadata=_doc("Size of /dev/shm (memory-backed)."))
    tmpSize: str = field(default="10Gi", metadata=_doc("Size limit of the /tmp emptyDir."))
    cacheSize: str = field(
        default="20Gi",
        metadata=_doc("Size limit of the /cache emptyDir (models: GPT-2 is about 1.5 GB)."),
    )
    ephemeralStorage: str = field(
        default="30Gi",
        metadata=_doc("Local disk requested per Job (ephemeral-storage): tmpSize + cacheSize."),
    )
    resources: dict = field(
        default_factory=dict,
        metadata=_doc(
            "A container resources block {requests: {...}, limits: {...}}: its entries win over "
            "cpu, memory and ephemeralStorage; GPUs come from gpusPerJob and gpuResource."
        ),
    )
    nodeSelector: dict = field(default_factory=dict, metadata=_doc("Pod nodeSelector (YAML)."))
    tolerations: list = field(default_factory=list, metadata=_doc("Pod tolerations (YAML)."))
    affinity: dict = field(default_factory=dict, metadata=_doc("Pod affinity (YAML)."))
    podLabels: dict = field(
        default_factory=dict, metadata=_doc("Extra labels of the pods (not htctl's own).")
    )
    podAnnotations: dict = field(default_factory=dict, metadata=_doc("Annotations of the pods."))
    runAsUser: int | None = field(
        default=DEFAULT_RUN_AS,
        metadata=_doc(
            "UID, GID and fsGroup of the pods; null: the platform picks (OpenShift).",
            nullable=True,
        ),
    )
    priorityClassName: str = field(default="", metadata=_doc("Pod priority class."))
    queueName: str = field(
        default="", metadata=_doc("Kueue LocalQueue (label kueue.x-k8s.io/queue-name).")
    )
    serviceAccountName: str = field(
        default="", metadata=_doc("Service account of the Job's pod (e.g. for IRSA S3 access).")
    )
    activeDeadlineSeconds: int = field(
        default=86400, metadata=_doc("Job deadline in seconds (0: none).")
    )
    terminationGracePeriodSeconds: int = field(
        default=600,
        metadata=_doc("Seconds a pod gets after SIGTERM to save and upload a checkpoint."),
    )
    backoffLimit: int = field(default=3, metadata=_doc("Retries of exit 4 and crashes."))
    ttlSecondsAfterFinished: int = field(
        default=604800, metadata=_doc("Seconds a finished Job is kept (-1: forever).")
    )
    refresh: bool = field(
        default=False, metadata=_doc("Jobs run `htctl refresh BOT` instead of `htctl run`.")
    )
    argoTemplate: str = field(
        default="huggingtweets", metadata=_doc("WorkflowTemplate that --via argo submits from.")
    )
    argoWorkflowDeadlineSeconds: int = field(
        default=604800, metadata=_doc("Deadline of a whole Argo Workflow in seconds (0: none).")
    )
    argoPrepareDeadlineSeconds: int = field(
        default=14400,
        metadata=_doc(
            "Chart only (its WorkflowTemplate): deadline of a bot's Argo CPU step (scrape, "
            "prepare) in seconds (0: none)."
        ),
    )
    qps: float = field(default=20.0, metadata=_doc("htctl only: API requests per second."))
    burst: int = field(default=40, metadata=_doc("htctl only: API request burst."))
    concurrency: int = field(default=8, metadata=_doc("htctl only: parallel API requests."))
    kubeContext: str = field(default="", metadata=_doc("htctl only: kubeconfig context."))
    # -- htctl serve in the cluster: a Deployment and a Service (`htctl render --serve`, the
    # chart's serve.enabled); store, env, s3Secret, envSecrets, image, pod labels and disks are
    # the Jobs' settings.
    serveReplicas: int = field(default=1, metadata=_doc("Pods of the serve Deployment."))
    serveCpu: str = field(
        default="2",
        metadata=_doc("CPU request of a serve pod; its torch threads (OMP_NUM_THREADS) follow."),
    )
    serveMemory: str = field(
        default="8Gi",
        metadata=_doc("Memory request and limit of a serve pod: serveMaxModelMb and headroom."),
    )
    serveResources: dict = field(
        default_factory=dict,
        metadata=_doc(
            "A resources block for the serve pods whose entries win over serveCpu and "
            "serveMemory; GPUs come from serveGpus and gpuResource."
        ),
    )
    serveGpus: int = field(
        default=0,
        metadata=_doc("GPUs (gpuResource) per serve pod; serve samples on the CPU today."),
    )
    serveTokenSecret: str = field(
        default="",
        metadata=_doc("Secret holding serve's bearer token (HT_SERVE_TOKEN); set it when exposed."),
    )
    serveTokenSecretKey: str = field(
        default="HT_SERVE_TOKEN", metadata=_doc("Key of the token in serveTokenSecret.")
    )
    serveMaxModels: int = field(default=8, metadata=_doc("serve --max-models: models kept warm."))
    serveMaxModelMb: int = field(
        default=2048, metadata=_doc("serve --max-model-mb: MiB of weights kept warm.")
    )
    serveQueue: int = field(
        default=16, metadata=_doc("serve --queue: generations that may wait (more get 429).")
    )
    serveServiceType: str = field(
        default="ClusterIP",
        metadata=_doc("Type of the serve Service: ClusterIP, NodePort or LoadBalancer."),
    )
    serveNodeSelector: dict = field(
        default_factory=dict, metadata=_doc("nodeSelector of the serve pods (YAML).")
    )
    serveTolerations: list = field(
        default_factory=list, metadata=_doc("Tolerations of the serve pods (YAML).")
    )


FIELDS = {f.name: f for f in fields(Settings)}


def flag_name(name: str) -> str:
    """``gpusPerJob`` -> ``--gpus-per-job``."""
    return "--" + re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def env_name(name: str) -> str:
    """``gpusPerJob`` -> ``HT_GPUS_PER_JOB``."""
    return "HT_" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def field_type(name: str) -> type:
    default = Settings()
    return type(getattr(default, name))


def parse_value(name: str, value: Any, origin: str) -> Any:
    """Coerce ``value`` (text from a flag or env, or YAML from a file) to the field's type."""
    kind = field_type(name)
    if FIELDS[name].metadata.get("nullable") and (
        value is None or str(value).strip().lower() in ("", "null", "none", "~")
    ):
        return None
    try:
        if kind is bool:
            return _parse_bool(value)
        if kind in (int, float):
            if isinstance(value, bool) or not re.fullmatch(r"-?\d+(\.\d+)?", str(value).strip()):
                raise ValueError("a whole number" if kind is int else "a number")
            return kind(float(value)) if kind is float else int(str(value).strip())
        if kind in (dict, list):
            parsed = yaml.safe_load(value) if isinstance(value, str) else value
            if parsed is None:
                parsed = kind()
            if not isinstance(parsed, kind):
                raise ValueError(f"a {'map' if kind is dict else 'list'} (YAML or JSON)")
            return parsed
        if isinstance(value, dict | list):
            raise ValueError("text")
        return "" if value is None else str(value)
    except (ValueError, TypeError, yaml.YAMLError) as err:
        raise BadInput(f"invalid {origin} value {value!r}: expected {err}") from None


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("true or false")


def read_config_file(path: str | Path) -> dict[str, Any]:
    """A YAML file with the chart's camelCase keys; keys that are not settings are ignored, so
    a Helm values.yaml (with bots:, argo: ...) is a valid config file."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"config file not found: {p}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise BadInput(f"cannot read config file {p}: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadInput(f"config file {p} must be a YAML map of settings")
    return {k: parse_value(k, v, f"{p}: {k}") for k, v in data.items() if k in FIELDS}


def load_settings(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: str | Path | None = None,
) -> Settings:
    """Merge defaults < config file < environment (``HT_*``) < flags (None means not given)."""
    environ = config.environ() if environ is None else environ
    values: dict[str, Any] = {}
    config_file = config_file or environ.get("HT_CONFIG") or None
    if config_file:
        values.update(read_config_file(config_file))
    for name in FIELDS:
        key = env_name(name)
        if key in environ:
            values[name] = parse_value(name, environ[key], key)
    for name, value in (flags or {}).items():
        if value is not None:
            values[name] = parse_value(name, value, flag_name(name))
    settings = replace(Settings(), **values)
    validate(settings)
    return settings


# A Workflow is named "<argoTemplate>-" + 5 characters, and Argo puts that name in a label.
ARGO_TEMPLATE_MAX = 57
QUANTITIES = ("cpu", "memory", "shmSize", "tmpSize", "cacheSize", "ephemeralStorage")


def _check_secret_names(setting: str, names: list) -> None:
    """Each item must name a Secret; the message shows the first that does not."""
    for name in names:
        if not (isinstance(name, str) and len(name) <= 253 and SECRET_NAME.fullmatch(name)):
            raise BadInput(
                f"invalid settings: {setting} item {name!r} is not a Secret name "
                "(lower-case letters, digits, '-' and '.', at most 253 characters)"
            )


def _names_problem(s: Settings) -> str | None:
    """What is wrong with the settings that become object names, or None."""
    dns = "lower-case letters, digits, '-' and '.'"
    optional_names = {
        "s3Secret": (s.s3Secret, "a Secret name", 253),
        "xSecret": (s.xSecret, "a Secret name", 253),
        "serviceAccountName": (s.serviceAccountName, "a ServiceAccount name", 253),
        "priorityClassName": (s.priorityClassName, "a PriorityClass name", 253),
        "queueName": (s.queueName, "a LocalQueue name", 63),
    }
    for setting, (value, what, most) in optional_names.items():
        if value and not (len(value) <= most and DNS_SUBDOMAIN.fullmatch(value)):
            return f"{setting} {value!r} is not {what} ({dns}, at most {most} characters)"
    if not (len(s.xSecretKey) <= 253 and SECRET_KEY.fullmatch(s.xSecretKey)):
        return (
            f"xSecretKey {s.xSecretKey!r} is not a Secret key "
            "(letters, digits, '-', '_' and '.', at most 253 characters)"
        )
    if not (len(s.argoTemplate) <= ARGO_TEMPLATE_MAX and DNS_LABEL.fullmatch(s.argoTemplate)):
        return (
            f"argoTemplate {s.argoTemplate!r} is not a WorkflowTemplate name (lower-case "
            f"letters, digits and '-', at most {ARGO_TEMPLATE_MAX} characters)"
        )
    return None


def _pod_metadata_problem(s: Settings) -> str | None:
    for key, value in s.podLabels.items():
        if not is_qualified_name(key) or not is_label_value(value):
            return (
                f"podLabels {key!r}: {value!r} is not a label (key [prefix/]name, value at most "
                "63 letters, digits, '-', '_' and '.'; quote numbers)"
            )
        if key in RESERVED_LABELS or key.startswith(RESERVED_LABEL_PREFIXES):
            return f"podLabels cannot set {key}: htctl and Kubernetes set and select by it"
    for key, value in s.podAnnotations.items():
        if not is_qualified_name(key) or not isinstance(value, str):
            return f"podAnnotations {key!r} is not an annotation (key [prefix/]name, text value)"
    for item in s.imagePullSecrets:
        name = item.get("name") if isinstance(item, dict) else None
        if not (
            isinstance(item, dict)
            and set(item) == {"name"}
            and isinstance(name, str)
            and len(name) <= 253
            and SECRET_NAME.fullmatch(name)
        ):
            return f"imagePullSecrets item {item!r} is not {{name: SECRET}} with a Secret name"
    if not is_label_value(s.instance) or not s.instance:
        return f"instance {s.instance!r} is not a label value (letters, digits, '-', '_', '.')"
    if s.runAsUser is not None and not 1 <= s.runAsUser <= MAX_UID:
        return f"runAsUser {s.runAsUser} must be a non-root UID (1 or more) or null"
    return None


def _resources_problem(s: Settings) -> str | None:
    if not is_extended_resource(s.gpuResource):
        return f"gpuResource {s.gpuResource!r} is not a device resource name (vendor.com/name)"
    if set(s.resources) - {"requests", "limits"}:
        return "resources may only hold requests and limits"
    for part, entries in s.resources.items():
        if not isinstance(entries, dict):
            return f"resources.{part} must be a map of resource name to quantity"
        for name, value in entries.items():
            if not is_qualified_name(name):
                return f"resources.{part} {name!r} is not a resource name"
            if name == s.gpuResource:
                return f"resources.{part} cannot set {name}: use gpusPerJob (and gpuResource)"
            if quantity_text(value) is None:
                return f"resources.{part}.{name} {value!r} is not a positive Kubernetes quantity"
    if not all(isinstance(k, str) for k in s.affinity) or set(s.affinity) - {
        "nodeAffinity",
        "podAffinity",
        "podAntiAffinity",
    }:
        return "affinity may only hold nodeAffinity, podAffinity and podAntiAffinity"
    return None


def _env_problem(s: Settings) -> str | None:
    for name, value in s.env.items():
        if not (isinstance(name, str) and ENV_NAME.fullmatch(name)):
            return f"env name {name!r} is not a variable name (letters, digits and '_')"
        if name in RESERVED_ENV:
            return f"env cannot set {name}: {RESERVED_ENV[name]}"
        if not isinstance(value, str):
            return f"env value of {name} must be text (quote it)"
    return None


def _scheduling_problem(s: Settings) -> str | None:
    for name in QUANTITIES:
        value = getattr(s, name)
        if not is_quantity(value):
            return (
                f"{name} {value!r} is not a positive Kubernetes quantity "
                "(e.g. 4, 500m, 512Mi, 32Gi)"
            )
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in s.nodeSelector.items()):
        return "nodeSelector keys and values must be text (quote numbers and booleans)"
    if not all(isinstance(t, dict) for t in s.tolerations):
        return "tolerations must be maps"
    return None


SERVE_SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer")


def _serve_problem(s: Settings) -> str | None:
    """The serve Deployment's settings, by the rules the Jobs' equivalents follow."""
    counts = ("serveReplicas", "serveGpus", "serveMaxModels", "serveMaxModelMb", "serveQueue")
    for name in counts:
        least = 1 if name in ("serveMaxModels", "serveMaxModelMb") else 0
        if getattr(s, name) < least:
            return f"{name} must be {least} or more"
    for name in ("serveCpu", "serveMemory"):
        value = getattr(s, name)
        if not is_quantity(value):
            return f"{name} {value!r} is not a positive Kubernetes quantity (e.g. 2, 8Gi)"
    if s.serveTokenSecret and not (
        len(s.serveTokenSecret) <= 253 and SECRET_NAME.fullmatch(s.serveTokenSecret)
    ):
        return (
            f"serveTokenSecret {s.serveTokenSecret!r} is not a Secret name (lower-case letters, "
            "digits, '-' and '.', at most 253 characters)"
        )
    if not (len(s.serveTokenSecretKey) <= 253 and SECRET_KEY.fullmatch(s.serveTokenSecretKey)):
        return f"serveTokenSecretKey {s.serveTokenSecretKey!r} is not a Secret key"
    if s.serveServiceType not in SERVE_SERVICE_TYPES:
        kinds = ", ".join(SERVE_SERVICE_TYPES)
        return f"serveServiceType {s.serveServiceType!r} is not one of {kinds}"
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in s.serveNodeSelector.items()):
        return "serveNodeSelector keys and values must be text (quote numbers and booleans)"
    if not all(isinstance(t, dict) for t in s.serveTolerations):
        return "serveTolerations must be maps"
    return _serve_resources_problem(s)


def _serve_resources_problem(s: Settings) -> str | None:
    if set(s.serveResources) - {"requests", "limits"}:
        return "serveResources may only hold requests and limits"
    for part, entries in s.serveResources.items():
        if not isinstance(entries, dict):
            return f"serveResources.{part} must be a map of resource name to quantity"
        for name, value in entries.items():
            if not is_qualified_name(name):
                return f"serveResources.{part} {name!r} is not a resource name"
            if name == s.gpuResource:
                return f"serveResources.{part} cannot set {name}: use serveGpus (and gpuResource)"
            if quantity_text(value) is None:
                return (
                    f"serveResources.{part}.{name} {value!r} is not a positive Kubernetes quantity"
                )
    return None


def validate(s: Settings) -> None:
    checks = [
        (s.gpusPerJob >= 0, "gpusPerJob must be 0 or more"),
        (s.backoffLimit >= 0, "backoffLimit must be 0 or more"),
        (s.activeDeadlineSeconds >= 0, "activeDeadlineSeconds must be 0 (none) or more"),
        (s.argoWorkflowDeadlineSeconds >= 0, "argoWorkflowDeadlineSeconds must be 0 or more"),
        (s.argoPrepareDeadlineSeconds >= 0, "argoPrepareDeadlineSeconds must be 0 or more"),
        (s.terminationGracePeriodSeconds >= 0, "terminationGracePeriodSeconds must be 0 or more"),
        (s.ttlSecondsAfterFinished >= -1, "ttlSecondsAfterFinished must be -1 (keep) or more"),
        (s.qps > 0 and s.burst >= 1, "qps must be positive and burst at least 1"),
        (s.concurrency >= 1, "concurrency must be at least 1"),
        (bool(s.image) and not re.search(r"\s", s.image), "image must be set, without spaces"),
        (bool(DNS_LABEL.fullmatch(s.namespace)), "invalid namespace"),
        (s.imagePullPolicy in ("Always", "IfNotPresent", "Never"), "invalid imagePullPolicy"),
    ]
    for ok, message in checks:
        if not ok:
            raise BadInput(f"invalid settings: {message}")
    _check_secret_names("envSecrets", s.envSecrets)
    problems = (
        _names_problem(s),
        _env_problem(s),
        _scheduling_problem(s),
        _pod_metadata_problem(s),
        _resources_problem(s),
        _serve_problem(s),
    )
    for problem in problems:
        if problem:
            raise BadInput(f"invalid settings: {problem}")


def require_store(s: Settings) -> str:
    """Jobs run in pods with a read-only root: they need a shared store such as S3."""
    if not s.store:
        raise BadInput("no store set: give --store s3://bucket/prefix (or HT_STORE, or store:)")
    return s.store


def settings_table() -> list[tuple[str, str, str, str, str]]:
    """(chart value, flag, env, default, help) for every setting: the README table."""
    default = Settings()
    rows = []
    for name, f in FIELDS.items():
        value = getattr(default, name)
        shown = repr(value) if not isinstance(value, str) else (value or '""')
        rows.append((name, flag_name(name), env_name(name), shown, f.metadata["help"]))
    return rows
