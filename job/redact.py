"""Keep configured secrets out of every line htctl prints.

An API error body may echo the request (headers included), and exception text may quote a URL
or a setting: whatever reaches an error line goes through ``redact`` first. It knows the secret
values of the environment (the settings below) and any extra value a caller holds (an API
client's own Authorization header), and replaces each with ``***``, also in its URL-encoded
form. Values shorter than ``MIN_SECRET_LENGTH`` are not treated as secrets: real tokens are far
longer, and masking a short word everywhere would garble messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from job import config

SECRET_SETTINGS = (
    "HT_X_BEARER_TOKEN",
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "WANDB_API_KEY",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
)
MIN_SECRET_LENGTH = 8
MASK = "***"


def configured_secrets() -> list[str]:
    """The secret values set in the environment now (a setting may change between calls)."""
    values = (config.text(name) for name in SECRET_SETTINGS)
    return [value for value in values if value]


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with every known secret (environment and ``extra``) replaced by ``***``."""
    secrets = {s for s in (*configured_secrets(), *extra) if len(s) >= MIN_SECRET_LENGTH}
    forms = secrets | {quote(s, safe="") for s in secrets}
    for secret in sorted(forms, key=len, reverse=True):  # longest first: no partial leftovers
        text = text.replace(secret, MASK)
    return text
