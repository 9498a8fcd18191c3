"""What the model card reads besides stats.json and metrics.json: where the base model came
from (a mirror's ``mirror.json``), its license, and the person's avatar image in the store.

Everything here is optional: what is missing or malformed is left out of the card (with a
warning), never a failed publish. Reads are bounded: the store is shared and written by all.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from job import layout
from job.card_metadata import Account, known_license
from job.errors import HTError
from job.models import HUB_ID, TINY, hub_id
from job.plots import AVATAR_MAX_BYTES
from job.store import Store, open_store

log = logging.getLogger("htctl")

SMALL_FILE = 256 * 1024  # mirror.json, a base model's README.md or config.json
AVATAR_SUFFIXES = ("png", "jpg", "jpeg", "webp", "gif")


def read_bounded(store: Store, key: str, limit: int) -> bytes | None:
    """The object at ``key`` when it exists and holds at most ``limit`` bytes, else None.

    The store is shared and written by everyone: an object is never read past ``limit``, and
    in a local store a link is not followed."""
    try:
        data = store.read_head(key, limit)
    except FileNotFoundError:
        return None
    if len(data) > limit:
        log.warning("%s/%s ignored: larger than %d bytes", store.uri, key, limit)
        return None
    return data


@dataclass
class BaseOrigin:
    """Where a base model came from, for the card: its Hub id, revision and license."""

    hub_id: str | None = None
    revision: str | None = None
    license: str | None = None


_REVISION = re.compile(r"^[A-Za-z0-9._/-]{1,100}$")


def _base_folder(spec: str, store: Store) -> tuple[Store, str] | None:
    """The store and key prefix of a base model folder (``s3://``, ``store:`` or local)."""
    spec = spec.strip()
    if spec.startswith("s3://"):
        return open_store(spec.rstrip("/")), ""
    if spec.startswith("store:"):
        # A mirror is never inside a bot's staging folder: the whole store.
        return store.unprefixed(), spec[len("store:") :].strip("/")
    folder = Path(spec).expanduser()
    if hub_id(spec) is None and folder.is_dir():
        return open_store(str(folder)), ""
    return None


def _is_hub_id(value) -> bool:
    """A Hub id the card can link to: ``name`` or ``org/name``, no ``..`` part."""
    return (
        isinstance(value, str)
        and bool(HUB_ID.match(value))
        and ".." not in value.split("/")
        and value != TINY
    )


def _front_matter_license(card: bytes) -> str | None:
    text = card.decode("utf-8", errors="replace")
    match = re.match(r"^---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
    try:
        matter = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return None
    value = matter.get("license") if isinstance(matter, dict) else None
    return value if isinstance(value, str) else None


def base_origin(spec: str, store: Store) -> BaseOrigin:
    """The base model's Hub id and license, from what is known without the network.

    A mirror (an ``s3://``/``store:`` path or a local folder) may hold ``mirror.json``:
    ``{"hub_id": "gpt2", "revision": "<commit>", "license": "mit"}``, written when it was
    mirrored. The license is the mirror's, else the ``license`` of the folder's README.md front
    matter or of its config.json, else the known license of its Hub id; None when unknown.
    Unreadable or malformed metadata is a warning, never a failed publish."""
    origin = BaseOrigin(hub_id=hub_id(spec))
    folder = None
    try:
        folder = _base_folder(spec, store)
    except HTError as err:
        log.warning("base model %s: cannot read its metadata: %s", spec, err)
    if folder is not None:
        base_store, prefix = folder

        def key(name: str) -> str:
            return f"{prefix}/{name}" if prefix else name

        try:
            mirror = read_bounded(base_store, key("mirror.json"), SMALL_FILE)
            meta = json.loads(mirror) if mirror else {}
            if not isinstance(meta, dict):
                raise ValueError("not a JSON object")
            if _is_hub_id(meta.get("hub_id")):
                origin.hub_id = meta["hub_id"]
            if isinstance(meta.get("revision"), str) and _REVISION.match(meta["revision"]):
                origin.revision = meta["revision"]
            if isinstance(meta.get("license"), str) and meta["license"].strip():
                origin.license = meta["license"].strip()
            kept = {"hub_id": origin.hub_id, "revision": origin.revision, "license": origin.license}
            dropped = sorted(k for k in kept if k in meta and kept[k] is None)
            if dropped:
                invalid = ", ".join(dropped)
                log.warning("base model %s: mirror.json: invalid %s ignored", spec, invalid)
            if origin.license is None:
                card = read_bounded(base_store, key("README.md"), SMALL_FILE)
                origin.license = _front_matter_license(card) if card else None
            if origin.license is None:
                config = read_bounded(base_store, key("config.json"), SMALL_FILE)
                value = json.loads(config).get("license") if config else None
                origin.license = value if isinstance(value, str) and value.strip() else None
        except (HTError, OSError, ValueError, AttributeError) as err:
            log.warning("base model %s: metadata ignored: %s", spec, err)
    if origin.license is None:
        origin.license = known_license(origin.hub_id)
    return origin


def avatar_bytes(store: Store, bot: str, people: list[Account]) -> bytes | None:
    """The first person's picture stored as ``raw/<handle>.avatar.<png|jpg|...>``, if any."""
    for person in people:
        for suffix in AVATAR_SUFFIXES:
            key = layout.raw_avatar(bot, person.handle, suffix)
            try:
                data = read_bounded(store, key, AVATAR_MAX_BYTES)
            except HTError as err:
                log.warning("%s: avatar not read: %s", key, err)
                data = None
            if data:
                return data
    return None
