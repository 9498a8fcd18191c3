"""The publish stage: card, samples, pictures and a manifest that covers every published file.

A trained bot is set up the way the train stage leaves it (``model/`` from save_pretrained with
the design's generation defaults, then ``metrics.json``), on top of a real prepare run of the
sample archive, so these tests do not depend on training.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from job import layout
from job.bots import parse_bot
from job.card import render
from job.card_metadata import Account, CardData, majority_language
from job.errors import BadInput, StaleManifest
from job.manifest import fetch_model, read_manifest, require_manifest
from job.models import save_tiny
from job.options import RunOptions
from job.pipeline import run
from job.sources import bind_sources
from job.store import Store, open_store, upload_tree, write_json
from tests.servers.hub_upload import FakeHub
from tests.servers.s3_proxy import S3Proxy, is_put
from tests.support.cli import SAMPLE_ARCHIVE
from tests.support.publishing import (
    BOT,
    GENERATION_DEFAULTS,
    front_matter,
    make_trained_bot,
    metrics_fixture,
    publish_bot,
)


def stored_files(store: Store, bot: str) -> set[str]:
    """Every file under the bot folder except the manifest itself and checkpoints."""
    return {
        k[len(bot) + 1 :]
        for k in store.list(f"{bot}/")
        if k != layout.manifest(bot) and not k.startswith(f"{bot}/checkpoints/")
    }


@pytest.fixture(scope="module")
def published_stores(moto_url, tmp_path_factory) -> dict[str, Store]:
    """One published bot per kind of store, shared by the tests that only read it."""
    import uuid

    import boto3

    with pytest.MonkeyPatch.context() as mp:
        for key, value in {
            "AWS_ENDPOINT_URL": moto_url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }.items():
            mp.setenv(key, value)
        bucket = f"ht-publish-{uuid.uuid4().hex[:12]}"
        boto3.client("s3").create_bucket(Bucket=bucket)
        scratch = tmp_path_factory.mktemp("published")
        stores = {}
        for kind, uri in (("local", str(scratch / "store")), ("s3", f"s3://{bucket}/bots")):
            stores[kind] = make_trained_bot(uri, scratch)
            publish_bot(stores[kind])
        yield stores


@pytest.fixture(params=["local", "s3"])
def published(request, published_stores, s3_env) -> Store:
    return published_stores[request.param]


def test_manifest_covers_every_published_file_with_size_and_sha256(published):
    manifest = read_manifest(published, BOT)
    assert manifest is not None and manifest.bot == BOT
    paths = {f.path for f in manifest.files}
    assert paths == stored_files(published, BOT)
    expected = {
        "README.md",
        "predictions.json",
        "predictions.png",
        "loss.png",
        "metrics.json",
        "model/model.safetensors",
        "model/config.json",
        "model/generation_config.json",
        "dataset/train.txt",
        "dataset/valid.txt",
        "dataset/stats.json",
        f"raw/{BOT}.jsonl",
        f"raw/{BOT}.meta.json",
    }
    assert expected <= paths
    for entry in manifest.files:
        assert entry.key == entry.path  # a normal publish stores files where their paths say
        data = published.read_bytes(manifest.store_key(entry))
        assert entry.size == len(data), entry.path
        assert entry.sha256 == hashlib.sha256(data).hexdigest(), entry.path
    raw = json.loads(published.read_bytes(layout.manifest(BOT)))
    assert set(raw) == {"bot", "created_at", "revision", "files"}
    assert all(set(f) == {"path", "key", "size", "sha256"} for f in raw["files"])


def test_manifest_is_the_last_file_written(published_stores):
    root = published_stores["local"].root / BOT
    manifest_time = (root / "manifest.json").stat().st_mtime_ns
    others = [p for p in root.rglob("*") if p.is_file() and p.name != "manifest.json"]
    assert others and all(p.stat().st_mtime_ns <= manifest_time for p in others)


def test_predictions_and_pictures(published, tmp_path):
    from PIL import Image

    predictions = json.loads(published.read_bytes(layout.predictions_json(BOT)))
    prompts = [s["prompt"] for s in predictions["samples"]]
    assert prompts == ["My dream is", "I think that", "The best thing about"]
    for s in predictions["samples"]:
        assert s["text"].startswith(s["prompt"]) and len(s["text"]) > len(s["prompt"])
    assert predictions["generation_config"]["top_p"] == 0.95
    for key, min_height in ((layout.predictions_png(BOT), 300), (layout.loss_png(BOT), 200)):
        path = tmp_path / Path(key).name
        path.write_bytes(published.read_bytes(key))
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.width >= 400 and image.height >= min_height


def test_card_holds_the_exact_counts_and_every_part(published):
    card = published.read_bytes(layout.card(BOT)).decode("utf-8")
    stats = json.loads(published.read_bytes(layout.stats(BOT)))
    counts = stats["handles"][BOT]
    meta = json.loads(published.read_bytes(layout.raw_meta(BOT, BOT)))
    matter = front_matter(card)
    assert matter["language"] == "en"
    assert matter["thumbnail"] == "predictions.png"
    assert "huggingtweets" in matter["tags"]
    assert matter["widget"] == [{"text": "My dream is"}]
    assert "base_model" not in matter  # tiny is no Hub id, and the Hub rejects non-ids
    assert "license" not in matter  # tiny has no upstream license: none is claimed
    assert matter["pipeline_tag"] == "text-generation"
    assert matter["library_name"] == "transformers"
    metrics = json.loads(published.read_bytes(layout.metrics(BOT)))
    (result,) = matter["model-index"][0]["results"]
    assert {m["type"]: m["value"] for m in result["metrics"]} == {
        "loss": metrics["eval_loss_after"],
        "perplexity": metrics["perplexity_after"],
    }
    name = "Sample Gardener \\(synthetic\\)"  # the display name, Markdown-escaped
    assert meta["display_name"] == "Sample Gardener (synthetic)"
    table = "\n".join(
        [
            f"| Data | {name} |",
            "| --- | --- |",
            f"| Tweets downloaded | {counts['downloaded']} |",
            f"| Retweets | {counts['retweets']} |",
            f"| Short tweets | {counts['short']} |",
            f"| Tweets kept | {counts['kept']} |",
        ]
    )
    assert table in card
    assert "🤖 AI BOT 🤖" in card and "@htctl_sample</div>" in card
    assert "Sample Gardener &#40;synthetic&#41;</div>" in card
    assert "border-radius: 50%" in card  # the avatar circle
    for section in ("## Training data", "## Training procedure", "## How to use"):
        assert section in card
    assert "## Limitations and bias" in card
    assert "labelled as generated" in card.replace("\n", " ") or "label it clearly" in card
    assert "| Learning rate | 0.0001372 |" in card
    assert "| DeepSpeed ZeRO stage | 2 |" in card
    assert "| Eval loss | 5.6100 | 3.2700 |" in card
    assert "| Perplexity | 273.0000 | 26.3000 |" in card
    assert "![loss](loss.png)" in card
    assert "4 epochs were run by the trainer" in card
    assert "pipeline('text-generation'" in card


def test_s3_card_usage_fetches_the_model_from_the_store(published_stores):
    store = published_stores["s3"]
    card = store.read_bytes(layout.card(BOT)).decode()
    assert f"aws s3 cp --recursive {store.uri}/{BOT}/model ./{BOT}" in card
    assert f'htctl generate {BOT} "My dream is" -n 5 --store {store.uri}' in card


def test_local_card_names_the_model_relative_to_the_store_not_the_machines_path(
    published_stores,
):
    store = published_stores["local"]
    card = store.read_bytes(layout.card(BOT)).decode()
    assert f"pipeline('text-generation', model=\"{BOT}/model\")" in card
    assert f'htctl generate {BOT} "My dream is" -n 5 --store .' in card
    assert str(store.root) not in card and str(store.root.resolve()) not in card


def _account(handle: str, name: str, avatar: str | None, n: int) -> Account:
    counts = {"downloaded": n, "retweets": n // 4, "short": n // 10, "kept": n - n // 4 - n // 10}
    return Account(handle=handle, display_name=name, avatar_url=avatar, counts=counts)


def _card(accounts: list[Account], **extra) -> str:
    data = CardData(
        bot="-".join(a.handle for a in accounts),
        accounts=accounts,
        base_model="gpt2",
        hyperparameters=metrics_fixture()["hyperparameters"],
        metrics=metrics_fixture(),
        epochs_in_text=False,
        store_uri="s3://bucket/bots",
        **extra,
    )
    return render(data)


def test_card_names_a_hub_base_model_in_its_metadata():
    matter = front_matter(_card([_account("karpathy", "Andrej Karpathy", None, 1000)]))
    assert matter["base_model"] == "gpt2" and matter["pipeline_tag"] == "text-generation"


def test_multi_handle_card_is_a_cyborg_with_one_column_per_handle():
    card = _card(
        [
            _account("elonmusk", "Elon Musk", "https://pbs.twimg.com/a_400x400.jpg", 3200),
            _account("karpathy", "Andrej Karpathy", "https://pbs.twimg.com/b_400x400.jpg", 1000),
        ]
    )
    assert "🤖 AI CYBORG 🤖" in card and "AI BOT" not in card
    assert "| Data | Elon Musk | Andrej Karpathy |\n| --- | --- | --- |" in card
    assert "| Tweets downloaded | 3200 | 1000 |" in card
    assert "| Retweets | 800 | 250 |" in card
    assert "| Short tweets | 320 | 100 |" in card
    assert "| Tweets kept | 2080 | 650 |" in card
    assert card.count("display:inherit") == 2 and card.count("display:none") == 1
    assert "url(&#39;https://pbs.twimg.com/a_400x400.jpg&#39;)" in card
    assert "Elon Musk & Andrej Karpathy</div>" in card
    assert "@elonmusk & @karpathy</div>" in card


def test_display_names_and_avatars_cannot_inject_markup():
    evil = "<script>alert(1)</script> | [x](http://e.vil) *b* `c`\n## Injected"
    card = _card([_account("mallory", evil, "https://e.vil/a.jpg');background:url('x", 100)])
    assert "<script>" not in card
    assert "&lt;script&gt;" in card
    assert "[x](http://e.vil)" not in card
    assert "\n## Injected" not in card  # a newline in a name cannot start a heading
    table_header = next(line for line in card.splitlines() if line.startswith("| Data |"))
    assert table_header.count(" | ") == 1  # the name's | cannot add a column
    assert "e.vil/a.jpg" not in card  # an avatar URL that breaks out of url('') is dropped


def test_hub_repo_is_named_in_card_and_thumbnail_is_a_url():
    card = _card(
        [_account("karpathy", "Andrej Karpathy", None, 1000)],
        hub_repo="someone/karpathy-bot",
        thumbnail="https://huggingface.co/someone/karpathy-bot/resolve/main/predictions.png",
    )
    matter = front_matter(card)
    assert matter["thumbnail"].endswith("/someone/karpathy-bot/resolve/main/predictions.png")
    assert 'model="someone/karpathy-bot"' in card


def test_language_is_the_posts_majority():
    assert majority_language(["ja", "ja", "en", "und", None, "zxx"]) == "ja"
    assert majority_language(["und", "qme", None]) == "en"
    assert majority_language([]) == "en"


def test_language_comes_from_raw_posts(local_store_uri, tmp_path):
    store = make_trained_bot(local_store_uri, tmp_path)
    key = layout.raw_posts(BOT, BOT)
    posts = [json.loads(line) for line in store.read_bytes(key).decode().splitlines()]
    lines = [json.dumps(p | {"lang": "fr"}) for p in posts]
    store.write_bytes(key, ("\n".join(lines) + "\n").encode())
    publish_bot(store)
    card = store.read_bytes(layout.card(BOT)).decode()
    assert front_matter(card)["language"] == "fr"


def test_card_takes_base_model_and_license_from_the_mirror_and_keeps_norwegian_a_string(
    local_store_uri, tmp_path
):
    """A bot trained on a store: mirror of a Hub model, with Norwegian posts and a stored
    avatar: the card names the Hub id and license the mirror recorded, ``language: 'no'``."""
    from PIL import Image

    store = make_trained_bot(local_store_uri, tmp_path)
    mirror = {"hub_id": "openai-community/gpt2", "revision": "607a30d", "license": "mit"}
    store.write_bytes("base/gpt2/mirror.json", json.dumps(mirror).encode())
    metrics = metrics_fixture()
    metrics["hyperparameters"]["base_model"] = "store:base/gpt2"
    write_json(store, layout.metrics(BOT), metrics)
    key = layout.raw_posts(BOT, BOT)
    posts = [json.loads(line) for line in store.read_bytes(key).decode().splitlines()]
    store.write_bytes(key, "".join(json.dumps(p | {"lang": "no"}) + "\n" for p in posts).encode())
    avatar = tmp_path / "avatar.png"
    Image.new("RGB", (80, 80), (0, 0, 255)).save(avatar)
    store.write_bytes(f"{BOT}/raw/{BOT}.avatar.png", avatar.read_bytes())
    publish_bot(store)

    card = store.read_bytes(layout.card(BOT)).decode()
    matter = front_matter(card)
    assert matter["language"] == "no"  # the string, not YAML's false
    assert (matter["base_model"], matter["license"]) == ("openai-community/gpt2", "mit")
    assert "[openai-community/gpt2](https://huggingface.co/openai-community/gpt2)" in card
    assert "revision `607a30d`" in card
    picture = tmp_path / "predictions.png"
    picture.write_bytes(store.read_bytes(layout.predictions_png(BOT)))
    with Image.open(picture) as image:
        assert image.convert("RGB").getpixel((40 + 24, 30 + 24)) == (0, 0, 255)  # the avatar
    assert f"raw/{BOT}.avatar.png" in {f.path for f in require_manifest(store, BOT).files}


def test_secrets_never_reach_the_published_files(s3_store_uri, tmp_path, monkeypatch):
    secret = "sekrit-5a9d0c1e7b"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    monkeypatch.setenv("HF_TOKEN", secret + "-hf")
    monkeypatch.setenv("HT_X_BEARER_TOKEN", secret + "-x")
    store = make_trained_bot(s3_store_uri, tmp_path)
    publish_bot(store)
    for entry in require_manifest(store, BOT).files:
        assert secret.encode() not in store.read_bytes(f"{BOT}/{entry.key}"), entry.path
    assert secret.encode() not in store.read_bytes(layout.manifest(BOT))


def test_fetch_model_reads_through_keys_and_verifies_sha256(s3_store_uri, tmp_path):
    store = make_trained_bot(s3_store_uri, tmp_path)
    publish_bot(store)
    # A refresh points keys into a staging folder: readers must follow the keys.
    manifest = json.loads(store.read_bytes(layout.manifest(BOT)))
    for entry in manifest["files"]:
        if entry["path"].startswith("model/"):
            staged = f"staging/r1/{entry['path']}"
            store.write_bytes(f"{BOT}/{staged}", store.read_bytes(f"{BOT}/{entry['key']}"))
            store.delete(f"{BOT}/{entry['key']}")
            entry["key"] = staged
    write_json(store, layout.manifest(BOT), manifest)
    folder = fetch_model(store, BOT, tmp_path / "fetched")
    assert (folder / "model.safetensors").is_file() and (folder / "config.json").is_file()

    from transformers import AutoModelForCausalLM

    assert AutoModelForCausalLM.from_pretrained(folder).config.n_layer == 2
    # A byte changed in the store is caught before it lands.
    weights = f"{BOT}/staging/r1/model/model.safetensors"
    data = bytearray(store.read_bytes(weights))
    data[-1] ^= 0xFF
    store.write_bytes(weights, bytes(data))
    with pytest.raises(StaleManifest, match="does not match the manifest"):
        fetch_model(store, BOT, tmp_path / "again")
    assert not (tmp_path / "again" / "model.safetensors").exists()


def test_read_manifest_is_none_for_incomplete_and_unknown_bots(local_store_uri, tmp_path):
    store = make_trained_bot(local_store_uri, tmp_path)
    assert read_manifest(store, BOT) is None
    assert read_manifest(store, "nobody") is None
    with pytest.raises(BadInput, match="incomplete"):
        require_manifest(store, BOT)
    with pytest.raises(BadInput, match="unknown bot"):
        require_manifest(store, "nobody")


def test_failed_upload_mid_publish_leaves_no_manifest_and_rerun_completes(
    htctl, local_store_uri, tmp_path
):
    store = make_trained_bot(local_store_uri, tmp_path)
    blocker = Path(local_store_uri) / BOT / "loss.png"
    blocker.mkdir(parents=True)  # loss.png cannot be written: the store fails part-way
    (blocker / "x").write_text("x")
    failed = htctl("run", BOT, "--store", local_store_uri)
    assert failed.returncode != 0
    assert store.exists(layout.predictions_json(BOT))  # publish had started writing
    assert not store.exists(layout.manifest(BOT))
    shutil.rmtree(blocker)
    rerun = htctl("run", BOT, "--store", local_store_uri)
    assert rerun.returncode == 0, rerun.stderr
    assert "ran: publish" in rerun.stdout
    assert "sample (generated): My dream is" in rerun.stdout
    manifest = require_manifest(store, BOT)
    assert {f.path for f in manifest.files} == stored_files(store, BOT)

    # A rerun of the complete bot changes nothing in the store.
    root = Path(local_store_uri)

    def snapshot() -> dict:
        files = (p for p in root.rglob("*") if p.is_file())
        return {
            p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in files
        }

    before = snapshot()
    again = htctl("run", BOT, "--store", local_store_uri)
    assert again.returncode == 0, again.stderr
    assert "nothing, all present" in again.stdout and "sample (generated):" in again.stdout
    assert snapshot() == before


def test_killed_publish_leaves_no_manifest_and_rerun_completes(htctl, s3_store_uri, tmp_path):
    """A publish killed (SIGKILL) once it has begun writing leaves the bot incomplete."""
    import os
    import signal
    import subprocess
    import sys

    store = make_trained_bot(s3_store_uri, tmp_path)
    # The proxy holds the last write, the manifest's: the kill lands after every other file.
    proxy = S3Proxy(lambda method, path: "hold" if is_put(method, path, "manifest.json") else "")
    proc = subprocess.Popen(
        [sys.executable, "-m", "job", "run", BOT, "--store", s3_store_uri],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "AWS_ENDPOINT_URL": proxy.url},
    )
    try:
        assert proxy.held.wait(300), "publish never wrote its manifest"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proxy.close()
    assert store.exists(layout.card(BOT)), "publish reached the card before the kill"
    assert not store.exists(layout.manifest(BOT))
    rerun = htctl("run", BOT, "--store", s3_store_uri)
    assert rerun.returncode == 0, rerun.stderr
    manifest = require_manifest(store, BOT)
    assert {f.path for f in manifest.files} == stored_files(store, BOT)


@pytest.fixture
def fake_hub(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeHub)
    FakeHub.requests, FakeHub.authorizations, FakeHub.files, FakeHub.fail = [], [], {}, False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # read at import: only subprocesses see it
    yield FakeHub
    server.shutdown()
    server.server_close()


def test_hub_push_is_off_by_default(fake_hub, htctl, local_store_uri, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_not_used")
    monkeypatch.delenv("HT_HUB_REPO", raising=False)
    store = make_trained_bot(local_store_uri, tmp_path)
    result = htctl("run", BOT, "--store", local_store_uri)
    assert result.returncode == 0, result.stderr
    assert read_manifest(store, BOT) is not None
    assert fake_hub.requests == []


def test_hub_repo_without_token_is_exit_3_before_anything_runs(htctl, tmp_path):
    env = {"HT_HUB_REPO": "someone/bot", "HF_TOKEN": ""}
    store = str(tmp_path / "s")
    result = htctl("run", BOT, "--source", f"archive:{SAMPLE_ARCHIVE}", "--store", store, env=env)
    assert result.returncode == 3
    assert "HF_TOKEN" in result.stderr and result.stderr.strip().count("\n") == 0
    assert not (tmp_path / "s").exists()


def test_hub_push_uploads_model_card_and_pictures(fake_hub, htctl, local_store_uri, tmp_path):
    token = "hf_secret_token_value"
    store = make_trained_bot(local_store_uri, tmp_path)
    result = htctl(
        "run",
        BOT,
        "--store",
        local_store_uri,
        "--hub-repo",
        "someone/sample-bot",
        env={"HF_TOKEN": token},
    )
    assert result.returncode == 0, result.stderr
    assert token not in result.stdout + result.stderr
    posts = [r for r in fake_hub.requests if r.startswith("POST")]
    assert posts[0] == "POST /api/repos/create"
    assert posts[-1] == "POST /api/models/someone/sample-bot/commit/main"
    assert set(fake_hub.authorizations) == {f"Bearer {token}"}
    for name in (
        "model.safetensors",
        "config.json",
        "generation_config.json",
        "README.md",
        "predictions.png",
        "loss.png",
    ):
        assert name in fake_hub.files, name
    assert fake_hub.files["model.safetensors"] == store.read_bytes(f"{BOT}/model/model.safetensors")
    card = fake_hub.files["README.md"].decode()
    assert 'model="someone/sample-bot"' in card
    assert front_matter(card)["thumbnail"].endswith(
        "/someone/sample-bot/resolve/main/predictions.png"
    )
    assert token not in card
    assert token.encode() not in store.read_bytes(layout.manifest(BOT))


def test_hub_repo_with_bot_placeholder_lands_in_the_bots_repo(
    fake_hub, htctl, local_store_uri, tmp_path
):
    """HT_HUB_REPO=someone/{bot}, as a Job gets it through env: the bot gets its own repo."""
    token = "hf_secret_token_value"
    store = make_trained_bot(local_store_uri, tmp_path)
    env = {"HF_TOKEN": token, "HT_HUB_REPO": "someone/{bot}"}
    result = htctl("run", BOT, "--store", local_store_uri, env=env)
    assert result.returncode == 0, result.stderr
    assert token not in result.stdout + result.stderr
    posts = [r for r in fake_hub.requests if r.startswith("POST")]
    assert posts[-1] == f"POST /api/models/someone/{BOT}/commit/main"
    assert not [r for r in fake_hub.requests if "{bot}" in r or "%7Bbot%7D" in r]
    card = fake_hub.files["README.md"].decode()
    assert f'model="someone/{BOT}"' in card
    assert card == store.read_bytes(layout.card(BOT)).decode()


def test_bad_hub_repo_template_is_exit_2_before_anything_runs(htctl, tmp_path):
    token = "hf_secret_token_value"
    env = {"HT_HUB_REPO": "someone/{bot}{bot}", "HF_TOKEN": token}
    store = str(tmp_path / "s")
    result = htctl("run", BOT, "--source", f"archive:{SAMPLE_ARCHIVE}", "--store", store, env=env)
    assert result.returncode == 2
    assert "invalid Hub repo id" in result.stderr and "{bot}" in result.stderr
    assert result.stderr.strip().count("\n") == 0 and token not in result.stderr
    assert not (tmp_path / "s").exists()


def test_hub_refusal_is_exit_3_and_leaves_no_manifest(fake_hub, htctl, local_store_uri, tmp_path):
    fake_hub.fail = True
    token = "hf_secret_token_value"
    store = make_trained_bot(local_store_uri, tmp_path)
    result = htctl(
        "run",
        BOT,
        "--store",
        local_store_uri,
        "--hub-repo",
        "someone/sample-bot",
        env={"HF_TOKEN": token},
    )
    assert result.returncode == 3, result.stderr
    assert "refused" in result.stderr and token not in result.stderr
    assert fake_hub.requests, "the push reached the Hub endpoint"
    assert read_manifest(store, BOT) is None


def test_two_handle_bot_publishes_a_cyborg_card_with_both_columns(local_store_uri, tmp_path):
    from transformers import GenerationConfig

    second = tmp_path / "second-archive"
    shutil.copytree(SAMPLE_ARCHIVE, second)
    account = second / "data" / "account.js"
    account.write_text(
        account.read_text()
        .replace('"htctl_sample"', '"other_gardener"')
        .replace("Sample Gardener (synthetic)", "Other <Gardener>")
    )
    profile = second / "data" / "profile.js"
    avatar = "https://pbs.twimg.com/profile_images/1/other_400x400.jpg"
    profile.write_text(
        profile.read_text().replace('"avatarMediaUrl": ""', f'"avatarMediaUrl": "{avatar}"')
    )
    bot = bind_sources(
        parse_bot("htctl_sample+other_gardener"),
        [f"archive:{SAMPLE_ARCHIVE}", f"archive:{second}"],
    )
    store = open_store(local_store_uri)
    run(store, bot, RunOptions(until="prepare"))
    folder = save_tiny(tmp_path / "model")
    GenerationConfig(**GENERATION_DEFAULTS).save_pretrained(folder)
    upload_tree(store, layout.model_dir(bot.name), folder)
    write_json(store, layout.metrics(bot.name), metrics_fixture())
    run(store, bot, RunOptions())

    assert bot.name == "htctl_sample-other_gardener"
    stats = json.loads(store.read_bytes(layout.stats(bot.name)))["handles"]
    card = store.read_bytes(layout.card(bot.name)).decode()
    assert "🤖 AI CYBORG 🤖" in card
    header = "| Data | Sample Gardener \\(synthetic\\) | Other &lt;Gardener&gt; |"
    assert f"{header}\n| --- | --- | --- |" in card
    a, b = stats["htctl_sample"], stats["other_gardener"]
    assert f"| Tweets downloaded | {a['downloaded']} | {b['downloaded']} |" in card
    assert f"| Tweets kept | {a['kept']} | {b['kept']} |" in card
    assert f"url(&#39;{avatar}&#39;)" in card
    assert "@htctl_sample & @other_gardener</div>" in card
    manifest = require_manifest(store, bot.name)
    assert {"raw/htctl_sample.jsonl", "raw/other_gardener.meta.json"} <= {
        f.path for f in manifest.files
    }


def test_an_adapter_bound_for_the_hub_names_its_base_by_hub_id(tmp_path):
    """A base mirrored into the store is ``store:base/gpt2`` to htctl and ``gpt2`` on the Hub."""
    from job.adapters import ADAPTER_CONFIG
    from job.publish import GENERATED, hub_folder

    model_dir, out, work = tmp_path / "model", tmp_path / "out", tmp_path / "work"
    for folder in (model_dir, out, work):
        folder.mkdir()
    config = {"base_model_name_or_path": "store:base/gpt2", "r": 16}
    (model_dir / ADAPTER_CONFIG).write_text(json.dumps(config))
    for name in GENERATED:
        (out / name).write_text(name)
    folder = hub_folder(model_dir, out, work, "gpt2")
    pushed = json.loads((folder / ADAPTER_CONFIG).read_text())
    assert pushed == {**config, "base_model_name_or_path": "gpt2"}
    assert {p.name for p in folder.iterdir()} == {ADAPTER_CONFIG, *GENERATED}
    assert json.loads((model_dir / ADAPTER_CONFIG).read_text()) == config  # the store's stays
    unknown = hub_folder(model_dir, out, tmp_path / "work2", None)  # no Hub id: left as it is
    assert json.loads((unknown / ADAPTER_CONFIG).read_text()) == config
