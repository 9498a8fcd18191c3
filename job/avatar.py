"""The person's picture, fetched once at scrape and stored as ``raw/<handle>.avatar.<ext>``,
where the card's ``predictions.png`` finds it (``job.card_inputs.avatar_bytes``).

The avatar is a courtesy, never a reason to fail a scrape: whatever goes wrong (no such image,
a timeout, too large, not an image, a plain http:// URL off the machine) is one warning line
and the scrape goes on without it. What is fetched, and how:

- the source's ``avatar_url`` when it is an http(s) URL: one GET through ``ApiClient`` (its
  plain-http rule, redirects included; its streamed body cap, here ``MAX_BYTES``), a short
  ``TIMEOUT`` for the connection, each read and the whole body, at most one retry (a 5xx, a
  network fault, a timeout; silent, so a failure stays one line); no token,
  no credentials (userinfo in the URL is dropped), no cookies;
- else, for an archive, the file its ``profile.js`` names inside the export
  (``extra.avatar_in_archive``), through the archive's own confined, bounded reader.

The bytes are kept only when Pillow decodes them as a PNG, JPEG, WebP or GIF within
``job.plots``' limits; the extension follows the decoded format, never the URL. A new avatar
replaces the handle's stored one of any extension. ``HT_AVATARS=0`` turns fetching off (a
picture put in the store by hand is then left alone).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from job import config, layout
from job.bots import Handle
from job.card_inputs import AVATAR_SUFFIXES
from job.errors import HTError, TransientError
from job.plots import AVATAR_MAX_BYTES, decoded_avatar
from job.sources.archive import read_avatar
from job.sources.base import Profile
from job.sources.http import ApiClient
from job.sources.policy import RetryPolicy
from job.store import Store

log = logging.getLogger("htctl")

SETTING = "HT_AVATARS"
TIMEOUT = 10.0  # seconds: to connect, for each read, and for the whole body
MAX_BYTES = AVATAR_MAX_BYTES  # what the card reads back; a bigger picture is not stored
SUFFIX = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
RETRY_AFTER = 0.5  # seconds before the one retry (a 5xx, a dropped connection, a timeout)
# One try per client: the retry is ours, so that a failure stays one warning line.
POLICY = RetryPolicy(attempts=1, rate_waits=0)


@dataclass(frozen=True)
class Avatar:
    data: bytes
    suffix: str  # png, jpg, webp or gif: the decoded format's


def enabled() -> bool:
    """``HT_AVATARS`` (on unless ``0``)."""
    return config.flag(SETTING, default=True)


def fetch_avatar(
    handle: Handle,
    profile: Profile,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Avatar | None:
    """The handle's avatar, checked; None when there is none, it is off, or (with one warning)
    it cannot be had. Never raises for what the avatar host or the archive does."""
    if not enabled():
        return None
    timeout = TIMEOUT if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    in_archive = profile.extra.get("avatar_in_archive") if profile.extra else None
    if profile.avatar_url:
        where = "from " + _host(profile.avatar_url)
    elif handle.source == "archive" and handle.location and isinstance(in_archive, str):
        where = f"{in_archive!r} in the archive"
    else:
        return None
    try:
        if profile.avatar_url:
            data = download(profile.avatar_url, timeout=timeout, max_bytes=max_bytes, sleep=sleep)
        else:
            data = read_avatar(handle.location, in_archive, max_bytes)
        if len(data) > max_bytes:  # the readers stop past the cap; this states it once more
            raise ValueError(f"larger than {max_bytes} bytes")
        image_format, _ = decoded_avatar(data)
    except (HTError, httpx.HTTPError, httpx.InvalidURL, ValueError) as err:
        log.warning("@%s: avatar %s not stored: %s", handle.key, where, _one_line(err))
        return None
    return Avatar(data, SUFFIX[image_format])


def store_avatar(store: Store, bot: str, handle: str, avatar: Avatar | None) -> None:
    """Write ``avatar`` (if any) as the handle's only stored picture; before the meta marker."""
    if avatar is None:
        return
    store.write_bytes(layout.raw_avatar(bot, handle, avatar.suffix), avatar.data)
    for suffix in AVATAR_SUFFIXES:
        if suffix != avatar.suffix:
            store.delete(layout.raw_avatar(bot, handle, suffix))


def download(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """The body of a 200 answer to GET ``url`` (http or https), at most ``max_bytes``; an
    HTError, httpx error or ValueError for anything else."""
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError("not an http(s) URL")
    origin = str(parsed.copy_with(userinfo=b"", path="/", query=None, fragment=None))
    for attempt in (1, 2):
        try:
            with ApiClient(
                origin,
                "avatar host",
                headers={"Accept": "image/*"},
                policy=POLICY,
                timeout=timeout,
                sleep=sleep,
                max_body=max_bytes,
                body_seconds=timeout,
            ) as client:
                response = client.get(parsed.raw_path.decode("ascii"))
            break
        except TransientError:
            if attempt == 2:
                raise
            sleep(RETRY_AFTER)
    if response.status_code != 200:
        raise ValueError(f"HTTP {response.status_code}")
    return response.content


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or "an unusable URL"
    except httpx.InvalidURL:
        return "an unusable URL"


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())[:300] or type(err).__name__
