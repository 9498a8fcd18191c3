"""``htctl serve`` against a real server process on loopback, over a moto S3 store holding two
tiny published bots; ``htctl list`` through the CLI; the catalog and cache logic in-process."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest

from job import layout
from job.catalog import Catalog, list_bots
from job.generate import generate
from job.manifest import entry_for_file, new_manifest, read_manifest, write_manifest
from job.store import open_store, upload_tree, write_json
from tests.support.cli import assert_one_error_line, free_port
from tests.support.publishing import BOT
from tests.support.serve import SECOND, metric, publish_two_bots, save_model, start_server

PROMPT = "My dream is"
GENERATE = f"/api/bots/{BOT}/generate"


@pytest.fixture(scope="module")
def aws(moto_url):
    env = {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        yield env


@pytest.fixture(scope="module")
def s3_bots(aws, tmp_path_factory):
    """Two tiny bots published once to a moto bucket for the whole module."""
    import boto3

    bucket = f"ht-serve-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    return publish_two_bots(f"s3://{bucket}/bots", tmp_path_factory.mktemp("serve-bots"))


@pytest.fixture(scope="module")
def server(s3_bots, aws, tmp_path_factory):
    """One server for the module: a queue of 2 and room for one warm model (to see eviction);
    manifests re-read on every request (a refresh shows at once)."""
    scratch = tmp_path_factory.mktemp("serve-run")
    env = {**aws, "HT_CACHE": str(scratch / "cache")}
    args = ("--queue", "2", "--max-models", "1", "--recheck-seconds", "0", "--threads", "1")
    server = start_server(s3_bots.uri, scratch / "server.log", *args, env=env)
    yield server
    server.stop()


@pytest.fixture
def api(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def test_lists_both_bots_with_their_manifest_revisions(api, s3_bots):
    answer = api.get("/api/bots")
    assert answer.status_code == 200
    body = answer.json()
    by_name = {b["bot"]: b for b in body["bots"]}
    assert set(by_name) == {BOT, SECOND} and body["total"] == 2
    for name, bot in by_name.items():
        manifest = read_manifest(s3_bots, name)
        stats = json.loads(s3_bots.read_bytes(layout.stats(name)))
        assert bot["revision"] == manifest.revision
        assert bot["kind"] == "full"
        assert [h["handle"] for h in bot["handles"]] == list(stats["handles"])
        assert bot["kept"] == sum(c["kept"] for c in stats["handles"].values()) > 0
        assert bot["eval_loss_before"] == 5.61
        assert bot["sample"] and bot["files"]["page"] == f"/bots/{name}"
    assert by_name[SECOND]["eval_loss_after"] == pytest.approx(2.6)
    assert by_name[SECOND]["handles"][0]["display_name"] == "Garden Bot (synthetic)"


def test_search_by_handle_and_pages(api):
    assert [b["bot"] for b in api.get("/api/bots", params={"q": "@GARDEN"}).json()["bots"]] == [
        SECOND
    ]
    assert api.get("/api/bots", params={"q": "nobody"}).json() == {
        "bots": [],
        "total": 0,
        "page": 1,
        "per_page": 24,
        "q": "nobody",
    }
    first = api.get("/api/bots", params={"per_page": 1}).json()
    second = api.get("/api/bots", params={"per_page": 1, "page": 2}).json()
    assert [first["bots"][0]["bot"], second["bots"][0]["bot"]] == sorted([BOT, SECOND])


def test_bot_details_and_pictures_come_from_the_store(api, s3_bots):
    details = api.get(f"/api/bots/{BOT}").json()
    assert details["bot"] == BOT and PROMPT in details["prompts"]
    for name in ("predictions.png", "loss.png"):
        picture = api.get(f"/bots/{BOT}/files/{name}")
        assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
        assert picture.content == s3_bots.read_bytes(f"{BOT}/{name}")


def test_generate_matches_htctl_generate_for_the_same_seed(api, s3_bots, tmp_path, monkeypatch):
    import torch

    monkeypatch.setenv("HT_CACHE", str(tmp_path / "cache"))
    torch.set_num_threads(1)  # as the server: the same arithmetic, the same samples
    answer = api.post(GENERATE, json={"prompt": PROMPT, "n": 2, "seed": 5})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["revision"] == read_manifest(s3_bots, BOT).revision
    assert body["samples"] == generate(s3_bots, BOT, PROMPT, n=2, seed=5)
    again = api.post(GENERATE, json={"prompt": PROMPT, "n": 2, "seed": 5}).json()
    assert again["samples"] == body["samples"]


def test_sampling_controls_shape_the_samples(api):
    short = api.post(GENERATE, json={"prompt": PROMPT, "n": 3, "max_new_tokens": 5, "seed": 1})
    samples = short.json()["samples"]
    assert len(samples) == 3 and all(s.startswith(PROMPT) for s in samples)
    # The tiny tokenizer has a token per byte: 5 new tokens decode to at most 5 characters.
    assert all(len(s) <= len(PROMPT) + 5 for s in samples)
    longer = api.post(GENERATE, json={"prompt": PROMPT, "max_new_tokens": 60, "seed": 1})
    assert len(longer.json()["samples"][0]) > len(PROMPT) + 5
    greedyish = {"prompt": PROMPT, "max_new_tokens": 30, "temperature": 0.01, "top_p": 0.01}
    one = api.post(GENERATE, json={**greedyish, "seed": 1}).json()["samples"]
    other = api.post(GENERATE, json={**greedyish, "seed": 2}).json()["samples"]
    assert one == other  # nearly greedy: the seed no longer matters


def test_a_lru_cache_of_one_model_loads_and_evicts(api):
    def loads() -> float:
        return metric(api.get("/metrics").text, "htctl_serve_model_loads")

    api.post(GENERATE, json={"prompt": PROMPT})
    start = loads()
    assert api.post(GENERATE, json={"prompt": PROMPT}).status_code == 200
    assert loads() == start  # warm: no load
    other = api.post(f"/api/bots/{SECOND}/generate", json={"prompt": PROMPT})
    assert other.status_code == 200
    assert api.post(GENERATE, json={"prompt": PROMPT}).status_code == 200
    assert loads() == start + 2  # the second bot pushed the first out: it loaded again
    text = api.get("/metrics").text
    assert metric(text, "htctl_serve_models_loaded") == 1
    assert metric(text, "htctl_serve_model_cache_bytes") > 0
    assert 'htctl_serve_requests_total{method="POST",route="/api/bots/{bot}/generate"' in text


JSON = {"content-type": "application/json"}


def ask(**fields) -> dict:
    return {"json": {"prompt": "x", **fields}}


HOSTILE = [
    ("unknown bot", "POST", "/api/bots/nobody_here/generate", ask(), 404),
    ("dots in name", "GET", "/api/bots/%2e%2e", {}, 404),
    ("dots in a page", "GET", "/bots/%2e%2e/files/loss.png", {}, 404),
    ("encoded path", "GET", "/api/bots/..%2F..%2Fetc", {}, 404),
    ("bad JSON", "POST", GENERATE, {"content": b'{"prompt":', "headers": JSON}, 400),
    ("not JSON", "POST", GENERATE, {"data": {"prompt": "x"}}, 415),
    ("a list", "POST", GENERATE, {"json": ["x"]}, 422),
    ("no prompt", "POST", GENERATE, {"json": {"n": 1}}, 422),
    ("n over the limit", "POST", GENERATE, ask(n=1000), 422),
    ("n zero", "POST", GENERATE, ask(n=0), 422),
    ("n a string", "POST", GENERATE, ask(n="3"), 422),
    ("n a bool", "POST", GENERATE, ask(n=True), 422),
    ("negative temperature", "POST", GENERATE, ask(temperature=-1), 422),
    ("top_p over 1", "POST", GENERATE, ask(top_p=2), 422),
    ("huge max_new_tokens", "POST", GENERATE, ask(max_new_tokens=10**9), 422),
    ("unknown field", "POST", GENERATE, ask(do_sample=False), 422),
    ("prompt over the context", "POST", GENERATE, ask(prompt="a" * 1990, max_new_tokens=10), 422),
    ("prompt over the char limit", "POST", GENERATE, ask(prompt="a" * 5000), 422),
    ("body too large", "POST", GENERATE, {"content": b"a" * 100_000, "headers": JSON}, 413),
    ("chunked body too large", "POST", GENERATE, {"content": iter([b"a" * 4096] * 20)}, 413),
    ("unknown file", "GET", f"/bots/{BOT}/files/manifest.json", {}, 404),
    ("model file", "GET", f"/bots/{BOT}/files/model.safetensors", {}, 404),
    ("per_page over the limit", "GET", "/api/bots?per_page=100000", {}, 422),
    ("page zero", "GET", "/api/bots?page=0", {}, 422),
]


@pytest.mark.parametrize(
    "method,path,kwargs,status", [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_bad_requests_get_a_json_error_and_status(api, method, path, kwargs, status):
    answer = api.request(method, path, **kwargs)
    assert answer.status_code == status, answer.text
    if path.startswith("/api/"):
        error = answer.json()["error"]
        assert isinstance(error, str) and error and "Traceback" not in error
    assert api.get("/healthz").status_code == 200


def test_a_burst_gets_answers_or_429_and_the_server_lives(api, server):
    before = metric(api.get("/metrics").text, "htctl_serve_rejected_total")
    body = {"prompt": PROMPT, "n": 4, "max_new_tokens": 150}

    def one(i: int) -> int:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            return client.post(GENERATE, json={**body, "seed": i}).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(one, range(16)))
    assert set(statuses) <= {200, 429}, statuses
    assert statuses.count(200) >= 3  # one running and two queued always get through
    assert statuses.count(429) >= 1
    after = metric(api.get("/metrics").text, "htctl_serve_rejected_total")
    assert after - before == statuses.count(429)
    assert metric(api.get("/metrics").text, "htctl_serve_generations_pending") == 0
    assert api.post(GENERATE, json={"prompt": PROMPT}).status_code == 200


def test_a_bot_appears_when_its_manifest_lands(api, s3_bots):
    key = layout.manifest(SECOND)
    saved = s3_bots.read_bytes(key)
    s3_bots.delete(key)  # as while it is published: everything but the manifest is there
    try:
        assert [b["bot"] for b in api.get("/api/bots").json()["bots"]] == [BOT]
        gone = api.post(f"/api/bots/{SECOND}/generate", json={"prompt": PROMPT})
        assert gone.status_code == 404 and SECOND in gone.json()["error"]
    finally:
        s3_bots.write_bytes(key, saved)
    assert {b["bot"] for b in api.get("/api/bots").json()["bots"]} == {BOT, SECOND}
    assert api.post(f"/api/bots/{SECOND}/generate", json={"prompt": PROMPT}).status_code == 200


def test_a_refresh_switches_revisions_only_when_its_manifest_lands(api, s3_bots, tmp_path):
    """The refresh's way: the new model is staged under other keys, then the manifest points
    at them. Until it lands the old revision serves, unchanged; then the new one."""
    old = read_manifest(s3_bots, BOT)
    request = {"prompt": PROMPT, "n": 2, "seed": 3, "max_new_tokens": 20}
    before = api.post(GENERATE, json=request).json()
    assert before["revision"] == old.revision
    folder = save_model(tmp_path / "new-model", seed=7)
    upload_tree(s3_bots, f"{BOT}/staging/r2/model", folder)
    assert api.post(GENERATE, json=request).json() == before  # staged, not landed
    staged = [
        entry_for_file(f"model/{p.name}", p, key=f"staging/r2/model/{p.name}")
        for p in sorted(folder.iterdir())
        if p.is_file()
    ]
    new = new_manifest(BOT, [*(f for f in old.files if not f.path.startswith("model/")), *staged])
    write_manifest(s3_bots, new)
    try:
        after = api.post(GENERATE, json=request).json()
        assert after["revision"] == new.revision != old.revision
        assert after["samples"] != before["samples"]
        assert api.get(f"/api/bots/{BOT}").json()["revision"] == new.revision
    finally:
        write_manifest(s3_bots, old)
    assert api.post(GENERATE, json=request).json() == before


def test_bearer_token_guards_the_api_and_never_reaches_the_log(s3_bots, aws, tmp_path):
    secret = "s3cr3t-" + uuid.uuid4().hex
    env = {**aws, "HT_SERVE_TOKEN": secret, "HT_CACHE": str(tmp_path / "cache")}
    server = start_server(s3_bots.uri, tmp_path / "log", "--threads", "1", env=env)
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": secret}):
                denied = client.get("/api/bots", headers=headers)
                assert denied.status_code == 401, headers
                assert denied.headers["www-authenticate"] == "Bearer"
                assert "error" in denied.json()
            assert client.post(GENERATE, json={"prompt": PROMPT}).status_code == 401
            good = {"Authorization": f"Bearer {secret}"}
            assert client.get("/api/bots", headers=good).status_code == 200
            answer = client.post(GENERATE, json={"prompt": PROMPT}, headers=good)
            assert answer.status_code == 200
            assert client.get("/healthz").status_code == 200
            assert secret not in client.get("/metrics").text
            assert secret not in client.get(f"/bots/{BOT}").text
    finally:
        server.stop()
    assert secret not in server.output()


def test_listens_on_loopback_by_default(server):
    assert "on http://127.0.0.1:" in server.output()
    port = int(server.url.rsplit(":", 1)[1])
    outside = [a for a in _own_addresses() if not a.startswith("127.")]
    for address in outside:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass


def _own_addresses() -> set[str]:
    try:
        return {
            info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        }
    except OSError:
        return set()


# -- htctl list and serve through the CLI (exit codes and stderr) ----------------------------


@pytest.fixture(scope="module")
def local_bots(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("list-bots")
    return publish_two_bots(str(scratch / "store"), scratch)


def test_htctl_list_prints_a_table_and_json(htctl, local_bots):
    table = htctl("list", "--store", local_bots.uri)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["bot", "handles", "kept"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {BOT, SECOND}
    assert read_manifest(local_bots, BOT).revision in rows[BOT]
    listed = json.loads(htctl("list", "--json", "--store", local_bots.uri).stdout)
    assert [b["bot"] for b in listed] == sorted([BOT, SECOND])
    assert all(b["kind"] == "full" and b["kept"] > 0 for b in listed)


def test_htctl_list_skips_a_corrupt_bot_with_a_warning(htctl, local_bots, tmp_path):
    import shutil

    store_dir = tmp_path / "store"
    shutil.copytree(local_bots.uri, store_dir)
    (store_dir / SECOND / "manifest.json").write_text("{not json")
    (store_dir / "half_done" / "dataset").mkdir(parents=True)  # training: no manifest yet
    result = htctl("list", "--json", "--store", str(store_dir))
    assert result.returncode == 0, result.stderr
    assert [b["bot"] for b in json.loads(result.stdout)] == [BOT]
    assert SECOND in result.stderr and "corrupt store" in result.stderr


def test_htctl_list_of_a_missing_store_is_exit_2(htctl, tmp_path):
    assert_one_error_line(htctl("list", "--store", str(tmp_path / "none")), 2, "no store at")


def test_htctl_serve_on_a_taken_port_is_exit_3(htctl, local_bots):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = htctl("serve", "--store", local_bots.uri, "--port", port, timeout=120)
    assert_one_error_line(result, 3, f"cannot listen on 127.0.0.1:{port}")


def test_htctl_serve_of_a_missing_store_is_exit_2(htctl, tmp_path):
    result = htctl("serve", "--store", str(tmp_path / "none"), "--port", str(free_port()))
    assert_one_error_line(result, 2, "no store at")


# -- in-process: the catalog over many bots, the cache's byte bound, hostile store content ----


def fake_bot(store, name: str, display: str = "Name", avatar: str = "", card: str = "") -> None:
    """A bot with only what the catalog reads (no model): stats, metrics, meta, card."""
    files = {
        "dataset/stats.json": {"handles": {name: {"downloaded": 9, "short": 1, "kept": 7}}},
        "metrics.json": {"eval_loss_before": 4.0, "eval_loss_after": 3.0},
        f"raw/{name}.meta.json": {"display_name": display, "avatar_url": avatar},
        "predictions.json": {"samples": [{"prompt": "p", "text": "a sample"}]},
    }  # fmt: skip
    entries = []
    for path, value in files.items():
        write_json(store, f"{name}/{path}", value)
        entries.append(entry_for_file(path, store.root / name / path))
    if card:
        (store.root / name / "README.md").write_text(card)
        entries.append(entry_for_file("README.md", store.root / name / "README.md"))
    write_manifest(store, new_manifest(name, entries))


def test_catalog_pages_and_searches_many_bots(tmp_path):
    store = open_store(str(tmp_path / "store"))
    names = [f"bot_{i:03d}" for i in range(60)]
    for name in names:
        fake_bot(store, name)
    catalog = Catalog(store, recheck_seconds=60)
    page, total = catalog.page("", page=2, per_page=25)
    assert total == 60 and [b.bot for b in page] == names[25:50]
    found, total = catalog.page("@BOT_05", page=1, per_page=25)
    assert total == 10 and [b.bot for b in found] == names[50:60]
    assert len(list_bots(store)) == 60
    assert all(b.kept == 7 and b.eval_loss_after == 3.0 for b in list_bots(store))


def test_a_changed_file_is_not_trusted_until_its_manifest_says_so(tmp_path):
    store = open_store(str(tmp_path / "store"))
    fake_bot(store, "alice")
    write_json(store, "alice/metrics.json", {"eval_loss_before": 99.0})  # not in the manifest
    assert list_bots(store) == []  # a mismatch twice: skipped, not shown with foreign values


def test_hostile_store_content_is_escaped_on_pages(tmp_path):
    from fastapi.testclient import TestClient

    from job.serve.app import ServeSettings, create_app

    store = open_store(str(tmp_path / "store"))
    card = (
        '---\nwidget:\n- text: "<script>alert(2)</script>"\n---\n'
        "# Card\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(3))\n\n"
        "![x](https://evil.example/track.png)\n"
    )
    fake_bot(
        store,
        "mallory",
        display="<script>alert(0)</script>",
        avatar="javascript:alert(4)",
        card=card,
    )
    client = TestClient(create_app(ServeSettings(store=store)))
    for path in ("/", "/bots/mallory"):
        page = client.get(path)
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert 'href="javascript' not in page.text and 'src="javascript' not in page.text
        assert "evil.example" not in page.text
        assert "&lt;script&gt;alert(0)&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]


def test_the_cache_is_bounded_by_bytes_lru_out(tmp_path, monkeypatch):
    from job.serve.models import ModelCache

    monkeypatch.setenv("HT_CACHE", str(tmp_path / "cache"))
    store = publish_small_models(tmp_path)
    first = read_manifest(store, "one")
    size = ModelCache(1, 1).get(store, first).nbytes
    cache = ModelCache(max_models=10, max_bytes=int(size * 2.5))
    for name in ("one", "two", "three"):
        cache.get(store, read_manifest(store, name))
    assert cache.count == 2 and cache.nbytes <= size * 2.5 and cache.evictions == 1
    cache.get(store, read_manifest(store, "two"))  # a hit: "two" is now the most recent
    assert cache.loads == 3
    cache.get(store, first)  # "three" is the least recent now and leaves
    assert cache.loads == 4 and cache.evictions == 2
    assert {m.bot for m in cache._models.values()} == {"two", "one"}


def publish_small_models(tmp_path):
    """Three bots whose manifests list only a tiny model (distinct weights each)."""
    store = open_store(str(tmp_path / "models-store"))
    for seed, name in enumerate(("one", "two", "three")):
        folder = save_model(tmp_path / name, seed)
        upload_tree(store, f"{name}/model", folder)
        entries = [entry_for_file(f"model/{p.name}", p) for p in folder.iterdir() if p.is_file()]
        write_manifest(store, new_manifest(name, entries))
    return store


def test_concurrent_first_requests_load_a_model_once(tmp_path, monkeypatch):
    from job.serve.models import ModelCache

    monkeypatch.setenv("HT_CACHE", str(tmp_path / "cache"))
    store = publish_small_models(tmp_path)
    manifest = read_manifest(store, "one")
    cache = ModelCache(4, 10**9)
    barrier = threading.Barrier(4)

    def get(_):
        barrier.wait()
        return cache.get(store, manifest)

    with ThreadPoolExecutor(4) as pool:
        loaded = list(pool.map(get, range(4)))
    assert cache.loads == 1 and all(m is loaded[0] for m in loaded)


def test_a_manifest_naming_another_bot_is_refused(tmp_path):
    store = open_store(str(tmp_path / "store"))
    fake_bot(store, "alice")
    manifest = read_manifest(store, "alice")
    write_manifest(store, replace(manifest, bot="bob"))  # written to bob/manifest.json
    assert [b.bot for b in list_bots(store)] == ["alice"]
