"""Optional destination: Weights & Biases, through the Trainer's ``report_to``.

Off unless asked for: ``HT_WANDB=1`` or ``WANDB_PROJECT`` turns it on, ``HT_WANDB=0`` wins. The
key comes from ``WANDB_API_KEY`` (or wandb's own login in ``~/.netrc``) and is never logged.

htctl starts the W&B run itself instead of leaving it to the Trainer's callback (which reuses a
run that exists), because a batch system needs four things the callback does not do:

- a project of its own (``htctl``) when ``WANDB_PROJECT`` is not set, not ``huggingface``;
- one run per trained bot: the run id comes from the bot and its training fingerprint, with
  ``resume="allow"``, so a Job retried after preemption continues its run instead of starting
  a second one with the same name;
- wandb's failures as htctl's exit codes: a missing or refused key is 3, an outage is 4, one
  line each, and a missing key is found before anything runs;
- quiet: wandb's console lines (``WANDB_SILENT``) give way to one htctl log line.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import netrc
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

from job.config import environ
from job.errors import ConfigError, HTError, Preempted, TransientError

log = logging.getLogger("htctl")

DEFAULT_PROJECT = "htctl"
OFF = ("0", "false", "no", "off")
LOCAL_MODES = ("offline", "dryrun", "disabled")


def wandb_enabled(env: Mapping[str, str] | None = None) -> bool:
    env = environ() if env is None else env
    flag = env.get("HT_WANDB", "").strip().lower()
    return flag not in OFF and bool(flag or env.get("WANDB_PROJECT"))


def report_to(env: Mapping[str, str] | None = None) -> list[str]:
    """The Trainer's ``report_to``: ``["wandb"]`` when on, else nothing."""
    if not wandb_enabled(env):
        return []
    if importlib.util.find_spec("wandb") is None:
        raise ConfigError("W&B logging is configured but wandb is not installed: htctl[wandb]")
    return ["wandb"]


def _has_login(env: Mapping[str, str]) -> bool:
    if env.get("WANDB_API_KEY"):
        return True
    host = urlparse(env.get("WANDB_BASE_URL") or "https://api.wandb.ai").hostname or ""
    try:
        return netrc.netrc(env.get("NETRC")).authenticators(host) is not None
    except (OSError, netrc.NetrcParseError):
        return False


def check_wandb(env: Mapping[str, str] | None = None) -> None:
    """Fail now, not after scraping and preparing, when W&B is on but cannot log."""
    env = environ() if env is None else env
    if not report_to(env):
        return
    mode = env.get("WANDB_MODE", "online").strip().lower()
    if mode not in LOCAL_MODES and not _has_login(env):
        raise ConfigError(
            "W&B logging is on but WANDB_API_KEY is not set (nor a wandb login): set it, "
            "use WANDB_MODE=offline, or turn W&B off with HT_WANDB=0"
        )


def run_id(bot: str, fingerprint: str) -> str:
    """Stable across retries of the same training, different for other data or settings."""
    return "ht-" + hashlib.sha256(f"{bot}\n{fingerprint}".encode()).hexdigest()[:20]


def _scrubbed(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    key = environ().get("WANDB_API_KEY")
    return text.replace(key, "***") if key else text


def _refused(error: BaseException) -> bool:
    """A key the server turned down: wandb reports most HTTP errors as a CommError whose text
    holds the status ("returned error 401"); AuthenticationError only covers some of them."""
    import wandb

    return isinstance(error, wandb.errors.AuthenticationError) or bool(
        re.search(r"\b40[13]\b", str(error))
    )


def _start(bot: str, fingerprint: str, config: dict[str, Any]):
    # Read when wandb is imported. Its error reports to W&B are off: they are not the user's
    # training data, and their export failures print to stderr.
    os.environ.setdefault("WANDB_SILENT", "true")
    os.environ.setdefault("WANDB_ERROR_REPORTING", "false")
    import wandb

    project = environ().get("WANDB_PROJECT") or DEFAULT_PROJECT
    try:
        return wandb.init(
            project=project, name=bot, id=run_id(bot, fingerprint), resume="allow", config=config
        )
    except wandb.errors.UsageError as e:
        raise ConfigError(f"W&B: {_scrubbed(e)}") from None
    except (wandb.errors.Error, OSError, TimeoutError) as e:
        if _refused(e):
            raise ConfigError(f"W&B refused the API key: {_scrubbed(e)}") from None
        raise TransientError(f"W&B unreachable: {_scrubbed(e)}") from None


def run_link(run) -> dict[str, Any]:
    """What the model card links to: project, entity, run id and URL (None when offline)."""
    url = None if run.offline else run.url
    return {"project": run.project, "entity": run.entity or None, "id": run.id, "url": url}


@contextmanager
def wandb_run(bot: str, fingerprint: str, config: dict[str, Any]) -> Iterator[dict | None]:
    """The bot's W&B run around training when W&B is on (rank 0 only); nothing when off.

    Yields :func:`run_link` of the run (None when off), which metrics.json keeps for the card."""
    if not report_to():
        yield None
        return
    run = _start(bot, fingerprint, config)
    log.info("train: logging to W&B project %s, run %s (id %s)", run.project, run.name, run.id)
    exit_code = 1
    try:
        yield run_link(run)
        exit_code = 0
    except Preempted:
        run.mark_preempting()  # W&B shows it as preempted; the retry resumes the same run
        exit_code = Preempted.exit_code
        raise
    except HTError as e:
        exit_code = e.exit_code
        raise
    finally:
        run.finish(exit_code=exit_code)
