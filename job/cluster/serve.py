"""``htctl serve`` in the cluster: a Deployment and its Service, as plain dicts.

The chart (charts/huggingtweets/templates/serve.yaml, ``serve.enabled``) renders the same objects
from the same settings; tests/test_serve_k8s.py holds the two together. The pods get the Jobs'
store settings and Secrets and the same hardening (non-root, read-only root with bounded
emptyDirs, no capabilities, seccomp, no API token).
"""

from __future__ import annotations

import re
from typing import Any

from job.cluster.manifests import (
    CONTAINER,
    INSTANCE_LABEL,
    MANAGED_BY,
    app_labels,
    container_env_from,
    container_security_context,
    literal,
    pod_security_context,
    resource_spec,
    scratch_volume_mounts,
    scratch_volumes,
)
from job.errors import BadInput
from job.k8s_grammar import CACHE_ENV
from job.settings import Settings, require_store

COMPONENT = "serve"
PORT = 8000  # the container's; the Service listens on 80
SERVICE_PORT = 80
HEALTH_PATH = "/healthz"
SUFFIX = "-serve"
# A Service name is a DNS-1035 label: it starts with a letter (it becomes a DNS name).
DNS_1035 = re.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?")


def serve_name(s: Settings) -> str:
    """``<instance>-serve``: the chart uses its release name as the instance, so both routes
    name the objects alike."""
    name = s.instance + SUFFIX
    if len(name) > 63 or not DNS_1035.fullmatch(name):
        raise BadInput(
            f"invalid settings: instance {s.instance!r} cannot name the serve Deployment and "
            f"Service {name!r} (lower-case letters, digits and '-', starting with a letter, "
            f"at most {63 - len(SUFFIX)} characters)"
        )
    return name


def selector(s: Settings) -> dict[str, str]:
    """Only this instance's serve pods: not its bots' pods, not another release's."""
    labels = app_labels(s, COMPONENT)
    keys = ("app.kubernetes.io/name", INSTANCE_LABEL, "app.kubernetes.io/component")
    return {key: labels[key] for key in keys}


def object_labels(s: Settings) -> dict[str, str]:
    return {**app_labels(s, COMPONENT), "app.kubernetes.io/managed-by": MANAGED_BY}


def serve_args(s: Settings) -> list[str]:
    """serve binds loopback by default: in a pod it must listen on the pod's network."""
    return [
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        str(PORT),
        "--max-models",
        str(s.serveMaxModels),
        "--max-model-mb",
        str(s.serveMaxModelMb),
        "--queue",
        str(s.serveQueue),
    ]


def serve_env(s: Settings) -> list[dict[str, Any]]:
    env: list[dict[str, Any]] = [{"name": "HT_STORE", "value": literal(require_store(s))}]
    env += [{"name": k, "value": v} for k, v in sorted(CACHE_ENV.items())]
    if "OMP_NUM_THREADS" not in s.env:
        # serve's torch threads: the CPU request, rounded up by Kubernetes (at least 1). serve
        # caps them at its cgroup quota, but without a CPU limit that quota is the whole node.
        ref = {"containerName": CONTAINER, "resource": "requests.cpu", "divisor": "1"}
        env.append({"name": "OMP_NUM_THREADS", "valueFrom": {"resourceFieldRef": ref}})
    env += [{"name": k, "value": literal(str(v))} for k, v in sorted(s.env.items())]
    if s.serveTokenSecret:
        ref = {"name": s.serveTokenSecret, "key": s.serveTokenSecretKey}
        env.append({"name": "HT_SERVE_TOKEN", "valueFrom": {"secretKeyRef": ref}})
    return env


def serve_resources(s: Settings) -> dict[str, dict[str, Any]]:
    """As a Job's: serveResources entries win over the shortcuts; /tmp and /cache (the models
    serve downloads) are requested as local disk."""
    return resource_spec(
        s, cpu=s.serveCpu, memory=s.serveMemory, overrides=s.serveResources, gpus=s.serveGpus
    )


def probe(period: int, failures: int) -> dict[str, Any]:
    return {
        "httpGet": {"path": HEALTH_PATH, "port": "http"},
        "periodSeconds": period,
        "timeoutSeconds": 5,
        "failureThreshold": failures,
    }


def serve_container(s: Settings) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": CONTAINER,
        "image": s.image,
        "imagePullPolicy": s.imagePullPolicy,
        "args": serve_args(s),
        "ports": [{"name": "http", "containerPort": PORT, "protocol": "TCP"}],
        "env": serve_env(s),
    }
    if env_from := container_env_from(s):
        spec["envFrom"] = env_from
    spec["resources"] = serve_resources(s)
    # importing torch and reaching the store take a while: up to 5 minutes to start
    spec["startupProbe"] = probe(period=5, failures=60)
    spec["readinessProbe"] = probe(period=10, failures=3)
    spec["livenessProbe"] = probe(period=20, failures=3)
    spec["securityContext"] = container_security_context()
    spec["volumeMounts"] = scratch_volume_mounts()
    return spec


def serve_pod_spec(s: Settings) -> dict[str, Any]:
    spec: dict[str, Any] = {"automountServiceAccountToken": False}
    if s.serviceAccountName:
        spec["serviceAccountName"] = s.serviceAccountName  # e.g. IRSA for the store
    if s.imagePullSecrets:
        spec["imagePullSecrets"] = [dict(item) for item in s.imagePullSecrets]
    if s.serveNodeSelector:
        spec["nodeSelector"] = dict(s.serveNodeSelector)
    if s.serveTolerations:
        spec["tolerations"] = list(s.serveTolerations)
    spec["securityContext"] = pod_security_context(s)
    spec["containers"] = [serve_container(s)]
    spec["volumes"] = scratch_volumes(s)
    return spec


def build_deployment(s: Settings) -> dict[str, Any]:
    template_meta: dict[str, Any] = {"labels": {**s.podLabels, **app_labels(s, COMPONENT)}}
    if s.podAnnotations:
        template_meta["annotations"] = dict(s.podAnnotations)
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": serve_name(s), "namespace": s.namespace, "labels": object_labels(s)},
        "spec": {
            "replicas": s.serveReplicas,
            "selector": {"matchLabels": selector(s)},
            "template": {"metadata": template_meta, "spec": serve_pod_spec(s)},
        },
    }


def build_service(s: Settings) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": serve_name(s), "namespace": s.namespace, "labels": object_labels(s)},
        "spec": {
            "type": s.serveServiceType,
            "selector": selector(s),
            "ports": [
                {"name": "http", "port": SERVICE_PORT, "targetPort": "http", "protocol": "TCP"}
            ],
        },
    }


def build_serve(s: Settings) -> list[dict[str, Any]]:
    """The Deployment, then its Service."""
    return [build_deployment(s), build_service(s)]
