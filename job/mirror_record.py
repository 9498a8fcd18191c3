"""What ``htctl mirror-base`` leaves in the store: a base model's ``mirror.json`` record.

Read by the mirror itself (a rerun of the same commit is a no-op) and by the base model
resolver (job.models caches a mirrored folder per commit); the Hub side lives in job.mirror.
"""

from __future__ import annotations

import json
import re

from job import layout
from job.errors import BadInput
from job.store import Store

MAX_RECORD_BYTES = 64 * 1024
MIRROR_KEYS = ("hub_id", "revision", "license")
COMMIT_SHA = re.compile(r"^[0-9a-f]{40}$")
LICENSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")  # mit, apache-2.0, llama3.2


def read_mirror(store: Store, hub_id: str) -> dict | None:
    """The mirror.json of ``hub_id`` when it is complete and well-formed, else None: a marker
    is checked before it is trusted (a foreign or corrupt one means "not mirrored")."""
    key = layout.mirror_json(hub_id)
    try:
        if store.size(key) > MAX_RECORD_BYTES:  # the store is shared: bounded
            return None
        record = json.loads(store.read_bytes(key))
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(record, dict) or set(record) != set(MIRROR_KEYS):
        return None
    revision, license_id = record["revision"], record["license"]
    if record["hub_id"] != hub_id or not matches(COMMIT_SHA, revision):
        return None
    if license_id is not None and not matches(LICENSE_ID, license_id):
        return None
    return record


def matches(pattern: re.Pattern, value: object) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def mirrored_revision(store: Store, key: str) -> str | None:
    """The commit a ``store:base/<id>`` folder was mirrored at, or None for a folder that
    mirror-base did not write (one uploaded by hand loads as before)."""
    key = key.strip("/")
    hub_id = key.removeprefix(f"{layout.BASE}/")
    try:
        if layout.base_model_dir(hub_id) != key:
            return None
    except BadInput:  # not base/<a Hub id>: a folder of another kind
        return None
    record = read_mirror(store, hub_id)
    return record["revision"] if record else None
