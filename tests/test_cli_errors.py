"""Every bad input of ``htctl run``, through the real CLI in a subprocess.

Each must give one line on stderr, the documented exit code (2 bad input, 3 configuration or
permission, 4 transient), no traceback, and leave the store as it was.
"""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.support.archives import synthetic_posts
from tests.support.cli import assert_one_error_line, free_port
from tests.support.stores import store_read, store_snapshot


def run_prepare(htctl, store_uri, bot="alice", sources=(), env=None, extra=()):
    args = ["run", bot, "--until", "prepare", "--store", store_uri]
    for source in sources:
        args += ["--source", source]
    return htctl(*args, *extra, env=env)


@pytest.fixture
def good_archive(make_archive):
    return make_archive(synthetic_posts(120), username="alice")


@pytest.fixture
def complete_store(htctl, store_uri, good_archive):
    """A store that already holds alice's dataset: errors must leave it exactly so."""
    result = run_prepare(htctl, store_uri, sources=[f"archive:{good_archive}"])
    assert result.returncode == 0, result.stderr
    return store_snapshot(store_uri)


def test_missing_archive(htctl, store_uri, tmp_path):
    missing = tmp_path / "nowhere.zip"
    result = run_prepare(htctl, store_uri, sources=[f"archive:{missing}"])
    assert_one_error_line(result, 2, "archive not found", str(missing))
    assert store_snapshot(store_uri) == {}


def test_corrupt_archive(htctl, store_uri, tmp_path):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"\x00" * 100)
    result = run_prepare(htctl, store_uri, sources=[f"archive:{bad}"])
    assert_one_error_line(result, 2, "corrupt archive")
    assert store_snapshot(store_uri) == {}


def test_archive_without_posts(htctl, store_uri, tmp_path):
    empty = tmp_path / "export.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("data/account.js", "window.YTD.account.part0 = []")
    result = run_prepare(htctl, store_uri, sources=[f"archive:{empty}"])
    assert_one_error_line(result, 2, "has no posts")
    assert store_snapshot(store_uri) == {}


def test_errors_on_a_forced_rerun_leave_the_complete_store_as_it_was(
    htctl, store_uri, complete_store, tmp_path
):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"not a zip")
    result = run_prepare(htctl, store_uri, sources=[f"archive:{bad}"], extra=["--force"])
    assert_one_error_line(result, 2, "corrupt archive")
    assert store_snapshot(store_uri) == complete_store


@pytest.mark.parametrize(
    "bot",
    ["not-a-handle!", "waytoolonghandle16", "al ice!", "", "bad:alice", "alice+b@d"],
)
def test_invalid_handle(htctl, store_uri, bot):
    result = run_prepare(htctl, store_uri, bot=bot)
    assert_one_error_line(result, 2)
    assert store_snapshot(store_uri) == {}


@pytest.mark.parametrize("spec", ["archive:", "zip:/tmp/x", "x:extra"])
def test_invalid_source_spec(htctl, store_uri, spec):
    result = run_prepare(htctl, store_uri, sources=[spec])
    assert_one_error_line(result, 2, "--source")
    assert store_snapshot(store_uri) == {}


@pytest.mark.parametrize("count", [0, 2, 3])
def test_source_count_mismatch(htctl, store_uri, good_archive, count):
    bot = "alice" if count else "alice+bob"
    n = count or 1
    result = run_prepare(htctl, store_uri, bot=bot, sources=[f"archive:{good_archive}"] * n)
    expected_handles = 1 if count else 2
    assert_one_error_line(result, 2, f"{expected_handles} handle(s)", f"{n} --source")
    assert store_snapshot(store_uri) == {}


def test_too_little_text_gives_the_four_counts(htctl, store_uri, make_archive):
    posts = synthetic_posts(20) + ["RT @a: b"] * 4 + ["two words"] * 3
    archive = make_archive(posts, username="alice")
    result = run_prepare(htctl, store_uri, sources=[f"archive:{archive}"])
    assert_one_error_line(
        result, 2, "not enough text", "27 downloaded, 4 retweets, 3 short, 20 kept"
    )
    assert store_snapshot(store_uri) == {}


def test_little_text_is_a_warning_not_an_error(htctl, store_uri, make_archive):
    archive = make_archive(synthetic_posts(100), username="alice")  # ~8,000 characters
    result = run_prepare(htctl, store_uri, sources=[f"archive:{archive}"])
    assert result.returncode == 0, result.stderr
    assert "WARNING @alice has little text" in result.stdout
    assert json.loads(store_read(store_uri, "alice/dataset/stats.json"))["bot"] == "alice"


def test_s3_bucket_missing_is_exit_3(htctl, s3_env, good_archive):
    uri = "s3://ht-bucket-that-does-not-exist/bots"
    result = run_prepare(htctl, uri, sources=[f"archive:{good_archive}"])
    assert_one_error_line(result, 3, "ht-bucket-that-does-not-exist", "does not exist")


def test_s3_access_denied_is_exit_3(htctl, moto_auth, good_archive):
    url, bucket, key_id, secret = moto_auth
    env = {
        "AWS_ENDPOINT_URL": url,
        "AWS_ACCESS_KEY_ID": key_id,
        "AWS_SECRET_ACCESS_KEY": secret,
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    result = run_prepare(htctl, f"s3://{bucket}/bots", sources=[f"archive:{good_archive}"], env=env)
    error = assert_one_error_line(result, 3, "access denied")
    assert secret not in error and secret not in result.stdout


def test_s3_unreachable_is_exit_4_in_bounded_time(htctl, s3_env, good_archive):
    env = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}"}  # nothing listens there
    # The subprocess timeout is the bound: a hang or endless retry fails the test.
    result = htctl(
        "run",
        "alice",
        "--source",
        f"archive:{good_archive}",
        "--store",
        "s3://some-bucket/bots",
        env=env,
        timeout=90,
    )
    assert_one_error_line(result, 4, "cannot reach S3")


def test_local_store_that_is_a_file_is_exit_3(htctl, tmp_path, good_archive):
    blocker = tmp_path / "store"
    blocker.write_text("I am a file")
    result = run_prepare(htctl, str(blocker / "sub"), sources=[f"archive:{good_archive}"])
    assert_one_error_line(result, 3, "not a folder")
    assert blocker.read_text() == "I am a file"


def test_unsupported_store_uri_is_exit_2(htctl, good_archive):
    result = run_prepare(htctl, "gs://bucket/p", sources=[f"archive:{good_archive}"])
    assert_one_error_line(result, 2, "unsupported store")


# --- options are checked before any stage runs (issue 11) -------------------------------------


@pytest.fixture
def no_config_model(tmp_path):
    """A folder given as base model that is no save_pretrained folder."""
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "pytorch_model.bin").write_bytes(b"\x00" * 16)
    return folder


@pytest.mark.parametrize(
    "flags, env, needles",
    [
        (["--zero-stage", "7"], {}, ["ZeRO stage must be 0, 1, 2 or 3, not 7"]),
        (["--micro-batch", "0"], {}, ["micro batch must be at least 1, not 0"]),
        (["--grad-accum", "-3"], {}, ["grad accum must be at least 1, not -3"]),
        (["--checkpoint-every", "-1"], {}, ["checkpoint every N steps needs N >= 0"]),
        (["--epochs", "0"], {}, ["positive number of epochs or max steps"]),
        ([], {"HT_TRAIN_ZERO_STAGE": "5"}, ["ZeRO stage must be 0, 1, 2 or 3, not 5"]),
        (["--until", "deploy"], {}, ["unknown stage 'deploy'"]),
        (["--adapter", "qlora"], {}, ["unknown adapter 'qlora'"]),
        (["--merge"], {}, ["--merge merges a LoRA adapter"]),
        ([], {"HT_TRAIN_ADAPTER": "none", "HT_TRAIN_MERGE": "true"}, ["--adapter lora"]),
        (["--adapter", "lora", "--lora-rank", "0"], {}, ["LoRA rank must be 1 to 1024"]),
        (["--adapter", "lora", "--lora-dropout", "nan"], {}, ["LoRA dropout must be in [0, 1)"]),
        (["--learning-rate", "inf"], {}, ["learning rate must be in (0, 1)"]),
    ],
    ids=[
        "zero-stage-7",
        "micro-batch-0",
        "grad-accum-negative",
        "checkpoint-every-negative",
        "no-epochs-no-steps",
        "zero-stage-from-env",
        "unknown-stage",
        "unknown-adapter",
        "merge-without-lora",
        "merge-without-lora-from-env",
        "lora-rank-0",
        "lora-dropout-nan",
        "learning-rate-inf",
    ],
)
def test_bad_training_options_fail_before_scrape_writes_a_byte(
    htctl, local_store_uri, good_archive, flags, env, needles
):
    """Not after scrape and prepare wrote five files: the CLI builds and checks the options."""
    result = htctl(
        "run", "alice", "--source", f"archive:{good_archive}", "--store", local_store_uri,
        *flags, env=env,
    )  # fmt: skip
    assert_one_error_line(result, 2, *needles)
    assert store_snapshot(local_store_uri) == {}


def test_a_base_model_folder_without_config_fails_before_scrape(
    htctl, store_uri, good_archive, no_config_model
):
    result = htctl(
        "run", "alice", "--source", f"archive:{good_archive}", "--store", store_uri,
        "--base-model", str(no_config_model),
    )  # fmt: skip
    assert_one_error_line(result, 2, "has no config.json", str(no_config_model))
    assert store_snapshot(store_uri) == {}


@pytest.mark.parametrize("spec", ["/nowhere/at/all", "./not-here", "~/../no model"])
def test_a_base_model_path_that_is_no_folder_fails_before_scrape(
    htctl, local_store_uri, good_archive, spec
):
    result = htctl(
        "run", "alice", "--source", f"archive:{good_archive}", "--store", local_store_uri,
        "--base-model", spec,
    )  # fmt: skip
    assert_one_error_line(result, 2, "is not a folder, s3:// or store: path")
    assert store_snapshot(local_store_uri) == {}


@pytest.mark.parametrize(
    "flags, needle",
    [
        (["--zero-stage", "7"], "ZeRO stage must be 0, 1, 2 or 3"),
        (["--micro-batch", "0"], "micro batch must be at least 1"),
        (["--base-model", "/nowhere/at/all"], "is not a folder"),
        # Not launched, not fetched: the ranks would each have failed on it after the fetch.
        (["--until", "train", "--nproc-per-node", "2"], "refresh --until is prepare or publish"),
    ],
    ids=["zero-stage-7", "micro-batch-0", "base-model-nowhere", "until-train-in-ranks"],
)
def test_refresh_checks_its_training_options_before_fetching(
    htctl, local_store_uri, good_archive, flags, needle
):
    result = htctl(
        "refresh", "alice", "--source", f"archive:{good_archive}", "--store", local_store_uri,
        *flags,
    )  # fmt: skip
    assert_one_error_line(result, 2, needle)
    assert store_snapshot(local_store_uri) == {}


def test_a_malformed_rank_is_a_configuration_error_before_anything_runs(
    htctl, local_store_uri, good_archive
):
    result = htctl(
        "run", "alice", "--source", f"archive:{good_archive}", "--store", local_store_uri,
        env={"RANK": "one", "WORLD_SIZE": "2"},
    )  # fmt: skip
    assert_one_error_line(result, 3, "RANK='one' is not a process rank")
    assert store_snapshot(local_store_uri) == {}
