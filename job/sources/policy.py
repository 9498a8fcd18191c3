"""How an API client behaves, decided before any request: the retry and rate-limit policy,
the transport rule (no plain http:// off the machine without the opt-in), base URLs from the
settings, and how long a rate-limit reset header asks us to wait.

See ``job.sources.http`` for the rules these settings drive.
"""

from __future__ import annotations

import email.utils
import ipaddress
import math
import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from job import config
from job.errors import ConfigError, InsecureTransport

# A reset header at or above this is an epoch timestamp (2001-09-09); below, a delta in seconds.
_EPOCH_THRESHOLD = 1_000_000_000
INSECURE_HTTP_SETTING = "HT_ALLOW_INSECURE_HTTP"


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
