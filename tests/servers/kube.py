"""A Kubernetes API on loopback: kmock's stateful emulator, served from a thread's event loop so
the synchronous kubernetes client (and htctl in a subprocess, through a kubeconfig) can use it.

kmock is an emulator: no controller runs. Tests play the Job controller and the kubelet by
writing Job status and pods through the API, as those controllers do.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import kmock
import yaml

VERBS = {"create", "get", "list", "watch", "delete", "patch", "update"}
RESOURCES = {
    "batch/v1/jobs": "Job",
    "v1/pods": "Pod",
    "v1/configmaps": "ConfigMap",
    "argoproj.io/v1alpha1/workflows": "Workflow",
}


def status_body(code: int, reason: str, message: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Status",
        "metadata": {},
        "status": "Failure",
        "reason": reason,
        "message": message,
        "code": code,
    }


class KubeServer:
    """``with KubeServer(namespaces=["default"]) as kube: kube.url, kube.api_client()``."""

    def __init__(self, namespaces: tuple[str, ...] = ("default",), keep_requests: int = 0):
        """``keep_requests``: remember only about that many recent requests (0: all). kmock
        matches each request against its whole log, which grows quadratic with thousands of
        requests; a benchmark keeps the log short and counts in ``requests_seen``."""
        self.namespaces = namespaces
        self.keep_requests = keep_requests
        self.requests_seen = 0
        self.url = ""
        self.emulator: kmock.KubernetesEmulator | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kmock", daemon=True)
        self._error: BaseException | None = None

    def __enter__(self) -> KubeServer:
        self._thread.start()
        if not self._ready.wait(30) or self._error:
            raise RuntimeError(f"kmock did not start: {self._error!r}")
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._loop and self._stop
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as err:  # reported to __enter__
            self._error = err
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with kmock.KubernetesEmulator() as k, kmock.Server(k) as srv:
            self.emulator = k
            self.url = str(srv.url).rstrip("/")
            for path, kind in RESOURCES.items():
                k.resources[path] = kmock.ResourceInfo(namespaced=True, kind=kind, verbs=VERBS)
            # kmock reads GET /api/v1/namespaces/NAME as a namespace scope: answer it here.
            for ns in self.namespaces:
                k[f"get /api/v1/namespaces/{ns}"] << namespace(ns)
            trim = asyncio.create_task(self._trim(k)) if self.keep_requests else None
            self._ready.set()
            await self._stop.wait()
            if trim:
                trim.cancel()

    async def _trim(self, k: kmock.KubernetesEmulator) -> None:
        log = k._requests  # kmock's request log (no public way to bound it)
        while True:
            await asyncio.sleep(0.05)
            extra = len(log) - self.keep_requests
            if extra > 0:
                self.requests_seen += extra
                del log[:extra]

    def in_loop(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the server's loop (kmock's state is not thread-safe)."""
        assert self._loop
        done: Future = Future()

        def call() -> None:
            try:
                done.set_result(fn())
            except BaseException as err:
                done.set_exception(err)

        self._loop.call_soon_threadsafe(call)
        return done.result(10)

    # --- reactions -------------------------------------------------------------------------

    def fail(self, criteria: str, code: int, reason: str, message: str, times: int | None = None):
        """Answer requests matching ``criteria`` (``"post /apis/batch/v1/..."``) with an error;
        only the first ``times`` of them when given."""
        k = self.emulator
        body = status_body(code, reason, message)

        def add() -> None:
            view = k[criteria]
            if times is not None:
                view = view[:times]
            view << code << body

        self.in_loop(add)

    def answer_log(self, namespace: str, pod: str, text: str) -> None:
        """The container log, as plain text (also with follow=true, as the kubelet sends it)."""
        k = self.emulator
        path = f"get /api/v1/namespaces/{namespace}/pods/{pod}/log"
        plain = {"Content-Type": "text/plain; charset=utf-8"}
        self.in_loop(lambda: k[path] << plain << text.encode())

    # --- what the server saw and holds -----------------------------------------------------

    def requests(self, method: str | None = None, path_part: str = "") -> list:
        def pick() -> list:
            out = []
            for r in self.emulator:
                if method and str(r.method).upper().split(".")[-1] != method.upper():
                    continue
                if path_part and path_part not in str(r.url):
                    continue
                out.append(r)
            return out

        return self.in_loop(pick)

    def objects(self, plural: str = "jobs") -> dict[str, dict]:
        """Live objects of a resource, by name."""

        def pick() -> dict[str, dict]:
            return {
                name: json.loads(json.dumps(obj.raw))
                for (res, _ns, name), obj in self.emulator.objects.items()
                if res.plural == plural and not obj.deleted
            }

        return self.in_loop(pick)

    # --- clients ---------------------------------------------------------------------------

    def api_client(self):
        from kubernetes import client

        cfg = client.Configuration()
        cfg.host = self.url
        cfg.retries = 0
        return client.ApiClient(cfg)

    def write_kubeconfig(self, path: Path, namespace: str = "default") -> Path:
        config = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "kmock", "cluster": {"server": self.url}}],
            "users": [{"name": "tester", "user": {"token": "not-a-secret"}}],
            "contexts": [
                {
                    "name": "kmock",
                    "context": {"cluster": "kmock", "user": "tester", "namespace": namespace},
                }
            ],
            "current-context": "kmock",
        }
        path.write_text(yaml.safe_dump(config))
        return path


def namespace(name: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": name},
        "status": {"phase": "Active"},
    }
