"""Mirror a Hub model into the store once, so thousands of pods load it from there.

``htctl mirror-base HUB_ID`` asks the Hub (``HF_ENDPOINT``, token from ``HF_TOKEN``) which
commit the revision is at, downloads the files of a ``save_pretrained`` folder at that commit
through huggingface_hub, and uploads them to ``<store>/base/<id>/`` (job/layout.py). Jobs then
train from ``--base-model store:base/<id>``.

Marker last: ``mirror.json`` ({"hub_id", "revision", "license"}) is written after every file
was uploaded and its stored size checked, and ``config.json`` goes up just before it, so a
half-done mirror has no ``config.json`` and a Job refuses it (exit 2) instead of loading
half the weights. A mirror.json naming the same id and commit makes a rerun a no-op.

The Hub's answer is untrusted: only top-level files with plain names are taken (a dot-dot name or
``onnx/model.onnx`` never become a path or a key), sizes are bounded before anything is
downloaded and checked after, and the license is kept only when it looks like a license id.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from job import config, layout
from job.errors import BadInput, ConfigError, HTError, TransientError
from job.mirror_record import (
    COMMIT_SHA,
    LICENSE_ID,
    matches,
    read_mirror,
)
from job.progress import progress
from job.redact import redact
from job.store import Store, write_json

log = logging.getLogger("htctl")

DEFAULT_ENDPOINT = "https://huggingface.co"
DEFAULT_MAX_BYTES = 100 * 1024**3  # a 50B-parameter model in bf16; --max-gb raises it
MAX_FILES = 1000
# Branches, tags, commits, refs/pr/N: what huggingface_hub quotes into one path segment.
REVISION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")
PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")

# What save_pretrained writes for a model and its tokenizer, plus the repo's license texts.
# Other formats (TF, Flax, ONNX, GGUF) and code are left on the Hub.
FOLDER_SUFFIXES = (".json", ".safetensors", ".txt", ".model", ".jinja", ".tiktoken", ".md")
LICENSE_FILES = ("LICENSE", "LICENCE", "NOTICE", "USE_POLICY")
TORCH_BIN = re.compile(r"^pytorch_model(-\d+-of-\d+)?\.bin(\.index\.json)?$")
CONFIG = "config.json"


@dataclass(frozen=True)
class HubFile:
    name: str
    size: int


@dataclass(frozen=True)
class HubModel:
    """What the Hub answered for a model at a revision, checked."""

    hub_id: str
    revision: str  # the commit sha
    license: str | None
    files: tuple[HubFile, ...]

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class MirrorResult:
    hub_id: str
    revision: str
    license: str | None
    key: str  # base/<id>
    files: int
    bytes: int | None  # None when skipped
    skipped: bool  # the same revision was already mirrored


def mirror_record(model: HubModel) -> dict:
    return {"hub_id": model.hub_id, "revision": model.revision, "license": model.license}


# -- the Hub ---------------------------------------------------------------------------------


def hub_endpoint() -> str:
    return (config.text("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def hub_token() -> str | None:
    return config.text("HF_TOKEN") or config.text("HUGGING_FACE_HUB_TOKEN")


def check_endpoint(endpoint: str, token: str | None) -> None:
    """The token never crosses the network in clear text (the sources' rule, README)."""
    if token:
        from job.sources.policy import require_secure_url

        require_secure_url(endpoint, "HF_ENDPOINT")


def hub_error(err: Exception, hub_id: str, endpoint: str) -> HTError:
    """A huggingface_hub or network failure as the error that carries its exit code: unknown
    repo or revision 2, refused (401/403, offline mode) 3, outage and network 4."""
    from huggingface_hub.errors import (
        EntryNotFoundError,
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    detail = redact(str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__)
    if isinstance(err, OfflineModeIsEnabled):
        return ConfigError(f"cannot mirror {hub_id}: HF_HUB_OFFLINE is set")
    if isinstance(err, HfHubHTTPError):
        status = err.response.status_code if err.response is not None else 0
        if isinstance(err, GatedRepoError) or status in (401, 403):
            return ConfigError(
                f"the Hub refused {hub_id} ({status}): private, gated or missing; set HF_TOKEN "
                "to a token with access"
            )
        if isinstance(err, EntryNotFoundError) and status == 404:
            return BadInput(f"the Hub lists a file of {hub_id} it does not serve: {detail}")
        if isinstance(err, RevisionNotFoundError):
            return BadInput(f"{hub_id} has no such revision on the Hub: {detail}")
        if isinstance(err, RepositoryNotFoundError) or status == 404:
            return BadInput(f"{hub_id} is not a model on the Hub at {endpoint}")
        if status == 429 or status >= 500:
            return TransientError(f"the Hub failed for {hub_id} ({status}): {detail}")
        return BadInput(f"the Hub refused the request for {hub_id} ({status}): {detail}")
    if isinstance(err, json.JSONDecodeError):  # not JSON: a proxy's page, a cut answer
        return TransientError(f"unexpected answer from the Hub for {hub_id}: {detail}")
    # OSError: connection errors, and huggingface_hub's LocalEntryNotFoundError (no answer)
    if isinstance(err, (*_transport_errors(), OSError)):
        return TransientError(f"cannot reach the Hub at {endpoint} for {hub_id}: {detail}")
    raise err


def _transport_errors() -> tuple[type[Exception], ...]:
    """Connection failures of the HTTP clients huggingface_hub uses: httpx, and the httpx2 fork
    that huggingface_hub 2.x depends on."""
    import httpx

    errors: list[type[Exception]] = [httpx.TransportError]
    try:
        import httpx2

        errors.append(httpx2.TransportError)
    except ImportError:
        pass
    return tuple(errors)


def _mirror_files(siblings: list) -> list[HubFile]:
    """The save_pretrained files among a repo's files: top-level, plain names, with sizes."""
    files = []
    for sibling in siblings:
        name, size = sibling.rfilename, sibling.size
        if not isinstance(name, str) or not PLAIN_NAME.fullmatch(name) or ".." in name:
            continue  # a sub-folder (onnx/, dot-dot) or a name that is no plain file name
        wanted = name.endswith(FOLDER_SUFFIXES) or name.upper().startswith(LICENSE_FILES)
        if not wanted and not TORCH_BIN.fullmatch(name):
            continue
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise BadInput(f"unexpected answer from the Hub: no size for {name!r}")
        files.append(HubFile(name, size))
    if any(f.name.endswith(".safetensors") for f in files):  # the same weights, twice
        files = [f for f in files if not TORCH_BIN.fullmatch(f.name)]
    return sorted(files, key=lambda f: f.name)


def _license(card_data) -> str | None:
    value = card_data.get("license") if card_data is not None else None
    return value if matches(LICENSE_ID, value) else None


def fetch_model(hub_id: str, revision: str | None, max_bytes: int) -> HubModel:
    """Ask the Hub for the commit, license and files of ``hub_id`` at ``revision``; checked."""
    from huggingface_hub import HfApi

    endpoint, token = hub_endpoint(), hub_token()
    check_endpoint(endpoint, token)
    try:
        info = HfApi(endpoint=endpoint, token=token).model_info(
            hub_id, revision=revision, files_metadata=True
        )
    except (KeyError, TypeError, AttributeError) as err:  # a body of the wrong shape
        raise BadInput(f"unexpected answer from the Hub for {hub_id}: {err!r}") from None
    except Exception as err:  # noqa: BLE001 - hub_error re-raises what it does not know
        raise hub_error(err, hub_id, endpoint) from None
    sha = info.sha
    if not matches(COMMIT_SHA, sha):
        raise BadInput(f"unexpected answer from the Hub for {hub_id}: no commit sha")
    siblings = info.siblings
    if not isinstance(siblings, list):
        raise BadInput(f"unexpected answer from the Hub for {hub_id}: no file list")
    try:
        files = _mirror_files(siblings)
        license_id = _license(info.card_data)
    except (AttributeError, TypeError) as err:
        raise BadInput(f"unexpected answer from the Hub for {hub_id}: {err!r}") from None
    model = HubModel(hub_id, sha, license_id, tuple(files))
    names = {f.name for f in files}
    if CONFIG not in names:
        raise BadInput(f"{hub_id}@{sha[:12]} has no {CONFIG}: not a transformers model")
    if not any(n.endswith(".safetensors") or TORCH_BIN.fullmatch(n) for n in names):
        raise BadInput(f"{hub_id}@{sha[:12]} has no weights (*.safetensors or pytorch_model.bin)")
    if len(files) > MAX_FILES:
        raise BadInput(f"{hub_id} has {len(files)} files to mirror, more than {MAX_FILES}")
    if model.size > max_bytes:
        raise BadInput(
            f"{hub_id}@{sha[:12]} is {model.size / 1024**3:.1f} GiB, over the limit of "
            f"{max_bytes / 1024**3:.1f} GiB (--max-gb)"
        )
    return model


def download(model: HubModel, folder: Path) -> None:
    """Every file of ``model`` at its commit into ``folder``, through huggingface_hub, each
    checked against the size the Hub listed."""
    from huggingface_hub import hf_hub_download
    from huggingface_hub.utils import disable_progress_bars

    disable_progress_bars()  # ours below: one line every few seconds in a pod's log
    endpoint, token = hub_endpoint(), hub_token()
    with progress(f"downloading {model.hub_id}", total=model.size, unit="bytes") as bar:
        for file in model.files:
            try:
                path = hf_hub_download(
                    model.hub_id,
                    file.name,
                    revision=model.revision,
                    endpoint=endpoint,
                    token=token,
                    local_dir=folder / "files",
                    cache_dir=folder / "hf-cache",
                )
            except Exception as err:  # noqa: BLE001 - hub_error re-raises what it does not know
                raise hub_error(err, model.hub_id, endpoint) from None
            got = Path(path).stat().st_size
            if got != file.size:
                raise TransientError(
                    f"downloaded {file.name} of {model.hub_id} is {got} bytes, the Hub listed "
                    f"{file.size}"
                )
            bar.advance(file.size)


# -- the store -------------------------------------------------------------------------------


def _upload_checked(store: Store, key: str, path: Path, size: int) -> None:
    store.upload_file(key, path)
    stored = store.size(key)
    if stored != size:
        raise TransientError(f"{store.uri}/{key} holds {stored} bytes after upload, not {size}")


def upload(store: Store, model: HubModel, folder: Path) -> None:
    """The files into ``base/<id>/``, config.json and then mirror.json last; the files of an
    earlier mirror that this revision lacks are deleted before config.json goes up."""
    prefix = layout.base_model_dir(model.hub_id)
    # Readers stop trusting the folder first: no marker, no config.json.
    for name in ("mirror.json", CONFIG):
        store.delete(layout.base_model_file(model.hub_id, name))
    earlier = {k for k in store.list(prefix) if "/" not in k[len(prefix) + 1 :]}
    files = sorted(model.files, key=lambda f: f.name == CONFIG)  # config.json last
    with progress(f"uploading {model.hub_id} to {store.uri}", model.size, "bytes") as bar:
        for file in files:
            if file.name == CONFIG:
                wanted = {layout.base_model_file(model.hub_id, f.name) for f in model.files}
                for stale in sorted(earlier - wanted):
                    store.delete(stale)
            path = folder / "files" / PurePosixPath(file.name).name
            _upload_checked(store, layout.base_model_file(model.hub_id, file.name), path, file.size)
            bar.advance(file.size)
    write_json(store, layout.mirror_json(model.hub_id), mirror_record(model))


def mirror_base(
    store: Store,
    hub_id: str,
    revision: str | None = None,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    work_dir: Path | None = None,
) -> MirrorResult:
    """Mirror ``hub_id`` at ``revision`` (default: the Hub's main) into ``store``, unless that
    commit is mirrored already (``force``: again anyway)."""
    key = layout.base_model_dir(hub_id)  # bad input before any request
    if revision is not None and (not REVISION.fullmatch(revision) or ".." in revision):
        raise BadInput(f"invalid revision {revision!r}: a branch, tag or commit sha")
    store.check()
    existing = read_mirror(store, hub_id)
    if existing and not force and revision == existing["revision"]:
        return _done(existing, key, store, skipped=True)  # a pinned commit: no request at all
    model = fetch_model(hub_id, revision, max_bytes)
    if existing and not force and existing["revision"] == model.revision:
        return _done(existing, key, store, skipped=True)
    log.info(
        "mirroring %s@%s (%d files, %.1f MiB, license %s) to %s/%s",
        hub_id,
        model.revision,
        len(model.files),
        model.size / 1024**2,
        model.license or "unknown",
        store.uri,
        key,
    )
    parent = work_dir or _work_dir()
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="mirror-", dir=parent))
    try:
        download(model, folder)
        upload(store, model, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return MirrorResult(
        hub_id, model.revision, model.license, key, len(model.files), model.size, skipped=False
    )


def _work_dir() -> Path:
    from job.models import cache_dir

    return cache_dir()


def _done(record: dict, key: str, store: Store, skipped: bool) -> MirrorResult:
    names = [k for k in store.list(key) if "/" not in k[len(key) + 1 :]]
    return MirrorResult(
        record["hub_id"],
        record["revision"],
        record["license"],
        key,
        files=len(names) - 1,  # mirror.json is no file of the model
        bytes=None,
        skipped=skipped,
    )
