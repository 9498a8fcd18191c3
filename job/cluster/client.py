"""Talking to the Kubernetes API: config loading, error mapping, retries and rate limiting.

Errors become the project's exit codes: 403 (RBAC) and a missing namespace are configuration
(exit 3), an API server that cannot be reached or keeps answering 5xx/429 is transient (exit 4).
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from job import config
from job.errors import ConfigError, HTError, TransientError
from job.settings import Settings

log = logging.getLogger("htctl")
T = TypeVar("T")

RETRIES = 4
REQUEST_TIMEOUT = (5, 30)  # (connect, read) seconds


class TokenBucket:
    """Client-side rate limit shared by the worker threads: ``qps`` tokens a second, up to
    ``burst`` saved up (client-go's default limiter works the same way)."""

    def __init__(
        self,
        qps: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.rate = qps
        self.capacity = float(burst)
        self.tokens = float(burst)
        self.clock = clock
        self.sleep = sleep
        self.stamp = clock()
        self.lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self.lock:
                now = self.clock()
                self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
                self.stamp = now
                if self.tokens >= 1 - 1e-9:  # float steps must not stall the loop
                    self.tokens -= 1
                    return
                wait = (1 - self.tokens) / self.rate
            self.sleep(wait)


def api_client(s: Settings):
    """An ApiClient from the kubeconfig (``KUBECONFIG``, ``~/.kube/config``) or, inside a pod,
    from the service account."""
    from kubernetes import client
    from kubernetes import config as kube_config
    from kubernetes.config.config_exception import ConfigException

    try:
        if config.text("KUBERNETES_SERVICE_HOST") and not config.text("KUBECONFIG"):
            kube_config.load_incluster_config()
            return client.ApiClient()
        cfg = client.Configuration()
        kube_config.load_kube_config(context=s.kubeContext or None, client_configuration=cfg)
    except (ConfigException, OSError) as err:
        raise ConfigError(f"no Kubernetes configuration: {err}") from None
    cfg.retries = 0  # retries are ours: counted, backed off and rate limited
    return client.ApiClient(cfg)


class Api:
    """The few calls htctl makes, each rate limited, retried on 429/5xx/network errors and
    mapped to HTError."""

    def __init__(self, api_client, s: Settings):
        from kubernetes import client

        self.client = api_client
        self.settings = s
        self.batch = client.BatchV1Api(api_client)
        self.core = client.CoreV1Api(api_client)
        self.custom = client.CustomObjectsApi(api_client)
        self.bucket = TokenBucket(s.qps, s.burst)
        self.requests = 0
        self._count = threading.Lock()

    def call(
        self,
        what: str,
        fn: Callable[..., T],
        *args: Any,
        retried: list[str] | None = None,
        **kwargs: Any,
    ) -> T:
        """``fn(*args, **kwargs)``; each failed attempt that was retried is added to
        ``retried`` (a create that timed out may have landed: its retry then sees 409)."""
        from kubernetes.client.exceptions import ApiException
        from urllib3.exceptions import HTTPError as Urllib3Error

        kwargs.setdefault("_request_timeout", REQUEST_TIMEOUT)
        retried = [] if retried is None else retried
        for attempt in range(RETRIES + 1):
            self.bucket.acquire()
            with self._count:
                self.requests += 1
            try:
                return fn(*args, **kwargs)
            except ApiException as err:
                if not retryable(err) or attempt == RETRIES:
                    raise
                delay = retry_after(err) or backoff(attempt)
                retried.append(f"HTTP {err.status}")
                log.debug("%s: HTTP %s, retrying in %.1fs", what, err.status, delay)
            except (Urllib3Error, OSError) as err:
                if attempt == RETRIES:
                    host = self.client.configuration.host
                    raise TransientError(f"cannot reach the Kubernetes API at {host}") from err
                delay = backoff(attempt)
                retried.append(type(err).__name__)
                log.debug("%s: %s, retrying in %.1fs", what, type(err).__name__, delay)
            time.sleep(delay)
        raise AssertionError("unreachable")

    def sanitize(self, obj: Any) -> Any:
        return self.client.sanitize_for_serialization(obj)


def retryable(err) -> bool:
    return err.status in (429, 500, 502, 503, 504) or err.status == 0


def retry_after(err) -> float | None:
    value = (err.headers or {}).get("Retry-After")
    try:
        return min(float(value), 30.0) if value else None
    except ValueError:
        return None


def backoff(attempt: int) -> float:
    return min(0.2 * 2**attempt, 5.0) * (0.5 + random.random())


def api_message(err) -> str:
    """The Status message the API server sent, or the HTTP reason."""
    try:
        body = json.loads(err.body or "{}")
        return body.get("message") or err.reason or f"HTTP {err.status}"
    except (TypeError, ValueError):
        return err.reason or f"HTTP {err.status}"


def as_error(err, what: str, namespace: str) -> HTError:
    """Map an ApiException that outlived retries to the project's errors."""
    message = api_message(err)
    if err.status in (401, 403):
        return ConfigError(f"forbidden: cannot {what} in namespace {namespace}: {message}")
    if err.status == 404 and "namespace" in message.lower():
        return ConfigError(f"namespace {namespace!r} does not exist")
    if err.status >= 500 or err.status in (0, 429):
        return TransientError(f"Kubernetes API failed to {what}: HTTP {err.status}: {message}")
    return ConfigError(f"cannot {what}: HTTP {err.status}: {message}")
