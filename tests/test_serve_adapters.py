"""``htctl serve`` with LoRA adapter bots: every adapter on one base shares one loaded copy of
it. The cache in-process (loads, bytes, eviction, concurrency), then a real server process, over
a local store of published bots: two adapters on the tiny base (with different sampling
defaults), one whose adapter names a local folder as its base, and one full bot."""

from __future__ import annotations

import shutil
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from job.errors import BadInput
from job.generate import generate, published_model_dir, sample
from job.manifest import read_manifest
from job.models import resolve_base_model
from job.serve.models import LoadedModel, ModelCache, model_bytes
from job.store import Store, open_store
from tests.support.adapter_bots import publish_adapter_bot, publish_model_only, save_adapter
from tests.support.bases import save_base
from tests.support.serve import metric, publish_archive_bot, start_server

ONE, TWO, FAR, PLAIN = "lora_one", "lora_two", "lora_far", "plain_bot"
PROMPT = "My dream is"
ROOMY = 10**9  # bytes: only the count bounds the cache


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """One htctl cache for the module (the tiny base is written there once)."""
    folder = tmp_path_factory.mktemp("adapter-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HT_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def store(cache_dir, tmp_path_factory) -> Store:
    import torch

    torch.set_num_threads(1)  # as the server: the same arithmetic, the same samples
    scratch = tmp_path_factory.mktemp("adapter-bots")
    store = open_store(str(scratch / "store"))
    publish_adapter_bot(store, ONE, scratch, seed=1)
    publish_adapter_bot(store, TWO, scratch, seed=2, sampling={"max_length": 60, "top_p": 0.8})
    # Trained from a local folder: only its trainer may name that base, serve may not.
    publish_adapter_bot(store, FAR, scratch, seed=3, base=resolve_base_model("tiny"))
    publish_archive_bot(store, PLAIN, scratch, seed=4)
    return store


@pytest.fixture(scope="module")
def expected(store) -> dict[str, list[str]]:
    """What ``htctl generate`` gives (each bot loaded on its own), seed 5, two samples."""
    return {bot: generate(store, bot, PROMPT, n=2, seed=5) for bot in (ONE, TWO)}


def warm(cache: ModelCache, store: Store, bot: str) -> LoadedModel:
    return cache.get(store, read_manifest(store, bot))


def samples_of(cache: ModelCache, loaded: LoadedModel) -> list[str]:
    with cache.generating(loaded) as model:
        return sample(loaded.tokenizer, model, PROMPT, n=2, seed=5)


def file_tensor_bytes(path) -> int:
    from safetensors.torch import load_file

    return sum(t.numel() * t.element_size() for t in load_file(path).values())


def test_two_adapter_bots_load_their_base_once_and_sample_as_htctl_generate(store, expected):
    cache = ModelCache(4, ROOMY)
    one, two = warm(cache, store, ONE), warm(cache, store, TWO)
    assert cache.loads == 2 and cache.count == 2 and cache.bases == 1
    assert one.model is two.model and one.adapter.base is two.adapter.base
    assert expected[ONE] != expected[TWO]
    for loaded in (one, two, one, two):  # each bot's own adapter and sampling defaults, in turn
        assert samples_of(cache, loaded) == expected[loaded.bot]


def test_an_adapter_counts_its_own_bytes_and_the_base_counts_once(store):
    from transformers import AutoModelForCausalLM

    cache = ModelCache(4, ROOMY)
    one, two = warm(cache, store, ONE), warm(cache, store, TWO)
    base_bytes = model_bytes(AutoModelForCausalLM.from_pretrained(resolve_base_model("tiny")))
    assert one.adapter.base.nbytes == base_bytes
    for loaded in (one, two):
        saved = published_model_dir(store, loaded.bot) / "adapter_model.safetensors"
        assert loaded.nbytes == file_tensor_bytes(saved) < base_bytes / 2
    assert cache.nbytes == base_bytes + one.nbytes + two.nbytes


def test_evicting_one_adapter_keeps_the_other_and_the_last_one_frees_the_base(
    store, expected, tmp_path
):
    store = open_store(str(shutil.copytree(store.root, tmp_path / "store")))
    cache = ModelCache(max_models=1, max_bytes=ROOMY)
    one = warm(cache, store, ONE)
    shared = one.model
    two = warm(cache, store, TWO)  # ONE leaves: its adapter is deleted, the base stays for TWO
    assert cache.count == 1 and cache.bases == 1 and cache.evictions == 1
    assert list(shared.peft_config) == [two.adapter.name]
    assert cache.nbytes == two.adapter.base.nbytes + two.nbytes
    assert samples_of(cache, two) == expected[TWO]
    # A request that held ONE as it left still gets ONE's samples, from the tensors ONE kept
    # (not from its folder, which a refresh may be rewriting), and leaves nothing behind.
    weights = "adapter_model.safetensors"
    shutil.copyfile(
        published_model_dir(store, TWO) / weights, published_model_dir(store, ONE) / weights
    )
    assert samples_of(cache, one) == expected[ONE]
    assert list(shared.peft_config) == [two.adapter.name]
    assert samples_of(cache, two) == expected[TWO]

    plain = warm(cache, store, PLAIN)  # TWO leaves, the last adapter on the base: it goes too
    assert cache.bases == 0 and cache.count == 1 and cache.nbytes == plain.nbytes
    base = weakref.ref(shared.base_model.model)
    del one, two, shared
    assert base() is None  # nothing holds the base's weights any more


def test_an_adapter_naming_a_base_serve_may_not_load_is_one_line_of_bad_input(store):
    cache = ModelCache(4, ROOMY)
    with pytest.raises(BadInput, match="--base-model") as refused:
        warm(cache, store, FAR)
    assert "local folder" in str(refused.value) and "\n" not in str(refused.value)
    assert cache.loads == 0 and cache.bases == 0 and cache.nbytes == 0
    assert warm(cache, store, ONE).adapter is not None  # the cache still works


def test_an_adapter_that_does_not_fit_its_base_is_bad_input_and_leaves_the_base_as_it_was(
    store, expected, tmp_path
):
    llama = save_base("llama", tmp_path / "llama")
    misfit = tmp_path / "misfit"
    save_adapter(misfit, base="tiny", seed=6, sampling={}, trained_on=str(llama))  # says tiny
    other = open_store(str(tmp_path / "store"))
    publish_model_only(other, "misfit", misfit)
    cache = ModelCache(4, ROOMY)
    one = warm(cache, store, ONE)
    with pytest.raises(BadInput, match="does not fit its base model") as refused:
        warm(cache, other, "misfit")
    assert "\n" not in str(refused.value)
    assert list(one.model.peft_config) == [one.adapter.name] and cache.count == 1
    assert samples_of(cache, one) == expected[ONE]


def test_concurrent_first_requests_load_each_adapter_and_their_base_once(store):
    cache = ModelCache(4, ROOMY)
    bots = [ONE, TWO] * 3
    barrier = threading.Barrier(len(bots))

    def get(bot: str) -> LoadedModel:
        barrier.wait()
        return warm(cache, store, bot)

    with ThreadPoolExecutor(len(bots)) as pool:
        loaded = list(pool.map(get, bots))
    assert cache.loads == 2 and cache.bases == 1
    assert all(m is loaded[0] for m in loaded[0::2]) and all(m is loaded[1] for m in loaded[1::2])
    assert loaded[0].model is loaded[1].model


def test_requests_that_evict_each_other_still_get_their_own_samples(store, expected):
    """A cache of one: every request for the other bot evicts the one a request may be
    sampling with; the generation lock keeps adapters from changing under a sample."""
    cache = ModelCache(max_models=1, max_bytes=ROOMY)

    def ask(bot: str) -> bool:
        return samples_of(cache, warm(cache, store, bot)) == expected[bot]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(ask, [ONE, TWO] * 4))
    assert all(answers)
    assert cache.count == 1 and cache.bases == 1 and cache.loads >= 2


# -- a real server ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api(store, cache_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("adapter-serve") / "server.log"
    args = ("--max-models", "4", "--recheck-seconds", "0", "--threads", "1")
    server = start_server(store.uri, log, *args, env={"HT_CACHE_DIR": str(cache_dir)})
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            yield client
    finally:
        server.stop()


def test_the_server_answers_each_adapter_bot_with_its_own_samples_on_one_base(api, store, expected):
    kinds = {b["bot"]: b["kind"] for b in api.get("/api/bots").json()["bots"]}
    assert kinds == {ONE: "adapter", TWO: "adapter", FAR: "adapter", PLAIN: "full"}
    for bot in (ONE, TWO, ONE):
        answer = api.post(f"/api/bots/{bot}/generate", json={"prompt": PROMPT, "n": 2, "seed": 5})
        assert answer.status_code == 200, answer.text
        assert answer.json()["samples"] == expected[bot]
    in_process = ModelCache(4, ROOMY)
    for bot in (ONE, TWO):
        warm(in_process, store, bot)
    text = api.get("/metrics").text
    assert metric(text, "htctl_serve_model_loads") == 2
    assert metric(text, "htctl_serve_models_loaded") == 2
    assert metric(text, "htctl_serve_bases_loaded") == 1
    assert metric(text, "htctl_serve_model_cache_bytes") == in_process.nbytes
    assert api.get("/healthz").json()["bases_loaded"] == 1


def test_the_server_answers_an_adapter_on_a_refused_base_with_a_one_line_error(api):
    answer = api.post(f"/api/bots/{FAR}/generate", json={"prompt": PROMPT})
    assert answer.status_code == 502, answer.text
    error = answer.json()["error"]
    assert "local folder" in error and "--base-model" in error and "\n" not in error
    assert "Traceback" not in error
    assert api.get("/healthz").status_code == 200
    fine = api.post(f"/api/bots/{PLAIN}/generate", json={"prompt": PROMPT})
    assert fine.status_code == 200, fine.text
