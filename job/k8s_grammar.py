"""Kubernetes' own grammars (k8s.io/apimachinery validation and resource.Quantity), and the
names and variables htctl's pods reserve for themselves.

``job.settings`` checks every cluster setting against these before a manifest is printed or
anything is sent to the cluster; ``job.cluster.manifests`` writes quantities and the pod's
cache environment from them.
"""

from __future__ import annotations

import re
from decimal import Decimal

DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
SECRET_NAME = DNS_SUBDOMAIN
SECRET_KEY = re.compile(r"[-._a-zA-Z0-9]+")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # C_IDENTIFIER: what every shell can read
QUANTITY = re.compile(
    r"\+?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))"
    r"(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?"
)

# Writable places under a read-only root filesystem; caches point at /cache. The Job's
# container sets these itself, with HT_STORE and HT_BASE_MODEL (and HT_X_BEARER_TOKEN from
# xSecret, the adapter variables below): ``env`` cannot override any of them.
CACHE_ENV = {
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "XDG_CACHE_HOME": "/cache",
    "HF_HOME": "/cache/huggingface",
    "TORCH_HOME": "/cache/torch",
    "TORCH_EXTENSIONS_DIR": "/cache/torch_extensions",
    "TRITON_CACHE_DIR": "/cache/triton",
    "MPLCONFIGDIR": "/tmp/matplotlib",
}
# How htctl run trains (its --adapter and --merge-adapter), set from the adapter and
# mergeAdapter settings; the LoRA knobs (HT_TRAIN_LORA_RANK, ...) stay plain env.
ADAPTER_ENV = "HT_TRAIN_ADAPTER"
MERGE_ADAPTER_ENV = "HT_TRAIN_MERGE"
RESERVED_ENV = {
    "HT_STORE": "htctl sets it from the store setting",
    "HT_BASE_MODEL": "htctl sets it from the baseModel setting",
    ADAPTER_ENV: "htctl sets it from the adapter setting",
    MERGE_ADAPTER_ENV: "htctl sets it from the mergeAdapter setting",
    "HT_X_BEARER_TOKEN": "htctl sets it from the Secret named by the xSecret setting",
    "HT_SERVE_TOKEN": "htctl sets it from the Secret named by the serveTokenSecret setting",
    **{name: "htctl points it at the pod's writable /tmp or /cache" for name in CACHE_ENV},
}
# A label or annotation key, or a resource name: [prefix/]name (k8s.io/apimachinery
# IsQualifiedName); a label value (IsValidLabelValue).
QUALIFIED_NAME = re.compile(
    r"(?:(?P<prefix>[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)/)?"
    r"(?P<name>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)"
)
LABEL_VALUE = re.compile(r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")
# Labels htctl sets and selects by (and the Job controller's): podLabels cannot change them.
RESERVED_LABEL_PREFIXES = (
    "app.kubernetes.io/",
    "huggingtweets/",
    "kueue.x-k8s.io/",
    "batch.kubernetes.io/",
    "workflows.argoproj.io/",
)
RESERVED_LABELS = ("job-name", "controller-uid")
MAX_UID = 2147483647


def is_qualified_name(key: object) -> bool:
    match = QUALIFIED_NAME.fullmatch(key) if isinstance(key, str) else None
    if not match:
        return False
    prefix = match.group("prefix") or ""
    return len(prefix) <= 253 and len(match.group("name")) <= 63


def is_label_value(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 63 and bool(LABEL_VALUE.fullmatch(value))


def is_extended_resource(name: str) -> bool:
    """A device resource: ``vendor.domain/name`` (nvidia.com/gpu, nvidia.com/mig-1g.10gb)."""
    return "/" in name and is_qualified_name(name)


def quantity_text(value: object) -> str | None:
    """A quantity from YAML as the text a manifest carries (``4`` -> ``"4"``), else None."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value)
    return text if is_quantity(text) else None


def is_quantity(value: str) -> bool:
    """A positive Kubernetes quantity: ``4``, ``500m``, ``32Gi``, ``1e3`` (not ``1 TB``)."""
    match = QUANTITY.fullmatch(value)
    return bool(match) and Decimal(match.group(1)) > 0  # a suffix only scales the number
