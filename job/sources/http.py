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

Hostile answers (an API is untrusted input):

- A body larger than ``MAX_BODY_BYTES`` (16 MiB, decompressed) is not read further: the body is
  streamed and the read stops there. A body that takes longer than ``BODY_SECONDS`` to arrive
  is a network fault (retried, then exit 4).
- An answer that is JSON but not of the documented shape, too large, or nested too deeply to
  parse is ``UnexpectedAnswer`` (exit 2, "unexpected answer from X API: ..."): retrying the same
  request cannot fix it. A body that is not JSON at all (a proxy's error page, a cut answer)
  stays a transient fault (exit 4).
- Plain ``http://`` is refused (ConfigError, exit 3, before any connection) unless the host is
  loopback (127.0.0.0/8, ::1, localhost) or ``HT_ALLOW_INSECURE_HTTP=1``; redirects too.
- ``PageGuard`` ends every paging loop: a repeated cursor, a page of nothing new, an empty page
  that still offers a cursor, or the hard caps ``MAX_PAGES``/``MAX_ITEMS``.
- ``path_segment`` encodes any API value that goes into a request path.

Secrets: request headers are never logged or put into messages, messages name only the path,
never the query string, and every message passes through ``job.redact.redact`` with the
client's own credential, so an error body that echoes the request cannot leak it.

Tests pass ``sleep`` (and ``now``) so that waiting costs nothing; the server stays real.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import math
import random
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

from job import config
from job.errors import BadInput, ConfigError, TransientError
from job.redact import redact

log = logging.getLogger("htctl")

USER_AGENT = "htctl/0.1 (+https://github.com/huggingtweets)"
# A reset header at or above this is an epoch timestamp (2001-09-09); below, a delta in seconds.
_EPOCH_THRESHOLD = 1_000_000_000

MAX_BODY_BYTES = 16 * 1024 * 1024  # a 100-post page is about 100 KB; 16 MiB is a broken server
BODY_SECONDS = 300.0  # the whole body of one answer, however slowly it drips
MAX_PAGES = 5_000  # pages per paging loop (X's 3,200 posts are 32 pages of 100)
MAX_ITEMS = 100_000  # posts per handle and paging loop, whatever HT_*_MAX_POSTS says
INSECURE_HTTP_SETTING = "HT_ALLOW_INSECURE_HTTP"
# Headers that describe the bytes on the wire, not the decoded body we keep.
_WIRE_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


class UnexpectedAnswer(BadInput):
    """An API answered, but not with what it documents: wrong shape, too large, too deep.

    Exit 2: the same request would get the same answer, so a retried Job cannot help.
    """

    def __init__(self, service: str, detail: str):
        super().__init__(f"unexpected answer from {service}: {detail}")


class InsecureTransport(ConfigError):
    """Plain http:// to a host that is not loopback, without the opt-in (exit 3)."""


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
        The upper bounds keep a typo from holding a pod for days.
        """
        base = cls(wait_setting=f"{prefix}_MAX_RATE_WAIT", **defaults)
        return replace(
            base,
            max_rate_wait=config.number(
                f"{prefix}_MAX_RATE_WAIT", base.max_rate_wait, maximum=86_400
            ),
            attempts=config.whole(f"{prefix}_RETRIES", base.attempts, minimum=1, maximum=100),
            backoff=config.number(f"{prefix}_BACKOFF", base.backoff, maximum=3_600),
        )

    def backoff_delay(self, retry: int, rng: random.Random) -> float:
        """Seconds before retry number ``retry`` (1-based): doubling, capped, half jittered."""
        delay = min(self.max_backoff, self.backoff * 2 ** (retry - 1))
        return delay / 2 + rng.uniform(0, delay / 2)


def env_number(
    name: str,
    default: float,
    minimum: float = 0,
    maximum: float = math.inf,
    whole: bool = False,
) -> float:
    """A finite number from the environment, within bounds (``config.number``)."""
    return config.number(name, default, minimum=minimum, maximum=maximum, whole=whole)


def insecure_http_allowed() -> bool:
    """Whether ``HT_ALLOW_INSECURE_HTTP`` opts in to plain http:// for non-loopback hosts."""
    return config.flag(INSECURE_HTTP_SETTING)


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: traffic that never leaves the machine."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def require_secure_url(url: str | httpx.URL, what: str) -> None:
    """ConfigError for plain http:// to a host that is not loopback, unless opted in.

    Checked before any connection: a bearer token sent in clear text over the network is
    readable by every hop on the way.
    """
    parsed = httpx.URL(str(url))
    if parsed.scheme != "http" or is_loopback(parsed.host) or insecure_http_allowed():
        return
    raise InsecureTransport(
        f"{what} is plain http:// to {parsed.host}, which is not loopback: use https:// "
        f"(or set {INSECURE_HTTP_SETTING}=1 to send requests, tokens included, unencrypted)"
    )


def base_url_from_env(name: str, default: str) -> str:
    """An API base URL setting, checked up front so a typo is exit 3, not a retried error."""
    url = config.text(name, default) or ""
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{name}={url!r} is not an http:// or https:// URL")
    try:
        require_secure_url(url, name)
    except httpx.InvalidURL:
        raise ConfigError(f"{name}={url!r} is not a valid URL") from None
    return url.rstrip("/")


def path_segment(value: object) -> str:
    """An API value (a user id, a handle) as one request path segment, never more.

    Everything but unreserved characters is percent-encoded (``/`` included), and ``.``/``..``
    are written ``%2E`` so that no URL normalisation can read them as a step up.
    """
    segment = quote(str(value), safe="")
    if segment.strip(".") == "":
        segment = segment.replace(".", "%2E")
    return segment


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
        if not math.isfinite(number):
            return None
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


class PageGuard:
    """Progress checks for one paging loop, so that no API can keep it going forever.

    Call ``fresh`` with each page's item keys (it drops items already seen in this loop), then
    ``follow`` with the cursor the page offered: True to fetch the next page. Paging ends
    normally when there is no cursor, with a log line when a page came back empty but still
    offered a cursor, and with a warning (keeping what was fetched) when the API misbehaves: a
    cursor offered before, a page with nothing new, or the ``MAX_PAGES``/``MAX_ITEMS`` caps.
    """

    def __init__(
        self,
        service: str,
        what: str,
        max_pages: int | None = None,
        max_items: int | None = None,
    ):
        self.service = service
        self.what = what  # "the posts of @alice", for log lines
        self.max_pages = max_pages or MAX_PAGES  # read at call time: tests may lower them
        self.max_items = max_items or MAX_ITEMS
        self.pages = 0
        self.items = 0
        self._seen: set[Hashable] = set()
        self._cursors: set[Hashable] = set()
        self._last_fresh = 0
        self._last_size = 0

    def fresh(self, keys: Iterable[Hashable]) -> list[bool]:
        """Count one page; for each item, whether it is new (not seen earlier in this loop)."""
        self.pages += 1
        marks = []
        for key in keys:
            new = key not in self._seen and self.items < self.max_items
            if new:
                self._seen.add(key)
                self.items += 1
            marks.append(new)
        self._last_size, self._last_fresh = len(marks), sum(marks)
        return marks

    def follow(self, cursor: Hashable | None) -> bool:
        """Whether to fetch the page ``cursor`` points at; logs why paging ends when not."""
        if cursor is None or cursor == "":
            return False
        kept = f"{self.items} fetched"
        if self._last_size == 0:
            log.info(
                "%s: an empty page of %s still offered a next page; paging ends (%s)",
                self.service,
                self.what,
                kept,
            )
            return False
        if self._last_fresh == 0:
            log.warning("%s repeated a page of %s; paging ends (%s)", self.service, self.what, kept)
            return False
        if cursor in self._cursors:
            log.warning(
                "%s offered a page cursor of %s a second time; paging ends (%s)",
                self.service,
                self.what,
                kept,
            )
            return False
        if self.items >= self.max_items or self.pages >= self.max_pages:
            log.warning(
                "%s: %s reached the cap of %d posts or %d pages; paging ends (%s)",
                self.service,
                self.what,
                self.max_items,
                self.max_pages,
                kept,
            )
            return False
        self._cursors.add(cursor)
        return True


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
    ):
        self.service = service
        self.policy = policy or RetryPolicy()
        self.max_body = max_body or MAX_BODY_BYTES
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
            deadline = time.monotonic() + BODY_SECONDS
            for chunk in streamed.iter_bytes():  # decoded: a gzip bomb counts at full size
                size += len(chunk)
                if size > self.max_body:
                    raise self._too_large(path)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(
                        f"the body took longer than {BODY_SECONDS:.0f} s", request=streamed.request
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
