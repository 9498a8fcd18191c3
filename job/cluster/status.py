"""What each bot's Job or Argo Workflow is doing: phase, the newest pod's state and why, and the
store.

Read-only: one LIST of Jobs, one of Workflows and one of pods for the whole namespace, whatever
the number of bots, plus one existence check per bot in the store (``<bot>/manifest.json``).
A bot launched both ways shows its newer run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from job import layout
from job.bots import Bot
from job.cluster import argo
from job.cluster.client import Api, as_error
from job.cluster.launch import delete_job, list_jobs, list_ours
from job.cluster.manifests import BOT_ANNOTATION, CONTAINER
from job.cluster.names import job_name
from job.errors import BadInput, HTError, TransientError
from job.settings import Settings

NOT_LAUNCHED = "NotLaunched"
FINISHED = ("Succeeded", "Failed")


@dataclass
class BotStatus:
    bot: str
    job: str
    phase: str  # NotLaunched, Pending, Queued, Running, Succeeded, Failed
    pod: str = ""  # the newest pod's phase
    reason: str = ""  # Unschedulable: 0/3 nodes... | OOMKilled | ImagePullBackOff | ...
    start: str = ""
    duration_s: float | None = None
    complete: bool | None = None  # the store holds <bot>/manifest.json; None: not checked
    workflow: str = ""  # the Argo Workflow running the bot ("" for a Job)
    step: str = ""  # in a Workflow: prepare or train
    store_error: str = ""  # why complete is unknown (e.g. no S3 credentials here)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def where(self) -> str:
        return f"workflow/{self.workflow}" if self.workflow else f"job/{self.job}"


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def condition(obj: dict, kind: str) -> dict | None:
    for c in (obj.get("status") or {}).get("conditions") or []:
        if c.get("type") == kind and c.get("status") == "True":
            return c
    return None


def job_phase(job: dict) -> tuple[str, str]:
    """(phase, reason) from the Job's conditions and counters."""
    status = job.get("status") or {}
    if c := condition(job, "Complete") or condition(job, "SuccessCriteriaMet"):
        return "Succeeded", ""
    if c := condition(job, "Failed") or condition(job, "FailureTarget"):
        return "Failed", c.get("reason") or ""
    if (job.get("spec") or {}).get("suspend") or condition(job, "Suspended"):
        return "Queued", "suspended until admitted (Kueue)"
    if status.get("active"):
        return "Running", ""
    return "Pending", ""


def pod_state(pod: dict) -> tuple[str, str]:
    """(phase, reason): the reason a user needs, e.g. why a pod is Pending or what killed it."""
    status = pod.get("status") or {}
    phase = status.get("phase") or "Unknown"
    for cs in status.get("containerStatuses") or []:
        state = cs.get("state") or {}
        if waiting := state.get("waiting"):
            return phase, waiting.get("reason") or "Waiting"
        term = state.get("terminated")
        if term and (term.get("reason") == "OOMKilled" or term.get("exitCode", 0) != 0):
            return phase, f"{term.get('reason') or 'Error'} (exit {term.get('exitCode')})"
        last = (cs.get("lastState") or {}).get("terminated")
        if last and last.get("reason") == "OOMKilled":
            return phase, "OOMKilled (before)"
    for c in status.get("conditions") or []:
        if c.get("type") == "PodScheduled" and c.get("status") == "False":
            message = c.get("message") or ""
            return phase, f"{c.get('reason') or 'Unschedulable'}: {message}".rstrip(": ")
    if reason := status.get("reason"):  # Evicted, DeadlineExceeded ...
        return phase, reason
    return phase, ""


def list_pods(api: Api, s: Settings) -> list[dict]:
    """Every huggingtweets pod in the namespace."""
    return list_ours(api, s, "list pods", api.core.list_namespaced_pod)


def newest_pods(pods: Iterable[dict]) -> dict[str, dict]:
    """The newest pod of each Job (by the job-name label the Job controller sets)."""
    newest: dict[str, dict] = {}
    for pod in pods:
        meta = pod.get("metadata") or {}
        job = (meta.get("labels") or {}).get("job-name") or (meta.get("labels") or {}).get(
            "batch.kubernetes.io/job-name"
        )
        if not job:
            continue
        stamp = meta.get("creationTimestamp") or ""
        if job not in newest or stamp >= newest[job]["metadata"].get("creationTimestamp", ""):
            newest[job] = pod
    return newest


def bot_status(bot: str, job: dict | None, pod: dict | None, now: datetime) -> BotStatus:
    name = job_name(bot)
    if job is None:
        return BotStatus(bot=bot, job=name, phase=NOT_LAUNCHED)
    phase, reason = job_phase(job)
    row = BotStatus(bot=bot, job=name, phase=phase, reason=reason)
    if pod is not None:
        row.pod, pod_reason = pod_state(pod)
        row.reason = row.reason or pod_reason
    status = job.get("status") or {}
    start = parse_time(status.get("startTime"))
    if start:
        end = parse_time(status.get("completionTime")) or (now if phase not in FINISHED else None)
        if end is None:
            failed = condition(job, "Failed")
            end = parse_time((failed or {}).get("lastTransitionTime")) or now
        row.start = start.strftime("%Y-%m-%d %H:%M:%SZ")
        row.duration_s = max(0.0, (end - start).total_seconds())
    return row


def argo_status(bot: str, run: argo.BotRun, pods: dict[str, dict], now: datetime) -> BotStatus:
    """A bot's row from its run in a Workflow, with the reason its newest pod gives."""
    row = BotStatus(bot=bot, job=job_name(bot), phase=run.phase, reason=run.reason)
    row.workflow, row.step = run.workflow, run.step
    if pod := pods.get(run.pod_node):
        row.pod, pod_reason = pod_state(pod)
        if row.phase not in FINISHED or not row.reason:
            row.reason = pod_reason or row.reason
    try:
        start = parse_time(run.started)
        end = parse_time(run.finished) or now
    except ValueError:  # an untrusted Workflow status
        return row
    if start:
        row.start = start.strftime("%Y-%m-%d %H:%M:%SZ")
        row.duration_s = max(0.0, (end - start).total_seconds())
    return row


def argo_pods(pods: list[dict]) -> dict[str, dict]:
    """Workflow pods by the node id Argo annotates them with."""
    found = {}
    for pod in pods:
        meta = pod.get("metadata") or {}
        node = (meta.get("annotations") or {}).get(argo.NODE_ID_ANNOTATION)
        if isinstance(node, str) and (meta.get("labels") or {}).get(argo.WORKFLOW_LABEL):
            found[node] = pod
    return found


def created(obj: dict) -> str:
    return str((obj.get("metadata") or {}).get("creationTimestamp") or "")


def statuses(
    api: Api, s: Settings, bots: list[Bot] | None = None, check_store: bool = True
) -> list[BotStatus]:
    """One row per bot: every bot of ``bots``, or every bot of this instance's Jobs and
    Workflows in the namespace."""
    jobs = {bot_of(j): j for j in list_jobs(api, s)}
    runs = argo.newest_runs(argo.list_workflows(api, s))
    all_pods = list_pods(api, s)
    pods, workflow_pods = newest_pods(all_pods), argo_pods(all_pods)
    names = [b.name for b in bots] if bots is not None else sorted(set(jobs) | set(runs))
    now = datetime.now(UTC)
    rows = []
    for bot in names:
        job, run = jobs.get(bot), runs.get(bot)
        if run is not None and (job is None or run.created > created(job)):
            rows.append(argo_status(bot, run, workflow_pods, now))
        else:
            rows.append(bot_status(bot, job, pods.get(job_name(bot)) if job else None, now))
    if check_store and s.store:
        check_complete(rows, s.store)
    return rows


def check_complete(rows: list[BotStatus], uri: str) -> None:
    """Mark each row complete or not from the store. A store this machine cannot read (no
    credentials, unreachable) leaves every row unknown and says why: the cluster's part of the
    table is still worth showing."""
    from job.store import open_store

    try:
        store = open_store(uri)
        for row in rows:
            row.complete = store.exists(layout.manifest(row.bot))
    except HTError as err:
        for row in rows:
            row.complete, row.store_error = None, str(err)


def bot_of(job: dict) -> str:
    meta = job.get("metadata") or {}
    return (meta.get("annotations") or {}).get(BOT_ANNOTATION) or meta.get("name", "")


def wait(
    api: Api,
    s: Settings,
    bots: list[Bot] | None,
    timeout_s: float,
    interval_s: float = 10.0,
    report=None,
) -> list[BotStatus]:
    """Poll until every Job has finished; TransientError when ``timeout_s`` runs out first."""
    deadline = time.monotonic() + timeout_s
    while True:
        rows = statuses(api, s, bots, check_store=False)
        pending = [r for r in rows if r.phase not in FINISHED and r.phase != NOT_LAUNCHED]
        if report:
            report(rows)
        if not pending:
            return rows
        if time.monotonic() >= deadline:
            raise TransientError(
                f"wait: {len(pending)} of {len(rows)} Jobs still unfinished after {timeout_s:.0f}s"
            )
        time.sleep(min(interval_s, max(0.0, deadline - time.monotonic())))


def cancel(api: Api, s: Settings, bots: list[Bot], propagation: str = "Background") -> dict:
    """Delete the bots' Jobs and the unfinished Workflows that run them, with their pods;
    returns {bot: what was deleted, "" for nothing}.

    A Workflow runs up to 500 bots and Kubernetes cannot stop one of them alone: a Workflow is
    deleted only when every bot in it is cancelled; otherwise nothing is deleted (exit 2)."""
    names = {b.name for b in bots}
    workflows = [w for w in argo.list_workflows(api, s) if argo.is_running(w)]
    doomed: dict[str, list[str]] = {}
    for wf in workflows:
        inside = argo.workflow_bots(wf)
        mine = [b for b in inside if b in names]
        if not mine:
            continue
        wf_name = str((wf.get("metadata") or {}).get("name") or "")
        others = sorted(set(inside) - names)
        if others:
            raise BadInput(
                f"cannot cancel {mine[0]} alone: workflow/{wf_name} also runs {len(others)} "
                f"other bots ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}); "
                "cancel them together (a users.txt) or delete the Workflow"
            )
        doomed[wf_name] = mine
    deleted = {b.name: "" for b in bots}
    for b in bots:
        if delete_job(api, job_name(b.name), s, propagation, wait=False):
            deleted[b.name] = f"job/{job_name(b.name)}"
    for wf_name, mine in doomed.items():
        if argo.delete_workflow(api, wf_name, s, propagation):
            for bot in mine:
                deleted[bot] = ", ".join(filter(None, [deleted[bot], f"workflow/{wf_name}"]))
    return deleted


def logs(api: Api, s: Settings, bot: Bot, follow: bool = False, tail: int | None = None):
    """The newest pod's log of the bot's Job, or of its newest step in an Argo Workflow (the
    newer of the two runs), as text chunks."""
    from kubernetes.client.exceptions import ApiException

    name = job_name(bot.name)
    all_pods = list_pods(api, s)
    pod = newest_pods(
        p
        for p in all_pods
        if ((p.get("metadata") or {}).get("labels") or {}).get("job-name") == name
    ).get(name)
    container = CONTAINER
    run = argo.newest_runs(argo.list_workflows(api, s)).get(bot.name)
    if run is not None and (pod is None or run.created > created(pod)):
        pod, container = argo_pods(all_pods).get(run.pod_node), argo.MAIN_CONTAINER
        if pod is None:
            raise BadInput(f"no pod yet for bot {bot.name} in workflow/{run.workflow}")
    if pod is None:
        raise BadInput(f"no pod for bot {bot.name} (Job {name}) in namespace {s.namespace}")
    kwargs = {"container": container, "follow": follow}
    if tail is not None:
        kwargs["tail_lines"] = tail
    pod_name = pod["metadata"]["name"]
    try:
        if not follow:
            yield api.call(
                "read log", api.core.read_namespaced_pod_log, pod_name, s.namespace, **kwargs
            )
            return
        resp = api.core.read_namespaced_pod_log(
            pod_name, s.namespace, _preload_content=False, **kwargs
        )
        for chunk in resp.stream(4096):
            yield chunk.decode("utf-8", errors="replace")
    except ApiException as err:
        raise as_error(err, "read pod logs", s.namespace) from None
