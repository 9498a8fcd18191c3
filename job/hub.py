"""Optional destination: push a published bot to the Hugging Face Hub.

Off unless a repo id is set (``--hub-repo`` or ``HT_HUB_REPO``); the token comes only from
``HF_TOKEN`` and is never logged or put in an error message. ``HF_ENDPOINT`` points
huggingface_hub at another server (tests use a local one).

``{bot}`` in the repo name stands for the bot's name, so one setting shared by thousands of Jobs
(``HT_HUB_REPO=myorg/{bot}``) gives each bot its own repo, as huggingtweets'
``huggingtweets/<handle>``. A name the Hub would refuse is sanitised and made unique again with
8 hex digits of sha256(bot name), the same as in the bot's Job name (``job.bots.bot_hash``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from job import config
from job.bots import HASH_LEN, bot_hash
from job.errors import BadInput, ConfigError, TransientError

log = logging.getLogger("htctl")

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
BOT_PLACEHOLDER = "{bot}"
MAX_REPO_NAME = 96
_NOT_REPO_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS_AND_DASHES = re.compile(r"[.-]{2,}")  # the Hub refuses "--" and ".." in a repo id
_HASH_SUFFIX = re.compile(rf"-[0-9a-f]{{{HASH_LEN}}}$")


@dataclass(frozen=True)
class HubTarget:
    repo_id: str
    token: str

    def __repr__(self) -> str:  # the token stays out of any log or traceback line
        return f"HubTarget(repo_id={self.repo_id!r}, token=***)"

    @property
    def endpoint(self) -> str:
        return (config.text("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")

    def file_url(self, path: str) -> str:
        return f"{self.endpoint}/{self.repo_id}/resolve/main/{path}"


def repo_name(bot: str, limit: int = MAX_REPO_NAME) -> str:
    """``bot`` as a Hub repo name of at most ``limit`` characters: the name itself where the Hub
    takes it (``karpathy``, ``elonmusk-karpathy``), else its letters, digits, ``.``, ``_`` and
    ``-`` with ``-`` and the bot's hash appended, so bots that sanitise alike (``a--b.bsky.social``
    and ``a@b.bsky.social``) or share a long prefix never share a repo. A name that already ends
    like a hash (``-`` and 8 hex digits) gets one too: a name kept as it is can then never equal
    another bot's hashed name."""
    body = _DOTS_AND_DASHES.sub("-", _NOT_REPO_NAME.sub("-", bot))
    body = body.lstrip("._-").rstrip(".-")  # starts with a letter or digit, ends in no . or -
    kept = body == bot and len(bot) <= limit and not bot.endswith(".git")
    if kept and not _HASH_SUFFIX.search(bot):
        return bot
    body = body[: max(limit - HASH_LEN - 1, 0)].rstrip(".-")
    return f"{body}-{bot_hash(bot)}" if body else bot_hash(bot)


def valid_repo_id(repo: str) -> bool:
    """``owner/name`` as the Hub takes it: no ``--`` or ``..``, no ``-`` or ``.`` at the end,
    no ``.git`` suffix."""
    return bool(REPO_ID.match(repo)) and not (
        "--" in repo or ".." in repo or repo.endswith((".", "-", ".git"))
    )


def resolve_repo_id(repo: str, bot: str) -> str:
    """``repo`` with ``{bot}`` in its name replaced by the bot's repo name; checked either way."""
    owner, _, name = repo.partition("/")
    if BOT_PLACEHOLDER in name:
        room = MAX_REPO_NAME - len(name) + len(BOT_PLACEHOLDER)
        if name.count(BOT_PLACEHOLDER) > 1 or room < HASH_LEN:
            raise BadInput(
                f"invalid Hub repo id {repo!r}: {BOT_PLACEHOLDER} once, in a name of at most "
                f"{MAX_REPO_NAME} characters"
            )
        repo = f"{owner}/{name.replace(BOT_PLACEHOLDER, repo_name(bot, room))}"
    if not valid_repo_id(repo):
        raise BadInput(
            f"invalid Hub repo id {repo!r}: expected owner/name (letters, digits, '.', '_', '-'; "
            f"{BOT_PLACEHOLDER} in the name stands for the bot)"
        )
    return repo


def hub_target(repo_id: str | None, bot: str) -> HubTarget | None:
    """The Hub destination of ``bot``, or None when off; a repo without a token is a config
    error."""
    repo = repo_id or config.text("HT_HUB_REPO")
    if not repo:
        return None
    repo = resolve_repo_id(repo, bot)
    token = config.text("HF_TOKEN")
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
