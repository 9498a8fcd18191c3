"""Any causal LM as the base: the post separator rule (job/separator.py) through run, generate
and refresh, on random-init tiny Llama, Qwen2 and GPT-NeoX bases whose locally built tokenizers
have a distinct bos ``<s>`` and eos ``</s>`` and no ``<|endoftext|>``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from job import layout
from job.generate import published_model_dir
from job.models import generation_config, load_base_model, tiny_tokenizer
from job.rules import EOS
from job.separator import SEED, Separator, encode, prompt_ids, separator_for
from job.store import open_store
from tests.support.bases import ARCHITECTURES, byte_tokenizer, save_base
from tests.support.training import BOT, ONE_THREAD, tiny_run_args

OTHER = Separator(text="</s>", bos="<s>")


def run_args(sample_archive: Path, store: str, base: Path, *extra: str) -> list[str]:
    args = tiny_run_args(sample_archive, store, "--max-steps", "2", *extra, until=None)
    args[args.index("tiny")] = str(base)
    return args


def test_the_seed_separator_where_the_tokenizer_holds_it_else_its_own_eos_and_bos():
    assert separator_for(tiny_tokenizer()) == SEED
    tokenizer = byte_tokenizer(adds_bos=True)
    assert EOS not in tokenizer.get_vocab()
    assert separator_for(tokenizer) == OTHER
    assert Separator.from_dict(OTHER.as_dict()) == OTHER
    assert Separator.from_dict(None) == SEED  # metrics.json from before the record


@pytest.mark.parametrize("adds_bos", [True, False])
def test_dataset_markers_become_the_separator_ids_once_each(adds_bos):
    tokenizer = byte_tokenizer(adds_bos=adds_bos)
    bos, eos = tokenizer.bos_token_id, tokenizer.eos_token_id
    hello = tokenizer("hello", add_special_tokens=False)["input_ids"]
    world = tokenizer("world", add_special_tokens=False)["input_ids"]
    ids = encode(tokenizer, f"{EOS}hello{EOS}world{EOS}", OTHER)
    assert ids == [bos, eos, *hello, eos, *world, eos]  # one bos even where the tokenizer adds it
    assert prompt_ids(tokenizer, "hello", OTHER) == [bos, eos, *hello]


def test_the_seed_path_tokenises_the_text_as_it_is():
    tokenizer = tiny_tokenizer()
    text = f"{EOS}hello{EOS}"
    assert encode(tokenizer, text, SEED) == tokenizer(text)["input_ids"]
    assert prompt_ids(tokenizer, "hi", SEED) == tokenizer(EOS + "hi")["input_ids"]


def test_sampling_config_stops_at_the_separator_and_starts_with_the_bos():
    tokenizer = byte_tokenizer(adds_bos=False)
    config = generation_config(tokenizer)
    assert config.eos_token_id == config.pad_token_id == tokenizer.eos_token_id
    assert config.bos_token_id == tokenizer.bos_token_id != config.eos_token_id


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_run_and_generate_on_a_base_without_endoftext(
    architecture, htctl, sample_archive, local_store_uri, tmp_path
):
    base = save_base(architecture, tmp_path / architecture)
    result = htctl(*run_args(sample_archive, local_store_uri, base), env=ONE_THREAD)
    assert result.returncode == 0, result.stderr
    store = open_store(local_store_uri)
    metrics = json.loads(store.read_bytes(layout.metrics(BOT)))
    assert metrics["separator"] == {"text": "</s>", "bos": "<s>"}
    predictions = json.loads(store.read_bytes(layout.predictions_json(BOT)))
    assert predictions["prompt_prefix"] == "<s></s>"
    card = store.read_bytes(layout.card(BOT)).decode()
    assert '"<s></s>My dream is", num_return_sequences=5, add_special_tokens=False' in card
    assert "<|endoftext|>" not in card

    # The published folder loads with plain transformers and samples stop at the separator.
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = published_model_dir(store, BOT)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder)
    assert type(model).__name__.lower().startswith(architecture.replace("_", ""))
    assert model.generation_config.eos_token_id == tokenizer.convert_tokens_to_ids("</s>")
    assert model.generation_config.bos_token_id == tokenizer.convert_tokens_to_ids("<s>")
    assert separator_for(tokenizer) == OTHER

    generated = htctl(
        "generate", BOT, "My dream is", "-n", "2", "--store", local_store_uri, env=ONE_THREAD
    )
    assert generated.returncode == 0, generated.stderr
    lines = generated.stdout.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("My dream is") for line in lines)


def test_refresh_retrains_on_the_published_base(htctl, sample_archive, local_store_uri, tmp_path):
    base = save_base("llama", tmp_path / "llama")
    assert htctl(*run_args(sample_archive, local_store_uri, base), env=ONE_THREAD).returncode == 0
    store = open_store(local_store_uri)
    before = json.loads(store.read_bytes(layout.metrics(BOT)))
    result = htctl(
        "refresh",
        BOT,
        "--source",
        f"archive:{sample_archive}",
        "--store",
        local_store_uri,
        "--retrain",
        "--max-steps",
        "2",
        env=ONE_THREAD,
    )
    assert result.returncode == 0, result.stderr
    after = json.loads(store.read_bytes(layout.metrics(BOT)))
    assert after["hyperparameters"]["base_model"] == str(base)
    assert after["separator"] == {"text": "</s>", "bos": "<s>"}
    assert after != before
    model, tokenizer = load_base_model(str(published_model_dir(store, BOT)))
    assert separator_for(tokenizer) == OTHER
