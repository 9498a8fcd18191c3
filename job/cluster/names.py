"""Kubernetes names for bots: DNS-1123 Job names and valid label values.

A Job name is ``ht-<sanitized bot name>-<hash>``: the sanitised name keeps it readable, the
first 8 hex digits of sha256(bot name) keep it unique when sanitising merges names (``a_b`` and
``a-b`` both become ``a-b``). The chart computes the same name with sprig's ``sha256sum``
(charts/huggingtweets/templates/_helpers.tpl), so both routes name a bot's Job alike.
"""

from __future__ import annotations

import re

from job.bots import HASH_LEN, bot_hash

JOB_PREFIX = "ht-"
MAX_NAME = 63  # a Job's name becomes the pods' job-name label value
_NOT_DNS = re.compile(r"[^a-z0-9-]+")
_DASHES = re.compile(r"-{2,}")
LABEL_VALUE = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$")
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")


def sanitize(text: str, limit: int) -> str:
    """Lower-case, runs of invalid characters to one ``-``, trimmed to ``limit``."""
    out = _DASHES.sub("-", _NOT_DNS.sub("-", text.lower())).strip("-")
    return out[:limit].strip("-")


def job_name(bot_name: str) -> str:
    """The Job of a bot: valid DNS-1123 label, at most 63 characters, unique per bot name."""
    room = MAX_NAME - len(JOB_PREFIX) - 1 - HASH_LEN
    body = sanitize(bot_name, room)
    return f"{JOB_PREFIX}{body}-{bot_hash(bot_name)}" if body else JOB_PREFIX + bot_hash(bot_name)


def bot_label(bot_name: str) -> str:
    """The ``huggingtweets/bot`` label: the bot name itself when that is a valid label value,
    else the Job name (the exact bot stays in the ``huggingtweets/bot`` annotation)."""
    if len(bot_name) <= MAX_NAME and LABEL_VALUE.match(bot_name):
        return bot_name
    return job_name(bot_name)


def label_safe(value: str) -> bool:
    return bool(LABEL_VALUE.match(value)) and len(value) <= MAX_NAME
