"""``htctl launch --via argo``: submit Workflows from the huggingtweets WorkflowTemplate.

The template (k8s/argo/workflowtemplate.yaml, or the chart's with ``argo.enabled``) takes the
bots as a JSON list and fans out with a parallelism limit: a CPU step scrapes and prepares, then a
GPU step trains and publishes. Bots are sent in Workflows of at most ``BATCH`` bots, so no single
Workflow's status grows past what Argo keeps comfortably in one object.
"""

from __future__ import annotations

import json
from typing import Any

from job.bots import Bot
from job.cluster.client import Api, as_error
from job.cluster.manifests import APP, MANAGED_BY
from job.settings import Settings, require_store

GROUP, VERSION, PLURAL = "argoproj.io", "v1alpha1", "workflows"
BATCH = 500


def build_workflow(bots: list[Bot], s: Settings) -> dict[str, Any]:
    """A Workflow that runs ``bots`` through the template with these settings. The template's
    steps escape ``$`` in the parameters they put in ``args`` and env (Kubernetes would expand
    ``$(VAR)`` there), so the parameters go as they are."""
    params = {
        "bots": json.dumps([b.spec for b in bots]),
        "store": require_store(s),
        "image": s.image,
        "baseModel": s.baseModel,
        "command": "refresh" if s.refresh else "run",
    }
    spec: dict[str, Any] = {
        "workflowTemplateRef": {"name": s.argoTemplate},
        "arguments": {"parameters": [{"name": k, "value": v} for k, v in params.items()]},
    }
    if s.argoWorkflowDeadlineSeconds > 0:  # 0 would end a running Workflow at once: omitted
        spec["activeDeadlineSeconds"] = s.argoWorkflowDeadlineSeconds
    return {
        "apiVersion": f"{GROUP}/{VERSION}",
        "kind": "Workflow",
        "metadata": {
            "generateName": f"{s.argoTemplate}-",
            "namespace": s.namespace,
            "labels": {"app.kubernetes.io/name": APP, "app.kubernetes.io/managed-by": MANAGED_BY},
        },
        "spec": spec,
    }


def submit(bots: list[Bot], s: Settings, api: Api) -> list[str]:
    """Create the Workflows; returns their names."""
    from kubernetes.client.exceptions import ApiException

    names = []
    for start in range(0, len(bots), BATCH):
        body = build_workflow(bots[start : start + BATCH], s)
        try:
            created = api.call(
                "create Workflow",
                api.custom.create_namespaced_custom_object,
                GROUP,
                VERSION,
                s.namespace,
                PLURAL,
                body,
            )
        except ApiException as err:
            if err.status == 404:
                raise as_error(err, "create Workflows (is Argo installed?)", s.namespace) from None
            raise as_error(err, "create Workflows", s.namespace) from None
        created = api.sanitize(created) if created is not None else {}
        names.append(
            (created.get("metadata") or {}).get("name") or body["metadata"]["generateName"]
        )
    return names
