"""A small JSON-over-HTTP client that every API source shares: retries, rate limits, auth errors.

``ApiClient.get`` answers with the response once it is worth handing to the caller, and turns
the failures every API has in common into job.errors:

- 5xx and connection/timeout errors: retried with exponential backoff and jitter, at most
  ``RetryPolicy.attempts`` tries; then TransientError (exit 4).
- 429: wait until the reset time read from ``RetryPolicy.reset_header`` (falling back to
  ``Retry-After``) when that wait is at most ``RetryPolicy.max_rate_wait`` seconds, then try
  again; a longer wait is TransientError (exit 4) at once, so a Job is retried later instead
  of holding a pod. A 429 without a usable header is retried like a 5xx.
- 401 and 403: ConfigError (exit 3).

Every other status (2xx, 404, 400 ...) goes back to the caller, which knows what it means for
its API (X answers an unknown user with 200 and an ``errors`` array, Mastodon with 404).
``get_json`` is the common case: the parsed body of a 2xx, BadInput for any other 4xx.

Secrets: request headers are never logged or put into messages, and messages name only the
path, never the query string.

Tests pass ``sleep`` (and ``now``) so that waiting costs nothing; the server stays real.
"""

from __future__ import annotations

import email.utils
import logging
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from job.errors import BadInput, ConfigError, TransientError

log = logging.getLogger("htctl")

USER_AGENT = "htctl/0.1 (+https://github.com/huggingtweets)"
# A reset header at or above this is an epoch timestamp (2001-09-09); below, a delta in seconds.
_EPOCH_THRESHOLD = 1_000_000_000


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. Defaults suit a batch Job: patient, but never stuck for hours."""

    attempts: int = 6  # tries for 5xx / network errors, the first one included
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    max_backoff: float = 60.0
    max_rate_wait: float = 900.0  # longest 429 wait we sit out, in seconds
    rate_waits: int = 5  # 429 waits per request, so a server stuck at 429 cannot loop forever
    reset_header: str = "x-rate-limit-reset"
    rate_margin: float = 1.0  # seconds added to a reset wait (resets are whole seconds)
    wait_setting: str | None = None  # the env var that raises max_rate_wait, for messages

    @classmethod
    def from_env(cls, prefix: str, **defaults: Any) -> RetryPolicy:
        """Read ``{prefix}_MAX_RATE_WAIT``, ``{prefix}_RETRIES`` and ``{prefix}_BACKOFF``.

        ``defaults`` sets any other field (e.g. ``reset_header``); a bad value is ConfigError.
        """
        base = cls(wait_setting=f"{prefix}_MAX_RATE_WAIT", **defaults)
        return replace(
            base,
            max_rate_wait=env_number(f"{prefix}_MAX_RATE_WAIT", base.max_rate_wait),
            attempts=int(env_number(f"{prefix}_RETRIES", base.attempts, minimum=1)),
            backoff=env_number(f"{prefix}_BACKOFF", base.backoff),
        )

    def backoff_delay(self, retry: int, rng: random.Random) -> float:
        """Seconds before retry number ``retry`` (1-based): doubling, capped, half jittered."""
        delay = min(self.max_backoff, self.backoff * 2 ** (retry - 1))
        return delay / 2 + rng.uniform(0, delay / 2)


def env_number(name: str, default: float, minimum: float = 0) -> float:
    """A non-negative number from the environment; ConfigError names the variable if bad."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum:g}")
    return value


def base_url_from_env(name: str, default: str) -> str:
    """An API base URL setting, checked up front so a typo is exit 3, not a retried error."""
    url = os.environ.get(name, "").strip() or default
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{name}={url!r} is not an http:// or https:// URL")
    return url.rstrip("/")


def seconds_until_reset(value: str | None, now: float) -> float | None:
    """Seconds to wait from ``now`` for a rate-limit reset header, or None when unusable.

    Accepts the forms APIs use: epoch seconds (X ``x-rate-limit-reset``, Bluesky
    ``ratelimit-reset``), delta seconds (``Retry-After``, IETF ``RateLimit-Reset``), an ISO 8601
    date (Mastodon ``X-RateLimit-Reset``) or an HTTP date (``Retry-After``). A reset in the
    past is a wait of 0.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None:
        wait = number - now if number >= _EPOCH_THRESHOLD else number
        return max(0.0, wait)
    when = _parse_date(text)
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


def _parse_date(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class ApiClient:
    """GET JSON from one API with the retry, rate-limit and auth rules above.

    ``service`` names the API in messages ("X API"); ``headers`` are sent with every request
    (put the Authorization header here: it is never logged). Use as a context manager or call
    ``close()``.
    """

    def __init__(
        self,
        base_url: str,
        service: str,
        *,
        headers: Mapping[str, str] | None = None,
        policy: RetryPolicy | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ):
        self.service = service
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._now = now
        self._rng = rng or random.Random()
        self._http = httpx.Client(
            base_url=base_url,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            # httpx drops the Authorization header when a redirect leaves the origin.
            follow_redirects=True,
        )

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> httpx.Response:
        """GET ``path`` (relative to the base URL); see the module doc for what is handled."""
        failures = 0
        rate_waits = 0
        while True:
            try:
                response = self._http.get(path, params=params)
            except httpx.TransportError as err:
                failures += 1
                self._retry_or_raise(path, failures, f"{type(err).__name__}: {err}")
                continue
            status = response.status_code
            if status in (401, 403):
                raise ConfigError(
                    f"{self.service} denied access (HTTP {status} on {path}): "
                    f"{_detail(response)}; check the credentials and their access level"
                )
            if status == 429:
                wait = self._rate_limit_wait(response)
                if wait is not None and rate_waits < self.policy.rate_waits:
                    rate_waits += 1
                    self._wait_for_reset(path, wait)
                    continue
                if wait is None:
                    failures += 1
                    self._retry_or_raise(path, failures, "HTTP 429 without a reset time")
                    continue
                raise TransientError(
                    f"{self.service} still rate-limited on {path} after {rate_waits} waits"
                )
            if status >= 500:
                failures += 1
                self._retry_or_raise(path, failures, f"HTTP {status}")
                continue
            return response

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """The parsed JSON body of a 2xx answer; BadInput for other 4xx, TransientError if
        the body is not JSON (a proxy's error page, a truncated answer)."""
        response = self.get(path, params)
        if response.status_code >= 400:
            raise BadInput(
                f"{self.service} rejected {path}: HTTP {response.status_code}: {_detail(response)}"
            )
        try:
            return response.json()
        except ValueError:
            raise TransientError(
                f"{self.service} answered {path} with a body that is not JSON"
            ) from None

    def _rate_limit_wait(self, response: httpx.Response) -> float | None:
        now = self._now()
        for header in (self.policy.reset_header, "retry-after"):
            wait = seconds_until_reset(response.headers.get(header), now)
            if wait is not None:
                return wait
        return None

    def _wait_for_reset(self, path: str, wait: float) -> None:
        if wait > self.policy.max_rate_wait:
            hint = (
                f" (raise {self.policy.wait_setting} to wait longer)"
                if self.policy.wait_setting
                else ""
            )
            raise TransientError(
                f"{self.service} rate limit on {path} resets in {wait:.0f} s, longer than the "
                f"{self.policy.max_rate_wait:.0f} s this run may wait{hint}"
            )
        log.warning(
            "%s: rate-limited on %s, waiting %.0f s for the reset", self.service, path, wait
        )
        self._sleep(wait + self.policy.rate_margin)

    def _retry_or_raise(self, path: str, failures: int, reason: str) -> None:
        if failures >= self.policy.attempts:
            raise TransientError(
                f"{self.service} failed on {path} after {failures} attempts: {reason}"
            )
        delay = self.policy.backoff_delay(failures, self._rng)
        log.warning(
            "%s: %s on %s, retry %d/%d in %.1f s",
            self.service,
            reason,
            path,
            failures,
            self.policy.attempts - 1,
            delay,
        )
        self._sleep(delay)


def _detail(response: httpx.Response, limit: int = 200) -> str:
    """A short, single-line description of an error body (JSON ``detail``/``error`` if any)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("detail", "error_description", "message", "error", "title"):
            if isinstance(body.get(key), str):
                return " ".join(body[key].split())[:limit]
    text = " ".join(response.text.split())
    return text[:limit] or response.reason_phrase
