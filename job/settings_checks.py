"""The checks on cluster settings (job.settings): every value that becomes part of a Kubernetes
object is checked here, before any object is built, so a bad one is exit 2 with one line naming
the setting (docs/kubernetes.md "Settings")."""

from __future__ import annotations

import re

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
from job.options import ADAPTERS  # the train stage's choices (HT_TRAIN_ADAPTER): one list
from job.settings_model import Settings

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


def _adapter_problem(s: Settings) -> str | None:
    """The Job passes the choice on as HT_TRAIN_ADAPTER and HT_TRAIN_MERGE: a value htctl run
    would refuse fails here, before a Job per bot is made only to exit 2."""
    if s.adapter not in ADAPTERS:
        return f"adapter {s.adapter!r} is not one of {', '.join(ADAPTERS)}"
    if s.mergeAdapter and s.adapter == "none":
        return "mergeAdapter needs adapter lora (adapter none publishes full weights already)"
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
        _adapter_problem(s),
        _scheduling_problem(s),
        _pod_metadata_problem(s),
        _resources_problem(s),
        _serve_problem(s),
    )
    for problem in problems:
        if problem:
            raise BadInput(f"invalid settings: {problem}")
