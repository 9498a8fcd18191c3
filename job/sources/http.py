"""A small JSON-over-HTTP client that every API source shares: retries, rate limits, auth errors.

``ApiClient.get`` answers with the response once it is worth handing to the caller, and turns
the failures every API has in common into job.errors:

- 5xx and connection/timeout errors: retried with exponential backoff and jitter, at most
  ``RetryPolicy.attempts`` tries (``job.sources.policy``); then TransientError (exit 4).
- 429: wait until the reset time read from ``RetryPolicy.reset_header`` (falling back to
  ``Retry-After``) when that wait is at most ``RetryPolicy.max_rate_wait`` seconds, then try
  again; a longer wait is TransientError (exit 4) at once, so a Job is retried later instead
  of holding a pod. A 429 without a usable header is retried like a 5xx.
- 401 and 403: ConfigError (exit 3).

Every other status (2xx, 404, 400 ...) goes back to the caller, which knows what it means for
its API (X answers an unknown user with 200 and an ``errors`` array, Mastodon with 404).
``get_json`` is the common case: the parsed body of a 2xx, BadInput for any other 4xx.

Hostile answers (an API is untrusted input):

- A body larger than ``MAX_BODY_BYTES`` (16 MiB, decompressed) is not read further: the body is
  streamed and the read stops there (``max_body`` lowers the cap). A body that takes longer
  than ``BODY_SECONDS`` (``body_seconds``) to arrive is a network fault (retried, then exit 4).
- An answer that is JSON but not of the documented shape, too large, or nested too deeply to
  parse is ``UnexpectedAnswer`` (exit 2, "unexpected answer from X API: ..."): retrying the same
  request cannot fix it. A body that is not JSON at all (a proxy's error page, a cut answer)
  stays a transient fault (exit 4).
- Plain ``http://`` is refused (ConfigError, exit 3, before any connection) unless the host is
  loopback (127.0.0.0/8, ::1, localhost) or ``HT_ALLOW_INSECURE_HTTP=1``; redirects too.
- ``job.sources.paging.PageGuard`` ends every paging loop: a repeated cursor, a page of nothing
  new, an empty page that still offers a cursor, or the hard caps ``MAX_PAGES``/``MAX_ITEMS``.
- ``path_segment`` encodes any API value that goes into a request path.

Secrets: request headers are never logged or put into messages, messages name only the path,
never the query string, and every message passes through ``job.redact.redact`` with the
client's own credential, so an error body that echoes the request cannot leak it.

Tests pass ``sleep`` (and ``now``) so that waiting costs nothing; the server stays real.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

import httpx

from job.errors import BadInput, ConfigError, TransientError, UnexpectedAnswer
from job.redact import redact
from job.sources.policy import RetryPolicy, require_secure_url, seconds_until_reset

log = logging.getLogger("htctl")

USER_AGENT = "htctl/0.1 (+https://github.com/huggingtweets)"

MAX_BODY_BYTES = 16 * 1024 * 1024  # a 100-post page is about 100 KB; 16 MiB is a broken server
BODY_SECONDS = 300.0  # the whole body of one answer, however slowly it drips
# Headers that describe the bytes on the wire, not the decoded body we keep.
_WIRE_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


def path_segment(value: object) -> str:
    """An API value (a user id, a handle) as one request path segment, never more.

    Everything but unreserved characters is percent-encoded (``/`` included), and ``.``/``..``
    are written ``%2E`` so that no URL normalisation can read them as a step up.
    """
    segment = quote(str(value), safe="")
    if segment.strip(".") == "":
        segment = segment.replace(".", "%2E")
    return segment


class ApiClient:
    """GET JSON from one API with the retry, rate-limit and auth rules above.

    ``service`` names the API in messages ("X API"); ``headers`` are sent with every request
    (put the Authorization header here: it is never logged, and its value is redacted from
    every message). Use as a context manager or call ``close()``.
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
        max_body: int | None = None,
        body_seconds: float = BODY_SECONDS,
    ):
        self.service = service
        self.policy = policy or RetryPolicy()
        self.max_body = max_body or MAX_BODY_BYTES
        self.body_seconds = body_seconds
        self._sleep = sleep
        self._now = now
        self._rng = rng or random.Random()
        self._secrets = [_credential(v) for k, v in (headers or {}).items() if _is_secret(k)]
        require_secure_url(base_url, f"the {service} URL")  # before any connection
        self.base_url = httpx.URL(base_url)
        self._http = httpx.Client(
            base_url=base_url,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            # httpx drops the Authorization header when a redirect leaves the origin; the hook
            # holds redirects to the plain-http rule as well.
            follow_redirects=True,
            event_hooks={"request": [self._check_request]},
        )

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def redact(self, text: str) -> str:
        """``text`` without this client's credentials or any configured secret."""
        return redact(text, self._secrets)

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> httpx.Response:
        """GET ``path`` (relative to the base URL); see the module doc for what is handled.

        The answer comes back fully read (at most ``max_body`` bytes)."""
        failures = 0
        rate_waits = 0
        while True:
            try:
                response = self._fetch(path, params)
            except httpx.TransportError as err:
                failures += 1
                self._retry_or_raise(path, failures, f"{type(err).__name__}: {err}")
                continue
            status = response.status_code
            if status in (401, 403):
                raise ConfigError(
                    self.redact(
                        f"{self.service} denied access (HTTP {status} on {path}): "
                        f"{_detail(response, self.redact)}; check the credentials and their "
                        "access level"
                    )
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
                self.redact(
                    f"{self.service} rejected {path}: HTTP {response.status_code}: "
                    f"{_detail(response, self.redact)}"
                )
            )
        return self.json(response, path)

    def json(self, response: httpx.Response, path: str) -> Any:
        """A response's parsed body: TransientError if not JSON, UnexpectedAnswer if nested
        deeper than the parser goes (RecursionError)."""
        try:
            return response.json()
        except RecursionError:
            raise UnexpectedAnswer(
                self.service, f"the body of {path} is JSON nested too deeply to read"
            ) from None
        except ValueError:
            raise TransientError(
                f"{self.service} answered {path} with a body that is not JSON"
            ) from None

    def unexpected(self, detail: str) -> UnexpectedAnswer:
        """The error for an answer of the wrong shape, redacted like every message."""
        return UnexpectedAnswer(self.service, self.redact(detail))

    def _fetch(self, path: str, params: Mapping[str, Any] | None) -> httpx.Response:
        """One GET, its body streamed and capped, returned as a fully read response."""
        with self._http.stream("GET", path, params=params) as streamed:
            declared = streamed.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body:
                raise self._too_large(path)
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + self.body_seconds
            for chunk in streamed.iter_bytes():  # decoded: a gzip bomb counts at full size
                size += len(chunk)
                if size > self.max_body:
                    raise self._too_large(path)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(
                        f"the body took longer than {self.body_seconds:g} s",
                        request=streamed.request,
                    )
        headers = [(k, v) for k, v in streamed.headers.multi_items() if k not in _WIRE_HEADERS]
        return httpx.Response(
            streamed.status_code,
            headers=headers,
            content=b"".join(chunks),
            request=streamed.request,
            extensions={k: v for k, v in streamed.extensions.items() if k == "reason_phrase"},
        )

    def _too_large(self, path: str) -> UnexpectedAnswer:
        limit = f"{self.max_body / 2**20:g} MiB"
        return UnexpectedAnswer(self.service, f"the body of {path} is larger than {limit}")

    def _check_request(self, request: httpx.Request) -> None:
        require_secure_url(request.url, f"a request of the {self.service} client")

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
        reason = self.redact(reason)
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


def _is_secret(header: str) -> bool:
    return header.lower() in ("authorization", "proxy-authorization") or "token" in header.lower()


def _credential(value: str) -> str:
    """The secret part of an Authorization value: the token after ``Bearer``."""
    scheme, _, rest = value.partition(" ")
    return rest.strip() if rest and scheme.isalpha() else value


def _detail(response: httpx.Response, clean: Callable[[str], str], limit: int = 200) -> str:
    """A short, single-line description of an error body (JSON ``detail``/``error`` if any).

    ``clean`` (redaction) runs before the cut: an error body may echo the request, and a
    secret cut in half would no longer be recognised."""
    try:
        body = response.json()
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict):
        for key in ("detail", "error_description", "message", "error", "title"):
            if isinstance(body.get(key), str):
                return clean(" ".join(body[key].split()))[:limit]
    text = clean(" ".join(response.text.split()))
    return text[:limit] or response.reason_phrase
