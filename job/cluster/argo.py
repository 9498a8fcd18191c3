"""``htctl launch --via argo``: submit Workflows from the huggingtweets WorkflowTemplate, and read
them back for status, wait, logs and cancel.

The template (k8s/argo/workflowtemplate.yaml, or the chart's with ``argo.enabled``) takes the
bots as a JSON list and fans out with a parallelism limit: a CPU step scrapes and prepares, then a
GPU step trains and publishes. Bots are sent in Workflows of at most ``BATCH`` bots, so no single
Workflow's status grows past what Argo keeps comfortably in one object.

Each Workflow carries htctl's labels (name, instance) and, in the ``huggingtweets/bots``
annotation, the JSON list of its bot names: a label holds one value, a Workflow up to ``BATCH``
bots. A bot already in an unfinished Workflow of this instance is not submitted again.

Workflows are read as untrusted: anyone who may create Workflows in the namespace shapes their
status, so every field is type-checked and every loop bounded.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from job.bots import Bot, parse_bot
from job.cluster.client import Api, as_error
from job.cluster.manifests import MANAGED_BY, app_labels
from job.errors import HTError, TransientError
from job.settings import Settings, require_store

log = logging.getLogger("htctl")

GROUP, VERSION, PLURAL = "argoproj.io", "v1alpha1", "workflows"
BATCH = 500
BOTS_ANNOTATION = "huggingtweets/bots"
WORKFLOW_LABEL = "workflows.argoproj.io/workflow"
NODE_ID_ANNOTATION = "workflows.argoproj.io/node-id"
MAIN_CONTAINER = "main"  # Argo names a container template's container "main"
STEPS = ("prepare", "train")
WORKFLOW_DONE = ("Succeeded", "Failed", "Error")
LIST_PAGE = 50  # a Workflow's status holds every node: pages stay small
MAX_NODES = 20 * BATCH  # a bot has about 6 nodes; more is not a Workflow htctl submitted
NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789"  # what Kubernetes' generateName draws from
CREATE_TRIES = 3


def workflow_name(s: Settings) -> str:
    """``<argoTemplate>-`` and 5 random characters, as generateName would give; named here so
    that a create retried after a lost answer finds its own Workflow (409), not a second one."""
    return f"{s.argoTemplate}-" + "".join(secrets.choice(NAME_CHARS) for _ in range(5))


def build_workflow(bots: list[Bot], s: Settings) -> dict[str, Any]:
    """A Workflow that runs ``bots`` through the template with these settings. The template's
    steps escape ``$`` in the parameters they put in ``args`` and env (Kubernetes would expand
    ``$(VAR)`` there), so the parameters go as they are."""
    params = {
        "bots": json.dumps([b.spec for b in bots]),
        "store": require_store(s),
        "image": s.image,
        "baseModel": s.baseModel,
        "adapter": s.adapter,
        "mergeAdapter": "true" if s.mergeAdapter else "false",  # parameters are text
        "command": "refresh" if s.refresh else "run",
    }
    labels = app_labels(s, "workflow")
    pod_labels = {k: v for k, v in labels.items() if k != "app.kubernetes.io/component"}
    spec: dict[str, Any] = {
        "workflowTemplateRef": {"name": s.argoTemplate},
        "arguments": {"parameters": [{"name": k, "value": v} for k, v in params.items()]},
        # the steps' pods carry this instance's labels, so status and logs find them
        "podMetadata": {"labels": pod_labels},
    }
    if s.argoWorkflowDeadlineSeconds > 0:  # 0 would end a running Workflow at once: omitted
        spec["activeDeadlineSeconds"] = s.argoWorkflowDeadlineSeconds
    return {
        "apiVersion": f"{GROUP}/{VERSION}",
        "kind": "Workflow",
        "metadata": {
            "generateName": f"{s.argoTemplate}-",
            "namespace": s.namespace,
            "labels": {**labels, "app.kubernetes.io/managed-by": MANAGED_BY},
            "annotations": {BOTS_ANNOTATION: json.dumps([b.name for b in bots])},
        },
        "spec": spec,
    }


def list_workflows(api: Api, s: Settings, must: bool = False) -> list[dict]:
    """This instance's Workflows. Where Argo is not installed (404), or RBAC does not let this
    account read Workflows (403), there are none unless ``must`` (launch --via argo)."""
    from job.cluster.launch import list_ours

    def list_fn(namespace: str, **kwargs: Any) -> object:
        return api.custom.list_namespaced_custom_object(GROUP, VERSION, namespace, PLURAL, **kwargs)

    try:
        return list_ours(api, s, "list Workflows", list_fn, page_size=LIST_PAGE, missing_ok=True)
    except HTError as err:
        if must or "forbidden" not in str(err):
            raise
        log.warning("htctl: cannot list Argo Workflows (%s): Argo bots are not shown", err)
        return []


def workflow_bots(wf: dict) -> list[str]:
    """The bot names a Workflow was submitted with (its annotation), [] when unreadable."""
    annotations = (wf.get("metadata") or {}).get("annotations") or {}
    try:
        names = json.loads(annotations.get(BOTS_ANNOTATION) or "[]")
    except (TypeError, ValueError):
        return []
    if not isinstance(names, list):
        return []
    return [n for n in names[: BATCH * 2] if isinstance(n, str)]


def workflow_phase(wf: dict) -> str:
    phase = (wf.get("status") or {}).get("phase") if isinstance(wf.get("status"), dict) else ""
    return phase if isinstance(phase, str) else ""


def is_running(wf: dict) -> bool:
    return workflow_phase(wf) not in WORKFLOW_DONE


def running_bots(workflows: list[dict]) -> dict[str, str]:
    """{bot: workflow name} for every bot in an unfinished Workflow."""
    found: dict[str, str] = {}
    for wf in workflows:
        if is_running(wf):
            for name in workflow_bots(wf):
                found.setdefault(name, (wf.get("metadata") or {}).get("name") or "")
    return found


@dataclass
class Submitted:
    workflows: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # bot -> the Workflow running it


def submit(bots: list[Bot], s: Settings, api: Api) -> Submitted:
    """Create the Workflows of the bots that are in no unfinished Workflow of this instance."""

    running = running_bots(list_workflows(api, s, must=True))
    result = Submitted(skipped={b.name: running[b.name] for b in bots if b.name in running})
    todo = [b for b in bots if b.name not in running]
    for start in range(0, len(todo), BATCH):
        body = build_workflow(todo[start : start + BATCH], s)
        result.workflows.append(create_workflow(api, s, body))
    return result


def create_workflow(api: Api, s: Settings, body: dict[str, Any]) -> str:
    from kubernetes.client.exceptions import ApiException

    del body["metadata"]["generateName"]
    for _ in range(CREATE_TRIES):
        body["metadata"]["name"] = workflow_name(s)
        retried: list[str] = []
        try:
            api.call(
                "create Workflow",
                api.custom.create_namespaced_custom_object,
                GROUP,
                VERSION,
                s.namespace,
                PLURAL,
                body,
                retried=retried,
            )
            return body["metadata"]["name"]
        except ApiException as err:
            if err.status == 409 and retried:
                return body["metadata"]["name"]  # an attempt lost on the wire had created it
            if err.status == 409:
                continue  # the name is taken: draw another
            if err.status == 404:
                raise as_error(err, "create Workflows (is Argo installed?)", s.namespace) from None
            raise as_error(err, "create Workflows", s.namespace) from None
    raise TransientError(f"no free Workflow name after {CREATE_TRIES} tries")


# --- reading a Workflow's nodes ----------------------------------------------------------------


@dataclass
class BotRun:
    """Where one bot stands in one Workflow."""

    workflow: str
    created: str
    phase: str  # Pending, Running, Succeeded, Failed (Argo's Error counts as Failed)
    step: str = ""  # prepare or train: the step of the newest pod
    reason: str = ""
    started: str = ""
    finished: str = ""
    pod_node: str = ""  # the node id of the newest pod (its pod carries it as an annotation)


def _nodes(wf: dict) -> dict[str, dict]:
    status = wf.get("status")
    nodes = status.get("nodes") if isinstance(status, dict) else None
    if not isinstance(nodes, dict):
        return {}
    return {
        k: v
        for k, v in list(nodes.items())[:MAX_NODES]
        if isinstance(k, str) and isinstance(v, dict)
    }


def _text(node: dict, key: str) -> str:
    value = node.get(key)
    return value if isinstance(value, str) else ""


def _bot_parameter(node: dict) -> str:
    inputs = node.get("inputs")
    params = inputs.get("parameters") if isinstance(inputs, dict) else None
    for p in params if isinstance(params, list) else []:
        if isinstance(p, dict) and p.get("name") == "bot" and isinstance(p.get("value"), str):
            return p["value"]
    return ""


def _phase(argo_phase: str) -> str:
    if argo_phase in ("Failed", "Error"):
        return "Failed"
    if argo_phase in ("Succeeded", "Running"):
        return argo_phase
    return "Pending"


def bot_runs(wf: dict) -> dict[str, BotRun]:
    """{bot name: BotRun} for every bot the Workflow was submitted with."""
    meta = wf.get("metadata") or {}
    name, created = str(meta.get("name") or ""), str(meta.get("creationTimestamp") or "")
    nodes = _nodes(wf)
    wf_phase = workflow_phase(wf)
    wf_message = (
        (wf.get("status") or {}).get("message") if isinstance(wf.get("status"), dict) else ""
    )
    bot_nodes: dict[str, dict] = {}
    for node_id, node in nodes.items():
        if node.get("templateName") != "bot" or node.get("type") != "Steps":
            continue
        try:
            bot_nodes[parse_bot(_bot_parameter(node)).name] = {**node, "id": node_id}
        except HTError:
            continue  # not a bot htctl can read: not one of ours
    pods: dict[str, list[tuple[str, dict]]] = {}
    for node_id, node in nodes.items():
        if node.get("type") == "Pod" and node.get("templateName") in STEPS:
            pods.setdefault(_text(node, "boundaryID"), []).append((node_id, node))
    runs = {}
    for bot in workflow_bots(wf):
        node = bot_nodes.get(bot)
        if node is None:  # not started yet, or the Workflow ended before it started
            done = wf_phase in WORKFLOW_DONE
            phase = _phase(wf_phase) if done else "Pending"
            reason = wf_message if done and isinstance(wf_message, str) else ""
            runs[bot] = BotRun(name, created, phase, reason=reason)
            continue
        run = BotRun(
            name,
            created,
            _phase(_text(node, "phase")),
            started=_text(node, "startedAt"),
            finished=_text(node, "finishedAt"),
        )
        mine = pods.get(node["id"], [])
        if mine:
            pod_id, pod = max(mine, key=lambda item: _text(item[1], "startedAt"))
            run.step, run.pod_node = _text(pod, "templateName"), pod_id
            run.reason = _text(pod, "message") if run.phase != "Succeeded" else ""
        runs[bot] = run
    return runs


def newest_runs(workflows: list[dict]) -> dict[str, BotRun]:
    """Each bot's run in the newest Workflow that holds it."""
    newest: dict[str, BotRun] = {}
    for wf in workflows:
        for bot, run in bot_runs(wf).items():
            if bot not in newest or run.created >= newest[bot].created:
                newest[bot] = run
    return newest


def delete_workflow(api: Api, name: str, s: Settings, propagation: str) -> bool:
    """Delete a Workflow (its pods go with it); False when it was already gone."""
    from kubernetes.client.exceptions import ApiException

    try:
        api.call(
            "delete Workflow",
            api.custom.delete_namespaced_custom_object,
            GROUP,
            VERSION,
            s.namespace,
            PLURAL,
            name,
            propagation_policy=propagation,
        )
    except ApiException as err:
        if err.status == 404:
            return False
        raise as_error(err, "delete Workflows", s.namespace) from None
    return True
