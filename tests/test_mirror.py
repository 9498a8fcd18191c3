"""``htctl mirror-base``: a Hub model copied into ``<store>/base/<id>/`` once, marker last.

Against the local Hub in tests/servers/hub.py (real HTTP, the answers huggingface_hub reads),
serving the ``tiny`` preset's save_pretrained folder plus files a mirror must leave behind.
In-process tests cover the logic; subprocess ones the exit codes, the one error line and the
token; one tiny run trains from the mirror in moto's S3.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from job import layout
from job.errors import BadInput, TransientError
from job.mirror import DEFAULT_MAX_BYTES, mirror_base
from job.mirror_record import MIRROR_KEYS, read_mirror
from job.models import cache_dir, load_base_model, resolve_base_model, save_tiny
from job.store import LocalStore, S3Store
from tests.servers.hub import HubServer, commit_sha, folder_files
from tests.support.cli import SAMPLE_ARCHIVE, assert_one_error_line, free_port
from tests.support.stores import store_snapshot

REPO = "htctl-test/tiny-gpt2"
TOKEN = "hf_mirror_secret_token"
LEFT_ON_THE_HUB = {
    "flax_model.msgpack": b"flax" * 8,
    "pytorch_model.bin": b"torch" * 8,  # the same weights as model.safetensors
    ".gitattributes": b"*.safetensors filter=lfs\n",
    "modeling_custom.py": b"import os\n",
}


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory) -> dict[str, bytes]:
    """The tiny preset as a Hub repo holds it: the save_pretrained folder and a card."""
    files = folder_files(save_tiny(tmp_path_factory.mktemp("tiny")))
    files["README.md"] = b"---\nlicense: apache-2.0\n---\n# tiny\n"
    return files


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """The local Hub, for this process (huggingface_hub read HF_HUB_OFFLINE=1 at import) and
    for the htctl subprocesses (through the environment)."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))  # nothing lands in ~/.cache
    # Base models cached per test; DeepSpeed's JIT-built ops where every test finds them.
    shared = os.environ.get("TORCH_EXTENSIONS_DIR") or str(cache_dir() / "torch_extensions")
    monkeypatch.setenv("TORCH_EXTENSIONS_DIR", shared)
    monkeypatch.setenv("HT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with HubServer() as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        yield server


@pytest.fixture
def tiny_repo(hub, tiny_files):
    return hub.add(REPO, {**tiny_files, **LEFT_ON_THE_HUB}, card_data={"license": "apache-2.0"})


class RecordingStore(LocalStore):
    """A local store that records its writes, in order, and can fail the n-th upload (a pod
    killed or a disk gone mid-mirror)."""

    def __init__(self, root: Path, fail_upload: int | None = None):
        super().__init__(root)
        self.writes: list[str] = []
        self.fail_upload = fail_upload

    def upload_file(self, key: str, path: Path) -> None:
        if self.fail_upload is not None and len(self.writes) == self.fail_upload:
            raise TransientError(f"store {self.uri}: cannot write {key}: disk gone")
        self.writes.append(key)
        super().upload_file(key, path)

    def write_bytes(self, key: str, data: bytes) -> None:
        self.writes.append(key)
        super().write_bytes(key, data)


def mirrored_names(store: LocalStore, hub_id: str = REPO) -> set[str]:
    prefix = layout.base_model_dir(hub_id) + "/"
    return {k[len(prefix) :] for k in store.list(prefix)}


def resolve_requests(hub: HubServer) -> list[str]:
    return [r.path for r in hub.requests if "/resolve/" in r.path]


# -- mirroring --------------------------------------------------------------------------------


def test_mirror_copies_the_save_pretrained_folder_and_writes_the_record_last(
    hub, tiny_repo, tiny_files, tmp_path
):
    store = RecordingStore(tmp_path / "store")
    result = mirror_base(store, REPO)
    assert not result.skipped and result.revision == tiny_repo.sha
    assert mirrored_names(store) == set(tiny_files) | {"mirror.json"}
    for name, data in tiny_files.items():
        assert store.read_bytes(f"base/{REPO}/{name}") == data, name
    record = json.loads(store.read_bytes(f"base/{REPO}/mirror.json"))
    assert list(record) == list(MIRROR_KEYS)
    assert record == {"hub_id": REPO, "revision": tiny_repo.sha, "license": "apache-2.0"}
    # The marker last, config.json (what a Job checks first) right before it.
    assert store.writes[-2:] == [f"base/{REPO}/config.json", f"base/{REPO}/mirror.json"]
    # Files a save_pretrained folder does not need were never even downloaded.
    fetched = {p.rsplit("/", 1)[1] for p in resolve_requests(hub)}
    assert fetched == set(tiny_files)
    assert all(f"/resolve/{tiny_repo.sha}/" in p for p in resolve_requests(hub))  # one commit


def test_jobs_load_the_mirror_through_store_base(hub, tiny_repo, tiny_files, tmp_path):
    store = LocalStore(tmp_path / "store")
    mirror_base(store, REPO)
    folder = Path(resolve_base_model(f"store:base/{REPO}", store))
    assert (folder / "model.safetensors").read_bytes() == tiny_files["model.safetensors"]
    model, tokenizer = load_base_model(str(folder))
    assert model.config.n_layer == 2 and tokenizer.eos_token == "<|endoftext|>"


def test_rerun_of_the_same_revision_is_a_no_op(hub, tiny_repo, tmp_path):
    store = LocalStore(tmp_path / "store")
    mirror_base(store, REPO)
    before = store_snapshot(store.uri)
    hub.requests.clear()
    again = mirror_base(store, REPO)
    assert again.skipped and again.revision == tiny_repo.sha
    assert resolve_requests(hub) == [] and len(hub.requests) == 1  # asked main's commit only
    pinned = mirror_base(store, REPO, revision=tiny_repo.sha)
    assert pinned.skipped and len(hub.requests) == 1  # a pinned commit needs no request
    assert store_snapshot(store.uri) == before


def test_force_mirrors_the_same_revision_again(hub, tiny_repo, tiny_files, tmp_path):
    store = LocalStore(tmp_path / "store")
    mirror_base(store, REPO)
    hub.requests.clear()
    result = mirror_base(store, REPO, force=True)
    assert not result.skipped
    assert len(resolve_requests(hub)) == 2 * len(tiny_files)  # HEAD and GET of each file
    assert read_mirror(store, REPO)["revision"] == tiny_repo.sha


def test_a_new_revision_replaces_the_files_and_jobs_see_it(hub, tiny_repo, tiny_files, tmp_path):
    store = LocalStore(tmp_path / "store")
    mirror_base(store, REPO)
    first = Path(resolve_base_model(f"store:base/{REPO}", store))
    # main moves on: new weights, and a file the new commit no longer has.
    new_files = {k: v for k, v in tiny_files.items() if k != "generation_config.json"}
    new_files["model.safetensors"] = folder_files(save_tiny(tmp_path / "v2", seed=1))[
        "model.safetensors"
    ]
    hub.add(REPO, new_files, sha=commit_sha("v2"), card_data={"license": "mit"})
    result = mirror_base(store, REPO)
    assert not result.skipped and result.revision == commit_sha("v2")
    assert mirrored_names(store) == set(new_files) | {"mirror.json"}  # the stale file is gone
    assert read_mirror(store, REPO) == {
        "hub_id": REPO,
        "revision": commit_sha("v2"),
        "license": "mit",
    }
    second = Path(resolve_base_model(f"store:base/{REPO}", store))
    assert second != first  # cached per commit: not the old copy
    assert (second / "model.safetensors").read_bytes() == new_files["model.safetensors"]


def test_a_pinned_revision_is_mirrored_at_that_commit(hub, tiny_repo, tiny_files, tmp_path):
    tiny_repo.branches["v1"] = tiny_repo.sha
    store = LocalStore(tmp_path / "store")
    assert mirror_base(store, REPO, revision="v1").revision == tiny_repo.sha
    assert hub.paths("/revision/")[0].path == f"/api/models/{REPO}/revision/v1"


def test_a_single_segment_id_is_one_key_segment(hub, tiny_files, tmp_path):
    hub.add("gpt2", tiny_files)
    store = LocalStore(tmp_path / "store")
    assert mirror_base(store, "gpt2").key == "base/gpt2"
    assert "config.json" in mirrored_names(store, "gpt2")


# -- what a broken or hostile Hub cannot do ---------------------------------------------------


def test_file_names_from_the_hub_never_become_paths_or_keys(hub, tiny_files, tmp_path):
    hostile = ["../../escape.json", "sub/../../escape.json", "/etc/escape.json", "onnx/x.json"]
    hub.add(
        REPO,
        tiny_files,
        extra_siblings=[{"rfilename": name, "size": 10} for name in hostile],
    )
    store = LocalStore(tmp_path / "root" / "store")
    mirror_base(store, REPO, work_dir=tmp_path / "root")
    assert mirrored_names(store) == set(tiny_files) | {"mirror.json"}
    assert not [p for p in resolve_requests(hub) if "escape" in p or "onnx" in p]
    assert not list(tmp_path.rglob("escape.json"))


@pytest.mark.parametrize(
    "card_data",
    [
        {"license": "mit\nbase_model: evil/model"},  # would add a line to a card's front matter
        {"license": "mit\n"},
        {"license": "x" * 500},
        {"license": 7},
        {"license": ["mit", "apache-2.0"]},
        {"license": None},
        None,
    ],
)
def test_a_license_that_is_no_license_id_is_recorded_as_unknown(
    hub, tiny_files, tmp_path, card_data
):
    hub.add(REPO, tiny_files, card_data=card_data)
    store = LocalStore(tmp_path / "store")
    assert mirror_base(store, REPO).license is None
    assert read_mirror(store, REPO)["license"] is None


@pytest.mark.parametrize(
    "override",
    [
        {"sha": None},
        {"sha": "../../main"},
        {"sha": commit_sha("trailing") + "\n"},
        {"siblings": "config.json"},
        {"siblings": [{"size": 3}]},
        {"siblings": [{"rfilename": "config.json", "size": "big"}]},
    ],
)
def test_answers_of_the_wrong_shape_are_bad_input(hub, tiny_files, tmp_path, override):
    hub.add(REPO, tiny_files, info_override=override)
    store = LocalStore(tmp_path / "store")
    with pytest.raises(BadInput, match="unexpected answer from the Hub"):
        mirror_base(store, REPO)
    assert store.list("base") == [] and resolve_requests(hub) == []


def test_a_file_of_another_size_than_listed_leaves_no_mirror(hub, tiny_files, tmp_path):
    size = len(tiny_files["model.safetensors"])
    hub.add(REPO, tiny_files, listed_sizes={"model.safetensors": size + 1})
    store = LocalStore(tmp_path / "store")
    with pytest.raises(TransientError, match="model.safetensors"):
        mirror_base(store, REPO)
    assert read_mirror(store, REPO) is None and not store.exists(f"base/{REPO}/config.json")


def test_a_model_over_the_size_limit_is_refused_before_any_download(hub, tiny_files, tmp_path):
    hub.add(REPO, tiny_files, listed_sizes={"model.safetensors": DEFAULT_MAX_BYTES})
    store = LocalStore(tmp_path / "store")
    with pytest.raises(BadInput, match="--max-gb"):
        mirror_base(store, REPO)
    assert resolve_requests(hub) == []
    with pytest.raises(BadInput, match="--max-gb"):
        mirror_base(store, REPO, max_bytes=1024)


def test_a_repo_without_config_or_weights_is_no_model(hub, tiny_files, tmp_path):
    store = LocalStore(tmp_path / "store")
    hub.add("someone/dataset-like", {"README.md": b"# data\n", "data.txt": b"x"})
    with pytest.raises(BadInput, match="no config.json"):
        mirror_base(store, "someone/dataset-like")
    hub.add("someone/no-weights", {"config.json": tiny_files["config.json"]})
    with pytest.raises(BadInput, match="no weights"):
        mirror_base(store, "someone/no-weights")


def test_a_corrupt_or_foreign_record_is_not_trusted(hub, tiny_repo, tmp_path):
    store = LocalStore(tmp_path / "store")
    mirror_base(store, REPO)
    key = layout.mirror_json(REPO)
    for record in (
        b"{not json",
        json.dumps({"hub_id": "other/model", "revision": tiny_repo.sha, "license": None}),
        json.dumps({"hub_id": REPO, "revision": tiny_repo.sha}),  # a key missing
        json.dumps({"hub_id": REPO, "revision": tiny_repo.sha + "\n", "license": None}),
        json.dumps({"hub_id": REPO, "revision": tiny_repo.sha, "license": 7}),
        json.dumps({"hub_id": REPO, "revision": tiny_repo.sha, "license": "x" * 70_000}),
    ):
        store.write_bytes(key, record if isinstance(record, bytes) else record.encode())
        hub.requests.clear()
        assert not mirror_base(store, REPO).skipped
        assert resolve_requests(hub), "mirrored again"
        assert read_mirror(store, REPO)["revision"] == tiny_repo.sha


def test_a_mirror_cut_off_midway_is_refused_by_jobs_and_completed_by_a_rerun(
    hub, tiny_repo, tiny_files, tmp_path
):
    broken = RecordingStore(tmp_path / "store", fail_upload=2)
    with pytest.raises(TransientError, match="disk gone"):
        mirror_base(broken, REPO)
    assert read_mirror(broken, REPO) is None
    with pytest.raises(BadInput, match="no config.json"):  # not half the weights
        resolve_base_model(f"store:base/{REPO}", broken)
    store = LocalStore(tmp_path / "store")
    assert not mirror_base(store, REPO).skipped
    assert mirrored_names(store) == set(tiny_files) | {"mirror.json"}


def test_a_remirror_cut_off_midway_leaves_no_trusted_folder(hub, tiny_repo, tmp_path):
    store = LocalStore(tmp_path / "store")
    mirror_base(store, REPO)
    broken = RecordingStore(tmp_path / "store", fail_upload=1)
    with pytest.raises(TransientError):
        mirror_base(broken, REPO, force=True)
    assert read_mirror(store, REPO) is None and not store.exists(f"base/{REPO}/config.json")


@pytest.mark.parametrize(
    "hub_id",
    ["../x", "a/b/c", "a--b/c", "org/name.git", "-x", "org/", "/org/x", "org/x y", "model/x"],
)
def test_ids_that_are_no_hub_ids_are_refused_before_any_request(hub, tmp_path, hub_id):
    store = LocalStore(tmp_path / "store")
    with pytest.raises(BadInput):
        mirror_base(store, hub_id)
    assert hub.requests == [] and not (tmp_path / "store").exists()


@pytest.mark.parametrize("revision", ["../main", "main/../x", "-rf", "a b", ""])
def test_bad_revisions_are_refused_before_any_request(hub, tiny_repo, tmp_path, revision):
    with pytest.raises(BadInput, match="invalid revision"):
        mirror_base(LocalStore(tmp_path / "store"), REPO, revision=revision)
    assert hub.requests == []


# -- the command: exit codes, one line, no token ----------------------------------------------


def test_unknown_repo_is_exit_2(hub, htctl, tmp_path):
    result = htctl("mirror-base", "nobody/nothing", "--store", str(tmp_path / "s"))
    assert_one_error_line(result, 2, "nobody/nothing", "not a model")
    assert not (tmp_path / "s" / "base").exists()


def test_unknown_revision_is_exit_2(hub, tiny_repo, htctl, tmp_path):
    result = htctl("mirror-base", REPO, "--revision", "v9", "--store", str(tmp_path / "s"))
    assert_one_error_line(result, 2, "no such revision")


def test_private_repo_with_a_wrong_token_is_exit_3_and_the_token_stays_hidden(
    hub, tiny_files, htctl, tmp_path
):
    hub.add(REPO, tiny_files, token="hf_the_right_token_value")
    result = htctl("mirror-base", REPO, "--store", str(tmp_path / "s"), env={"HF_TOKEN": TOKEN})
    assert_one_error_line(result, 3, "HF_TOKEN", "401")
    assert TOKEN not in result.stdout + result.stderr
    assert {r.header("Authorization") for r in hub.paths("/api/models/")} == {f"Bearer {TOKEN}"}


def test_private_repo_with_its_token_is_mirrored(hub, tiny_files, tmp_path, monkeypatch):
    hub.add(REPO, tiny_files, token=TOKEN)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    store = LocalStore(tmp_path / "store")
    assert mirror_base(store, REPO).files == len(tiny_files)
    assert TOKEN.encode() not in store.read_bytes(layout.mirror_json(REPO))


def test_gated_repo_is_exit_3(hub, tiny_files, htctl, tmp_path):
    hub.add(REPO, tiny_files, gated=True)
    result = htctl("mirror-base", REPO, "--store", str(tmp_path / "s"), env={"HF_TOKEN": TOKEN})
    assert_one_error_line(result, 3, "403")
    assert TOKEN not in result.stdout + result.stderr


@pytest.mark.parametrize("status", [500, 503, 429])
def test_hub_outage_is_exit_4(hub, tiny_repo, htctl, tmp_path, status):
    hub.fault(status, match="/api/models/")
    result = htctl("mirror-base", REPO, "--store", str(tmp_path / "s"))
    assert_one_error_line(result, 4, str(status))


def test_unreachable_hub_is_exit_4(htctl, tmp_path):
    env = {"HF_ENDPOINT": f"http://127.0.0.1:{free_port()}", "HF_HUB_OFFLINE": "0"}
    result = htctl("mirror-base", REPO, "--store", str(tmp_path / "s"), env=env)
    assert_one_error_line(result, 4, "cannot reach the Hub")


def test_a_token_is_never_sent_over_plain_http_to_another_host(htctl, tmp_path):
    env = {"HF_ENDPOINT": "http://hub.example.invalid", "HF_TOKEN": TOKEN, "HF_HUB_OFFLINE": "0"}
    result = htctl("mirror-base", REPO, "--store", str(tmp_path / "s"), env=env)
    assert_one_error_line(result, 3, "plain http")
    assert TOKEN not in result.stderr


def test_offline_mode_is_exit_3(htctl, tmp_path):
    result = htctl("mirror-base", REPO, "--store", str(tmp_path / "s"), env={"HF_HUB_OFFLINE": "1"})
    assert_one_error_line(result, 3, "HF_HUB_OFFLINE")


@pytest.mark.parametrize("args", [["../x"], [REPO, "--max-gb", "0"], [REPO, "--max-gb", "nan"]])
def test_bad_arguments_are_exit_2(htctl, tmp_path, args):
    result = htctl("mirror-base", *args, "--store", str(tmp_path / "s"))
    assert_one_error_line(result, 2)
    assert not (tmp_path / "s").exists()


def test_mirror_into_s3_then_a_run_trains_from_it(hub, tiny_repo, htctl, s3_store_uri):
    """The whole path on moto: mirror-base once, then a Job's run with store:base/<id>."""
    env = {"HT_PROGRESS_INTERVAL": "0", "OMP_NUM_THREADS": "1"}
    first = htctl("mirror-base", REPO, "--store", s3_store_uri, env=env)
    assert first.returncode == 0, first.stderr
    assert f"--base-model store:base/{REPO}" in first.stdout
    assert "downloading" in first.stdout and "uploading" in first.stdout  # progress shown
    store = S3Store(s3_store_uri)
    assert read_mirror(store, REPO) == {
        "hub_id": REPO,
        "revision": tiny_repo.sha,
        "license": "apache-2.0",
    }
    again = htctl("mirror-base", REPO, "--store", s3_store_uri, env=env)
    assert again.returncode == 0 and "already mirrored" in again.stdout
    run = htctl(
        "run",
        "htctl_sample",
        "--source",
        f"archive:{SAMPLE_ARCHIVE}",
        "--store",
        s3_store_uri,
        "--base-model",
        f"store:base/{REPO}",
        "--until",
        "train",
        "--max-steps",
        "2",
        env={**env, "HF_HUB_OFFLINE": "1"},  # the Job needs no Hub
    )
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    metrics = json.loads(store.read_bytes(layout.metrics("htctl_sample")))
    assert metrics["hyperparameters"]["base_model"] == f"store:base/{REPO}"
    assert store.exists("htctl_sample/model/model.safetensors")
