"""Optional destination: push a published bot to the Hugging Face Hub.

Off unless a repo id is set (``--hub-repo`` or ``HT_HUB_REPO``); the token comes only from
``HF_TOKEN`` and is never logged or put in an error message. ``HF_ENDPOINT`` points
huggingface_hub at another server (tests use a local one).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from job.errors import BadInput, ConfigError, TransientError

log = logging.getLogger("htctl")

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


@dataclass(frozen=True)
class HubTarget:
    repo_id: str
    token: str

    def __repr__(self) -> str:  # the token stays out of any log or traceback line
        return f"HubTarget(repo_id={self.repo_id!r}, token=***)"

    @property
    def endpoint(self) -> str:
        return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")

    def file_url(self, path: str) -> str:
        return f"{self.endpoint}/{self.repo_id}/resolve/main/{path}"


def hub_target(repo_id: str | None = None) -> HubTarget | None:
    """The Hub destination, or None when off; a repo without a token is a config error."""
    repo = repo_id or os.environ.get("HT_HUB_REPO") or None
    if not repo:
        return None
    if not REPO_ID.match(repo):
        raise BadInput(f"invalid Hub repo id {repo!r}: expected owner/name")
    token = os.environ.get("HF_TOKEN")
    if not token:
        raise ConfigError(
            f"a Hub repo ({repo}) is set but HF_TOKEN is not: set it or drop the repo"
        )
    return HubTarget(repo_id=repo, token=token)


def _scrub(message: str, token: str) -> str:
    return message.replace(token, "***") if token else message


def push(target: HubTarget, folder: Path, message: str) -> str:
    """Upload ``folder`` as one commit to the model repo (created if missing); returns its URL."""
    import httpx
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    api = HfApi(endpoint=target.endpoint, token=target.token)
    try:
        api.create_repo(target.repo_id, repo_type="model", exist_ok=True)
        api.upload_folder(
            repo_id=target.repo_id, folder_path=folder, repo_type="model", commit_message=message
        )
    except OfflineModeIsEnabled:
        raise ConfigError(f"cannot push to {target.repo_id}: HF_HUB_OFFLINE is set") from None
    except HfHubHTTPError as err:
        status = err.response.status_code if err.response is not None else 0
        detail = _scrub(str(err).splitlines()[0], target.token)
        if status in (401, 403):
            raise ConfigError(f"the Hub refused the push to {target.repo_id}: {detail}") from None
        if status >= 500 or status == 429:
            raise TransientError(f"the Hub push to {target.repo_id} failed: {detail}") from None
        raise BadInput(f"the Hub push to {target.repo_id} failed: {detail}") from None
    except ValueError as err:  # e.g. the Hub rejected the card's metadata
        detail = _scrub(str(err).splitlines()[0], target.token)
        raise BadInput(f"the Hub push to {target.repo_id} failed: {detail}") from None
    except (OSError, httpx.TransportError) as err:  # connection errors
        detail = _scrub(str(err), target.token)
        raise TransientError(f"cannot reach the Hub at {target.endpoint}: {detail}") from None
    url = f"{target.endpoint}/{target.repo_id}"
    log.info("pushed to the Hub: %s", url)
    return url
