"""Create one Job per bot: idempotent, bounded, rate limited.

One LIST finds the Jobs that already exist (skipped, or deleted and recreated with
``replace``); the rest are created by ``concurrency`` worker threads that share one token bucket,
so 10,000 bots cost about 10,000 requests spread at ``qps``, never a flood. A 403 or a missing
namespace stops the launch at once (every other create would fail the same way).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from job.bots import Bot
from job.cluster.client import Api, as_error
from job.cluster.manifests import APP, INSTANCE_LABEL, build_job
from job.cluster.names import job_name
from job.errors import AlreadyExists, ConfigError, HTError, TransientError
from job.settings import Settings, require_store

log = logging.getLogger("htctl")

CREATED, REPLACED, SKIPPED, FAILED = "created", "replaced", "skipped", "failed"
DELETE_WAIT_S = 300.0
LIST_PAGE = 500


@dataclass
class Outcome:
    bot: str
    job: str
    result: str
    detail: str = ""


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    requests: int = 0

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    def line(self) -> str:
        parts = [f"{self.count(r)} {r}" for r in (CREATED, REPLACED, SKIPPED, FAILED)]
        return f"launch: {', '.join(parts)} ({self.requests} API requests)"


def selector(s: Settings) -> str:
    return f"app.kubernetes.io/name={APP},{INSTANCE_LABEL}={s.instance}"


def is_ours(obj: dict, s: Settings) -> bool:
    """Label selectors are a server feature; check the labels here too (another release's
    Jobs in the namespace are not ours)."""
    labels = (obj.get("metadata") or {}).get("labels") or {}
    return labels.get("app.kubernetes.io/name") == APP and labels.get(INSTANCE_LABEL) == s.instance


def list_ours(
    api: Api,
    s: Settings,
    what: str,
    list_fn: Callable[..., object],
    page_size: int = LIST_PAGE,
    missing_ok: bool = False,
) -> list[dict]:
    """Every object of this instance that ``list_fn`` (a namespaced LIST call) returns, as
    dicts, page by page; ``what`` names the call in errors ("list Jobs"). ``missing_ok``: a
    resource the cluster does not serve (404: Argo not installed) has no objects."""
    from kubernetes.client.exceptions import ApiException

    found: list[dict] = []
    token = None
    while True:
        kwargs = {"label_selector": selector(s), "limit": page_size, "_preload_content": False}
        if token:
            kwargs["_continue"] = token
        try:
            page = api.call(what, list_fn, s.namespace, **kwargs)
        except ApiException as err:
            if missing_ok and err.status == 404:
                return found
            raise as_error(err, what, s.namespace) from None
        data = json.loads(page.data)  # raw JSON: no model objects for thousands of items
        data = data if isinstance(data, dict) else {}
        found += [o for o in data.get("items") or [] if isinstance(o, dict) and is_ours(o, s)]
        token = (data.get("metadata") or {}).get("continue")
        if not token:
            return found


def list_jobs(api: Api, s: Settings) -> list[dict]:
    """Every huggingtweets Job in the namespace."""
    return list_ours(api, s, "list Jobs", api.batch.list_namespaced_job)


def check_namespace(api: Api, s: Settings) -> None:
    """A missing namespace is exit 3. A namespaced Role cannot read Namespace objects, so a 403
    here proves nothing: the first create then tells."""
    from kubernetes.client.exceptions import ApiException

    try:
        api.call("read namespace", api.core.read_namespace, s.namespace)
    except ApiException as err:
        if err.status == 404:
            raise ConfigError(f"namespace {s.namespace!r} does not exist") from None
        if err.status not in (401, 403):
            raise as_error(err, "read the namespace", s.namespace) from None


def launch(
    bots: Iterable[Bot],
    s: Settings,
    api: Api,
    replace: bool = False,
    propagation: str = "Foreground",
    report: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Create the Job of every bot that has none (or recreate it with ``replace``)."""
    require_store(s)
    bots = list(bots)
    check_namespace(api, s)
    existing = {j["metadata"]["name"] for j in list_jobs(api, s)}
    summary = Summary()
    stop = threading.Event()
    fatal: list[HTError] = []
    lock = threading.Lock()

    def one(bot: Bot) -> None:
        if stop.is_set():
            return
        try:
            outcome = launch_one(api, bot, s, job_name(bot.name) in existing, replace, propagation)
        except ConfigError as err:
            stop.set()
            with lock:
                fatal.append(err)
            return
        with lock:
            summary.outcomes.append(outcome)
        if report:
            report(outcome)

    with ThreadPoolExecutor(max_workers=s.concurrency, thread_name_prefix="launch") as pool:
        list(pool.map(one, bots))
    summary.requests = api.requests
    if fatal:
        done = summary.count(CREATED) + summary.count(REPLACED)
        raise type(fatal[0])(f"{fatal[0]} (stopped after {done} of {len(bots)} Jobs)")
    return summary


def launch_one(
    api: Api, bot: Bot, s: Settings, exists: bool, replace: bool, propagation: str
) -> Outcome:
    name = job_name(bot.name)
    if exists and not replace:
        return Outcome(bot.name, name, SKIPPED, "exists (--replace recreates it)")
    try:
        if exists:
            delete_job(api, name, s, propagation, wait=True)
        create_job(api, bot, s)
        return Outcome(bot.name, name, REPLACED if exists else CREATED)
    except AlreadyExists:
        return Outcome(bot.name, name, SKIPPED, "exists (created meanwhile or by another instance)")
    except TransientError as err:
        return Outcome(bot.name, name, FAILED, str(err))


def create_job(api: Api, bot: Bot, s: Settings) -> None:
    from kubernetes.client.exceptions import ApiException

    body = build_job(bot, s)
    retried: list[str] = []
    try:
        api.call("create Job", api.batch.create_namespaced_job, s.namespace, body, retried=retried)
    except ApiException as err:
        if err.status == 409 and retried:
            return  # an attempt that failed on the wire had created it
        if err.status == 409:
            raise AlreadyExists from None
        if err.status == 404:  # only the namespace can be missing under a create
            raise ConfigError(f"namespace {s.namespace!r} does not exist") from None
        raise as_error(err, "create Jobs", s.namespace) from None


def delete_job(api: Api, name: str, s: Settings, propagation: str, wait: bool) -> bool:
    """Delete a Job and its pods; with ``wait``, until the name is free. False: not found."""
    from kubernetes.client.exceptions import ApiException

    try:
        api.call(
            "delete Job",
            api.batch.delete_namespaced_job,
            name,
            s.namespace,
            propagation_policy=propagation,
        )
    except ApiException as err:
        if err.status == 404:
            return False
        raise as_error(err, "delete Jobs", s.namespace) from None
    if wait:
        wait_gone(api, name, s)
    return True


def wait_gone(api: Api, name: str, s: Settings) -> None:
    """Foreground deletion keeps the Job until its pods are gone: a new pod never overlaps the
    old one on the same bot's files."""
    from kubernetes.client.exceptions import ApiException

    deadline = time.monotonic() + DELETE_WAIT_S
    while time.monotonic() < deadline:
        try:
            api.call("read Job", api.batch.read_namespaced_job, name, s.namespace)
        except ApiException as err:
            if err.status == 404:
                return
            raise as_error(err, "read Jobs", s.namespace) from None
        time.sleep(1.0)
    raise TransientError(f"Job {name} still exists {DELETE_WAIT_S:.0f}s after its deletion")
