"""The model card and its pictures, rendered in-process from data built here (no training).

The front matter is read back with yaml.safe_load (and the model-index with huggingface_hub's own
parser) and compared with the intended values; the pictures are checked through their layout
and the figure's artists rather than pixels, except where a pixel is the only evidence (the
avatar drawn from the store).
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import re
from pathlib import Path

import pytest
import yaml

from job.card import PROJECT_URL, render
from job.card_inputs import SMALL_FILE, avatar_bytes, base_origin, read_bounded
from job.card_metadata import Account, CardData, front_matter_data, license_fields
from job.plots import (
    AVATAR,
    EPOCH_LINE,
    Author,
    _font,
    avatar_image,
    draw_predictions,
    epoch_boundaries,
    layout_sample,
    loss_figure,
    shown_samples,
)
from job.store import open_store

METRICS = {
    "eval_loss_before": 5.61,
    "eval_loss_after": 3.2712345678901234,
    "perplexity_before": 273.0,
    "perplexity_after": 26.34567890123,
    "log_history": [
        {"step": 0, "epoch": 0, "eval_loss": 5.61},
        {"step": 5, "epoch": 0.5, "loss": 5.4},
        {"step": 10, "epoch": 1.0, "loss": 5.2},
        {"step": 10, "epoch": 1.0, "eval_loss": 4.8},
        {"step": 20, "epoch": 2.0, "loss": 4.1},
        {"step": 20, "epoch": 2.0, "eval_loss": 3.9},
        {"step": 40, "epoch": 4.0, "loss": 3.2},
        {"step": 40, "epoch": 4.0, "eval_loss": 3.27},
    ],
    "hyperparameters": {"base_model": "gpt2", "epochs": 4, "learning_rate": 1.372e-4},
}


def account(handle: str = "ola", source: str = "x", name: str = "Ola Nordmann") -> Account:
    counts = {"downloaded": 100, "retweets": 20, "short": 5, "kept": 75}
    return Account(handle=handle, display_name=name, avatar_url=None, counts=counts, source=source)


def card_data(**changes) -> CardData:
    values = {
        "bot": "ola",
        "accounts": [account()],
        "base_model": "gpt2",
        "hyperparameters": METRICS["hyperparameters"],
        "metrics": METRICS,
        "epochs_in_text": False,
        "store_uri": "s3://bucket/bots",
        "license": "mit",
    }
    return CardData(**(values | changes))


def front_matter(card: str) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", card, re.S)
    assert match, "the card starts with YAML front matter"
    return yaml.safe_load(match.group(1))


def section(card: str, title: str) -> str:
    return card.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


# -- front matter -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["no", "on", "yes", "off", "en"])
def test_front_matter_read_back_is_the_intended_metadata_and_a_language_stays_a_string(language):
    card = render(card_data(language=language))
    assert front_matter(card) == {
        "language": language,
        "license": "mit",
        "library_name": "transformers",
        "base_model": "gpt2",
        "pipeline_tag": "text-generation",
        "tags": ["huggingtweets", "htctl", "text-generation"],
        "thumbnail": "predictions.png",
        "widget": [{"text": "My dream is"}],
        "model-index": [
            {
                "name": "ola",
                "results": [
                    {
                        "task": {"type": "text-generation", "name": "Text Generation"},
                        "dataset": {
                            "type": "tweets",
                            "name": "@ola tweets (valid.txt)",
                            "split": "validation",
                        },
                        "metrics": [
                            {
                                "type": "loss",
                                "value": METRICS["eval_loss_after"],
                                "name": "Eval loss",
                            },
                            {
                                "type": "perplexity",
                                "value": METRICS["perplexity_after"],
                                "name": "Perplexity",
                            },
                        ],
                    }
                ],
            }
        ],
    }
    assert front_matter(card) == front_matter_data(card_data(language=language))


def test_model_index_is_what_the_hubs_own_parser_reads_as_the_metrics():
    from huggingface_hub.repocard_data import model_index_to_eval_results

    matter = front_matter(render(card_data(hub_repo="someone/ola-bot")))
    name, results = model_index_to_eval_results(matter["model-index"])
    assert name == "someone/ola-bot"
    assert {r.metric_type: r.metric_value for r in results} == {
        "loss": METRICS["eval_loss_after"],
        "perplexity": METRICS["perplexity_after"],
    }
    assert {r.task_type for r in results} == {"text-generation"}


def test_model_index_leaves_out_what_is_not_a_finite_number():
    metrics = METRICS | {"perplexity_after": math.inf}
    matter = front_matter(render(card_data(metrics=metrics)))
    (result,) = matter["model-index"][0]["results"]
    assert result["metrics"] == [
        {"type": "loss", "value": METRICS["eval_loss_after"], "name": "Eval loss"}
    ]
    nothing = METRICS | {"eval_loss_after": None, "perplexity_after": "26.3"}
    assert "model-index" not in front_matter(render(card_data(metrics=nothing)))


def test_hostile_display_names_and_licenses_cannot_add_front_matter_keys():
    evil = "x\n---\nbase_model: evil/model\nlicense: mit"
    card = render(card_data(accounts=[account(name=evil)], license=evil, bot="ola"))
    matter = front_matter(card)
    assert matter["base_model"] == "gpt2"
    assert matter["license"] == "other" and "\n" not in matter["license_name"]
    assert card.count("\n---\n") == 1  # the front matter closes once, where it should


@pytest.mark.parametrize(
    ("license", "expected"),
    [
        ("mit", {"license": "mit"}),
        ("Apache-2.0", {"license": "apache-2.0"}),
        ("llama3.1", {"license": "llama3.1"}),
        ("OPT-175B License", {"license": "other", "license_name": "opt-175b-license"}),
        (None, {}),
        ("  ", {}),
        ("!!!", {}),
    ],
)
def test_license_is_one_the_hub_accepts_else_other_with_its_name_else_none(license, expected):
    assert license_fields(license) == expected
    matter = front_matter(render(card_data(license=license)))
    assert {k: v for k, v in matter.items() if k.startswith("license")} == expected


def test_base_model_is_a_hub_id_or_absent():
    assert "base_model" not in front_matter(render(card_data(base_model="tiny")))
    mirror = card_data(base_model="store:base/gpt2", base_hub_id="openai-community/gpt2")
    card = render(mirror)
    assert front_matter(card)["base_model"] == "openai-community/gpt2"
    assert "[openai-community/gpt2](https://huggingface.co/openai-community/gpt2)" in card
    unknown = render(card_data(base_model="s3://models/base/x"))
    assert "base_model" not in front_matter(unknown)
    assert "`s3://models/base/x`" in unknown


# -- how to use: from where the reader can get the model ----------------------------------------


def test_local_store_card_names_no_path_of_the_training_machine(tmp_path):
    store = tmp_path / "home" / "alice" / "ht-data"
    base = tmp_path / "home" / "alice" / "models" / "gpt2-local"
    hyper = METRICS["hyperparameters"] | {"base_model": str(base)}
    card = render(card_data(store_uri=str(store), base_model=str(base), hyperparameters=hyper))
    assert str(tmp_path) not in card and "alice" not in card
    usage = section(card, "How to use")
    assert "pipeline('text-generation', model=\"ola/model\")" in usage
    assert 'htctl generate ola "My dream is" -n 5 --store .' in usage
    assert "| Base model | gpt2-local |" in card  # the folder's last part only
    assert "`gpt2-local`" in section(card, "Training procedure")


def test_s3_store_card_gives_the_two_commands_that_fetch_the_model():
    usage = section(render(card_data(store_uri="s3://bucket/bots")), "How to use")
    assert 'htctl generate ola "My dream is" -n 5 --store s3://bucket/bots' in usage
    assert "aws s3 cp --recursive s3://bucket/bots/ola/model ./ola" in usage
    assert "pipeline('text-generation', model=\"./ola\")" in usage


def test_pushed_card_uses_the_hub_repo_and_no_store_path(tmp_path):
    card = render(card_data(hub_repo="someone/ola-bot", store_uri=str(tmp_path / "ht-data")))
    usage = section(card, "How to use")
    assert "pipeline('text-generation', model=\"someone/ola-bot\")" in usage
    assert "hf download someone/ola-bot --local-dir ./ola" in usage
    assert str(tmp_path) not in card


# -- posts or tweets ------------------------------------------------------------------------------


def _tweet_words(card: str) -> list[str]:
    return re.findall(r"\b(?:re)?tweets?\b", card.replace("huggingtweets", ""), re.I)


@pytest.mark.parametrize("source", ["x", "archive"])
def test_x_posts_are_tweets(source):
    card = render(card_data(accounts=[account(source=source)]))
    assert "| Tweets downloaded | 100 |" in card and "| Retweets | 20 |" in card
    assert "| Short tweets | 5 |" in card and "| Tweets kept | 75 |" in card
    assert "trained on tweets from Ola Nordmann" in card


@pytest.mark.parametrize(
    "sources", [["bsky"], ["mastodon"], ["file"], ["x", "mastodon"], ["archive", "bsky"]]
)
def test_other_sources_and_mixed_bots_say_posts(sources):
    people = [account(f"h{i}", source) for i, source in enumerate(sources)]
    card = render(card_data(accounts=people, bot="-".join(a.handle for a in people)))
    assert _tweet_words(card) == []
    assert "| Posts downloaded |" in card and "| Reposts |" in card
    assert "| Short posts |" in card and "| Posts kept |" in card
    assert "trained on posts from" in card and "'s posts with a causal" in card
    assert front_matter(card)["model-index"][0]["results"][0]["dataset"]["type"] == "posts"


# -- W&B, data and About --------------------------------------------------------------------------


def test_wandb_run_is_linked_when_training_logged_to_it():
    url = "https://wandb.ai/me/bots/runs/ht-0123"
    run = {"project": "bots", "entity": "me", "id": "ht-0123", "url": url}
    card = render(card_data(metrics=METRICS | {"wandb": run}))
    assert f"[W&B training run]({url})" in section(card, "Training procedure")
    offline = run | {"url": None}
    text = render(card_data(metrics=METRICS | {"wandb": offline}))
    assert "W&B project `bots`, run `ht-0123`" in text and "wandb sync" in text
    assert "W&B" not in render(card_data())


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "http://wandb.ai/x", "https://e.vil/a)[x](https://b"]
)
def test_a_wandb_url_that_is_not_plain_https_is_not_linked(url):
    run = {"project": "bots", "entity": "me", "id": "ht-1", "url": url}
    card = render(card_data(metrics=METRICS | {"wandb": run}))
    assert url not in card and "W&B training run](" not in card
    assert "W&B project `bots`, run `ht-1`." in card  # named, not linked


def test_card_keeps_the_seeds_data_link_and_about_section():
    card = render(card_data())
    assert "Explore the data" in section(card, "Training data")
    assert "`ola/raw/`" in card and "`ola/dataset/`" in card
    about = section(card, "About")
    assert f"[project repository]({PROJECT_URL})" in about
    assert "[huggingtweets](https://github.com/borisdayma/huggingtweets)" in about
    assert "[gpt2](https://huggingface.co/gpt2)" in section(card, "Training procedure")


def test_a_sample_that_is_only_its_prompt_is_not_shown_in_the_card():
    samples = [
        {"prompt": "My dream is", "text": "My dream is"},
        {"prompt": "I think that", "text": "I think that  "},
        {"prompt": "The best thing about", "text": "The best thing about gardens"},
    ]
    card = render(card_data(samples=samples))
    quoted = [line for line in card.splitlines() if line.startswith("> ")]
    assert quoted == ["> The best thing about gardens"]
    only_prompts = render(card_data(samples=samples[:2]))
    assert "Samples generated" not in only_prompts


# -- where the base model came from ---------------------------------------------------------------


def test_mirror_metadata_names_the_hub_id_revision_and_license(store_uri):
    store = open_store(store_uri)
    meta = {"hub_id": "EleutherAI/pythia-70m", "revision": "v0", "license": "apache-2.0"}
    store.write_bytes("base/pythia/mirror.json", json.dumps(meta).encode())
    store.write_bytes("base/pythia/config.json", b"{}")
    origin = base_origin("store:base/pythia", store)
    assert (origin.hub_id, origin.revision, origin.license) == (
        "EleutherAI/pythia-70m",
        "v0",
        "apache-2.0",
    )
    card = render(
        card_data(
            base_model="store:base/pythia",
            base_hub_id=origin.hub_id,
            base_revision=origin.revision,
            license=origin.license,
        )
    )
    matter = front_matter(card)
    assert (matter["base_model"], matter["license"]) == ("EleutherAI/pythia-70m", "apache-2.0")
    assert "revision `v0`" in card


def test_s3_mirror_metadata_is_read_from_the_mirror_itself(s3_store_uri, s3_bucket):
    store = open_store(s3_store_uri)
    other = open_store(f"s3://{s3_bucket}/mirrors")
    other.write_bytes("gpt2/mirror.json", json.dumps({"hub_id": "gpt2"}).encode())
    origin = base_origin(f"s3://{s3_bucket}/mirrors/gpt2", store)
    assert (origin.hub_id, origin.revision, origin.license) == ("gpt2", None, "mit")


def test_license_falls_back_to_the_mirrors_readme_then_its_config(local_store_uri):
    store = open_store(local_store_uri)
    store.write_bytes("base/a/README.md", b"---\nlicense: cc-by-4.0\ntags: [x]\n---\n# A\n")
    store.write_bytes("base/a/config.json", b'{"license": "mit"}')
    store.write_bytes("base/b/config.json", b'{"license": "bsd-3-clause"}')
    store.write_bytes("base/c/config.json", b"{}")
    assert base_origin("store:base/a", store).license == "cc-by-4.0"
    assert base_origin("store:base/b", store).license == "bsd-3-clause"
    assert base_origin("store:base/c", store).license is None  # unknown: no license claimed
    assert base_origin("gpt2", store).license == "mit"  # a known Hub id
    assert base_origin("distilgpt2", store).license == "apache-2.0"
    assert base_origin("someone/unknown", store).license is None


def test_a_local_base_folder_is_read_for_its_metadata(tmp_path, local_store_uri):
    folder = tmp_path / "gpt2-copy"
    folder.mkdir()
    (folder / "mirror.json").write_text(json.dumps({"hub_id": "gpt2", "license": "mit"}))
    origin = base_origin(str(folder), open_store(local_store_uri))
    assert (origin.hub_id, origin.license) == ("gpt2", "mit")


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1, 2]",
        b"\xff\xfe",
        json.dumps({"hub_id": "../../evil", "revision": "a b;rm", "license": 7}).encode(),
        json.dumps({"hub_id": "https://e.vil/x"}).encode(),
        json.dumps({"hub_id": "tiny"}).encode(),
        b"{" + b" " * SMALL_FILE + b"}",  # larger than any metadata file
    ],
    ids=["bad-json", "not-object", "not-utf8", "bad-fields", "url-id", "tiny-id", "oversized"],
)
def test_hostile_mirror_metadata_is_ignored_with_a_warning_not_an_error(
    local_store_uri, content, caplog
):
    store = open_store(local_store_uri)
    store.write_bytes("base/m/mirror.json", content)
    with caplog.at_level(logging.WARNING, logger="htctl"):
        origin = base_origin("store:base/m", store)
    assert (origin.hub_id, origin.revision, origin.license) == (None, None, None)
    assert "ignored" in caplog.text


def test_a_link_in_a_local_store_is_not_followed(local_store_uri, tmp_path):
    secret = tmp_path / "outside.json"
    secret.write_text(json.dumps({"hub_id": "gpt2", "license": "mit"}))
    store = open_store(local_store_uri)
    store.write_bytes("base/m/config.json", b"{}")
    os.symlink(secret, Path(local_store_uri) / "base/m/mirror.json")
    assert read_bounded(store, "base/m/mirror.json", SMALL_FILE) is None
    assert base_origin("store:base/m", store).hub_id is None


def test_reads_are_bounded_on_s3_too(s3_store_uri):
    store = open_store(s3_store_uri)
    store.write_bytes("big.bin", b"x" * 5000)
    assert read_bounded(store, "big.bin", 4999) is None
    assert read_bounded(store, "big.bin", 5000) == b"x" * 5000
    assert read_bounded(store, "missing.bin", 10) is None


# -- predictions.png ------------------------------------------------------------------------------


FONTS = (_font(False, 16), _font(True, 16))


def joined(lines: list[list[tuple[str, bool]]]) -> str:
    return "\n".join("".join(text for text, _ in line) for line in lines)


@pytest.mark.parametrize(
    ("prompt", "rest"),
    [
        ("My dream is", " to grow tomatoes"),
        ("My dream is", "n't to be here"),
        ("I think that", ", well, maybe"),
        ("I think that", "\nsecond line"),
    ],
)
def test_prompt_and_continuation_are_joined_as_generated(prompt, rest):
    lines = layout_sample(prompt, rest, FONTS, 10_000)
    assert joined(lines) == prompt + rest
    bold = "".join(text for line in lines for text, is_bold in line if is_bold)
    assert bold == prompt  # the prompt stands out, the continuation does not


def test_wrapped_lines_keep_every_word_and_break_only_at_spaces():
    prompt, rest = "The best thing about", " gardens is " + "that " * 30 + "x" * 120
    lines = layout_sample(prompt, rest, FONTS, 300)
    assert len(lines) > 3
    for line in lines:
        width = sum(FONTS[b].getlength(t) for t, b in line)
        assert width <= 300
    assert "".join(joined(lines).split()) == "".join((prompt + rest).split())
    words = set((prompt + rest).split()[:-1])
    for word in joined(lines).split():  # only the word wider than a line is cut
        assert word in words or set(word) == {"x"}, word
    assert " about gardens" in joined(lines).replace("\n", " ")


def test_samples_that_are_only_the_prompt_are_not_drawn():
    samples = [
        {"prompt": "My dream is", "text": "My dream is"},
        {"prompt": "I think that", "text": "I think that \n "},
        {"prompt": "The best thing about", "text": "The best thing about it"},
    ]
    assert shown_samples(samples) == [("The best thing about", " it")]


def _png(colour: str, size: tuple[int, int] = (64, 64), fmt: str = "PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def test_predictions_draw_only_real_samples_with_the_stored_avatar(tmp_path):
    from PIL import Image

    author = Author(display_name="Ola", handle="ola")
    one = [{"prompt": "My dream is", "text": "My dream is to fly"}]
    prompt_only = [{"prompt": "I think that", "text": "I think that"}]
    path_one = draw_predictions(one, author, tmp_path / "one.png", _png("#ff0000"))
    path_both = draw_predictions(one + prompt_only, author, tmp_path / "both.png")
    with Image.open(path_one) as a, Image.open(path_both) as b:
        assert a.size == b.size  # the prompt-only sample added no card
        centre = (40 + AVATAR // 2, 10 + 20 + AVATAR // 2)
        assert a.convert("RGB").getpixel(centre) == (255, 0, 0)  # the stored avatar
        assert b.convert("RGB").getpixel(centre) != (255, 0, 0)  # the default circle
    none_shown = draw_predictions(prompt_only, author, tmp_path / "none.png")
    with Image.open(none_shown) as image:
        assert image.format == "PNG" and image.height > AVATAR


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"not an image at all", "not a usable image"),
        (_png("red", fmt="BMP"), "format BMP"),
        (_png("red", size=(5000, 5000)), "pixels"),
        (b"\x89PNG" + b"0" * (3 * 1024 * 1024), "bytes"),
        (_png("red")[:40], "not a usable image"),
    ],
    ids=["garbage", "bmp", "too-many-pixels", "too-many-bytes", "truncated"],
)
def test_a_bad_avatar_is_a_warning_and_the_default_circle(data, why, caplog):
    with caplog.at_level(logging.WARNING, logger="htctl"):
        assert avatar_image(data) is None
    assert why in caplog.text


def test_avatar_is_read_from_the_store_only_when_there(store_uri):
    store = open_store(store_uri)
    people = [account("ola"), account("kari")]
    assert avatar_bytes(store, "ola-kari", people) is None
    store.write_bytes("ola-kari/raw/kari.avatar.jpg", _png("blue", fmt="JPEG"))
    data = avatar_bytes(store, "ola-kari", people)
    assert data is not None and avatar_image(data).size == (AVATAR, AVATAR)


# -- loss.png -------------------------------------------------------------------------------------


def test_loss_figure_marks_each_epoch_boundary():
    assert epoch_boundaries(METRICS["log_history"]) == [(1, 10), (2, 20), (3, 30), (4, 40)]
    figure = loss_figure(METRICS["log_history"], METRICS["eval_loss_before"])
    (axes,) = figure.axes
    marks = [line for line in axes.get_lines() if line.get_gid() == EPOCH_LINE]
    assert [line.get_xdata()[0] for line in marks] == [10, 20, 30, 40]
    labels = [t.get_text().strip() for t in axes.texts]
    assert labels == ["epoch 1", "epoch 2", "epoch 3", "epoch 4"]
    curves = [line.get_label() for line in axes.get_lines() if line.get_gid() != EPOCH_LINE]
    assert curves == ["train loss", "eval loss"]


def test_loss_figure_without_a_whole_epoch_has_no_epoch_lines():
    history = [{"step": 0, "epoch": 0, "eval_loss": 5.0}, {"step": 3, "epoch": 0.3, "loss": 4.0}]
    (axes,) = loss_figure(history).axes
    assert not [line for line in axes.get_lines() if line.get_gid() == EPOCH_LINE]
    assert epoch_boundaries([{"step": 1, "epoch": float("nan"), "loss": 1.0}]) == []
    assert epoch_boundaries([]) == []


def test_the_card_says_when_the_published_weights_are_not_the_last():
    kept = {"rule": "best", "step": 40, "eval_loss": 2.5, "last_step": 80, "last_eval_loss": 2.7}
    card = render(card_data(metrics={**METRICS, "kept": kept}))
    assert "those of step 40, the best evaluated on valid.txt (eval loss 2.5)" in card
    assert "not the last step 80 (2.7)" in card
    last = {**kept, "step": 80, "eval_loss": 2.7}
    assert "which also evaluated best" in render(card_data(metrics={**METRICS, "kept": last}))
    plain = render(card_data(metrics={**METRICS, "kept": {**last, "rule": "last"}}))
    assert "published weights" not in plain
    assert "published weights" not in render(card_data())  # metrics.json from before the rule


def test_an_adapter_card_is_a_peft_card_whose_snippet_loads_base_then_adapter():
    adapter = {
        "type": "lora",
        "rank": 16,
        "alpha": 32.0,
        "target_modules": ["c_attn", "c_fc", "c_proj"],
        "trainable_parameters": 100,
        "total_parameters": 1000,
        "merged": False,
    }
    card = render(card_data(metrics={**METRICS, "adapter": adapter}))
    matter = front_matter(card)
    assert matter["library_name"] == "peft" and "lora" in matter["tags"]
    assert "Only a LoRA adapter was trained (100 of 1000 parameters, 10.00%)" in card
    assert 'base = AutoModelForCausalLM.from_pretrained("gpt2")' in card
    assert "PeftModel.from_pretrained(base, " in card
    merged = render(card_data(metrics={**METRICS, "adapter": {**adapter, "merged": True}}))
    assert front_matter(merged)["library_name"] == "transformers"
    assert "PeftModel" not in merged and "merged into the base's weights" in merged
