"""The model card (README.md) in the Hugging Face format, with the seed card's parts.

Front matter, the avatar/name header, huggingtweets' data table, the training procedure, how
to use the model, limitations and bias, and the rule that generated text is labelled as such.
Display names and avatar URLs come from the posts' source, so they are escaped for HTML and
Markdown; nothing secret is passed in, so nothing secret can come out.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from job.models import hub_id

WIDGET_TEXT = "My dream is"
DEFAULT_LANGUAGE = "en"
DEFAULT_LICENSE = "mit"
# X's codes for "no language": undetermined, no linguistic content, media/hashtag/mention only.
_NO_LANGUAGE = {"und", "zxx", "qme", "qht", "qam", "qct", "qst", "art", ""}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_PLAIN_YAML = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_MARKDOWN_CHARS = set("\\`*_{}[]()#+!|~")
_HTML_SPECIAL = set("<>&'\"")
_SAFE_URL = re.compile(r"^https?://[^\s'\"()\\<>]+$")


@dataclass
class Account:
    handle: str  # lower-case key
    display_name: str
    avatar_url: str | None
    counts: dict  # downloaded, retweets, short, kept (stats.json)


@dataclass
class CardData:
    bot: str
    accounts: list[Account]
    base_model: str
    hyperparameters: dict
    metrics: dict
    epochs_in_text: bool
    model_location: str  # a local folder or a store URI of the model folder
    store_uri: str
    language: str = DEFAULT_LANGUAGE
    license: str = DEFAULT_LICENSE
    thumbnail: str = "predictions.png"
    hub_repo: str | None = None
    samples: list[dict] = field(default_factory=list)


def majority_language(langs: Iterable[str | None]) -> str:
    """The most common post language, ignoring X's "no language" codes; ``en`` when none."""
    counts = Counter(
        lang for lang in langs if lang and lang not in _NO_LANGUAGE and _LANGUAGE.match(lang)
    )
    return counts.most_common(1)[0][0] if counts else DEFAULT_LANGUAGE


def escape_markdown(text: str) -> str:
    """Text safe inside Markdown and HTML: no markup, links, tables or tags can be injected."""
    one_line = " ".join(str(text).split())
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", one_line), quote=False)


def escape_html(text: str) -> str:
    """Text safe inside HTML; Markdown's characters become entities, so no renderer links them."""
    out = []
    for char in " ".join(str(text).split()):
        if char in _HTML_SPECIAL or char in _MARKDOWN_CHARS:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def safe_url(url: str | None) -> str:
    """An http(s) URL that cannot break out of the CSS ``url('...')`` it goes in, else ''."""
    return url if url and _SAFE_URL.match(url) else ""


def _yaml_scalar(value: str) -> str:
    return value if _PLAIN_YAML.match(value) else json.dumps(value, ensure_ascii=False)


def front_matter(data: CardData) -> str:
    lines = [
        "---",
        f"language: {_yaml_scalar(data.language)}",
        f"thumbnail: {_yaml_scalar(data.thumbnail)}",
        "tags:",
        "- huggingtweets",
        "- htctl",
        "- text-generation",
        "widget:",
        f"- text: {json.dumps(WIDGET_TEXT)}",
        f"license: {_yaml_scalar(data.license)}",
        "pipeline_tag: text-generation",
    ]
    base = hub_id(data.base_model)
    if base:
        lines.insert(-2, f"base_model: {_yaml_scalar(base)}")
    return "\n".join([*lines, "---"])


def _avatar_div(url: str, shown: bool) -> str:
    display = "inherit" if shown else "none"
    return (
        "        <div\n"
        f'            style="display:{display}; margin-left: 4px; margin-right: 4px; '
        "width: 92px; height:92px; border-radius: 50%; background-size: cover; "
        f'background-image: url(&#39;{html.escape(url, quote=True)}&#39;)">\n'
        "        </div>"
    )


def header(data: CardData) -> str:
    accounts = data.accounts
    avatars = [_avatar_div(safe_url(a.avatar_url), True) for a in accounts]
    avatars += [_avatar_div("", False) for _ in range(3 - len(accounts))]
    kind = "🤖 AI BOT 🤖" if len(accounts) == 1 else "🤖 AI CYBORG 🤖"
    names = " & ".join(escape_html(a.display_name) for a in accounts)
    handles = " & ".join(f"@{html.escape(a.handle)}" for a in accounts)
    return "\n".join(
        [
            '<div class="inline-flex flex-col" style="line-height: 1.5;">',
            '    <div class="flex">',
            *avatars,
            "    </div>",
            '    <div style="text-align: center; margin-top: 3px; font-size: 16px; '
            f'font-weight: 800">{kind}</div>',
            f'    <div style="text-align: center; font-size: 16px; font-weight: 800">{names}</div>',
            f'    <div style="text-align: center; font-size: 14px;">{handles}</div>',
            "</div>",
        ]
    )


def data_table(accounts: list[Account]) -> str:
    """huggingtweets' table: one column per handle, the four counts of stats.json."""
    rows = [
        ("Tweets downloaded", "downloaded"),
        ("Retweets", "retweets"),
        ("Short tweets", "short"),
        ("Tweets kept", "kept"),
    ]
    lines = [
        "| Data | " + " | ".join(escape_markdown(a.display_name) for a in accounts) + " |",
        "| --- | " + " | ".join("---" for _ in accounts) + " |",
    ]
    for label, key in rows:
        lines.append(f"| {label} | " + " | ".join(str(a.counts[key]) for a in accounts) + " |")
    return "\n".join(lines)


_HYPERPARAMETERS = [
    ("base_model", "Base model"),
    ("learning_rate", "Learning rate"),
    ("lr_scheduler", "Learning-rate schedule"),
    ("epochs", "Epochs"),
    ("max_steps", "Step cap (max_steps, -1: none)"),
    ("warmup_steps", "Warmup steps"),
    ("optimizer", "Optimizer"),
    ("block_size", "Block size (tokens)"),
    ("micro_batch_size", "Micro-batch size per device"),
    ("gradient_accumulation", "Gradient accumulation steps"),
    ("world_size", "Devices (world size)"),
    ("precision", "Precision"),
    ("zero_stage", "DeepSpeed ZeRO stage"),
    ("seed", "Seed"),
]


def _number(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.6g}"
    return str(value)


def _cell(value) -> str:
    if isinstance(value, int | float):
        return _number(value)
    return escape_markdown(str(value))


def hyperparameter_table(hyperparameters: dict) -> str:
    lines = ["| Hyperparameter | Value |", "| --- | --- |"]
    for key, label in _HYPERPARAMETERS:
        if key in hyperparameters:
            lines.append(f"| {label} | {_cell(hyperparameters[key])} |")
    return "\n".join(lines)


def metrics_table(metrics: dict) -> str:
    def fmt(key: str) -> str:
        value = metrics.get(key)
        return f"{value:.4f}" if isinstance(value, int | float) else "n/a"

    return "\n".join(
        [
            "| Metric (on valid.txt) | Before fine-tuning | After fine-tuning |",
            "| --- | --- | --- |",
            f"| Eval loss | {fmt('eval_loss_before')} | {fmt('eval_loss_after')} |",
            f"| Perplexity | {fmt('perplexity_before')} | {fmt('perplexity_after')} |",
        ]
    )


def epochs_sentence(data: CardData) -> str:
    epochs = _number(data.hyperparameters.get("epochs", 4))
    max_steps = data.hyperparameters.get("max_steps", -1)
    cap = (
        f" Training was capped at {max_steps} optimizer steps (`max_steps`), so it may have "
        "stopped before the last epoch."
        if isinstance(max_steps, int) and max_steps > 0
        else ""
    )
    if data.epochs_in_text:
        return (
            f"The recipe's {epochs} epochs are baked into the training text (each post repeated, "
            "as huggingtweets did)." + cap
        )
    return (
        f"The recipe's {epochs} epochs were run by the trainer: the training text holds each "
        "post once (repeated only to balance handles), it does not repeat it per epoch." + cap
    )


def usage(data: CardData) -> str:
    if data.hub_repo:
        model = json.dumps(data.hub_repo)
        intro = f"The model is on the Hugging Face Hub as `{data.hub_repo}`:"
        code = [
            "from transformers import pipeline",
            f"generator = pipeline('text-generation', model={model})",
        ]
    elif data.store_uri.startswith("s3://"):
        intro = (
            f"The model lives in the store `{data.model_location}`. Download it through the "
            "bot's manifest (it checks every file's sha256), then load it:"
        )
        code = [
            "from pathlib import Path",
            "from job.manifest import fetch_model",
            "from job.store import open_store",
            "from transformers import pipeline",
            "",
            f"model_dir = fetch_model(open_store({json.dumps(data.store_uri)}), "
            f"{json.dumps(data.bot)}, Path({json.dumps(data.bot + '-model')}))",
            "generator = pipeline('text-generation', model=str(model_dir))",
        ]
    else:
        intro = f"The model is the folder `{data.model_location}`:"
        code = [
            "from transformers import pipeline",
            f"generator = pipeline('text-generation', model={json.dumps(data.model_location)})",
        ]
    code.append(f'generator("<|endoftext|>{WIDGET_TEXT}", num_return_sequences=5)')
    cli = f"htctl generate {data.bot} {json.dumps(WIDGET_TEXT)} -n 5 --store {data.store_uri}"
    return "\n".join(
        [
            intro,
            "",
            "```python",
            *code,
            "```",
            "",
            "Prompts are prefixed with `<|endoftext|>`, the separator the posts were trained "
            "with; the sampling settings (top-p 0.95, temperature 1.0, up to 160 tokens) are "
            "saved in `generation_config.json`. Or from the command line:",
            "",
            "```bash",
            cli,
            "```",
        ]
    )


def samples_section(samples: list[dict]) -> str:
    if not samples:
        return ""
    lines = ["Samples generated at publish time (seeded), also drawn in `predictions.png`:", ""]
    for s in samples:
        lines.append(f"> {escape_markdown(s['text'])}")
        lines.append("")
    return "\n".join(lines)


def render(data: CardData) -> str:
    """The whole card as Markdown."""
    names = " & ".join(escape_markdown(a.display_name) for a in data.accounts)
    handles = ", ".join(f"@{escape_markdown(a.handle)}" for a in data.accounts)
    model_link = escape_markdown(data.base_model)
    sections = [
        front_matter(data),
        "",
        header(data),
        "",
        "I was made with htctl, a batch rebuild of "
        "[huggingtweets](https://github.com/borisdayma/huggingtweets).",
        "",
        "## How does it work?",
        "",
        "The model uses the following pipeline: the posts are scraped to a store, cleaned with "
        "huggingtweets' rules into a dataset, a pre-trained GPT-2 is fine-tuned on them with "
        "DeepSpeed through the Hugging Face Trainer, and the model is published with this card.",
        "",
        "    scrape -> prepare -> train -> publish",
        "",
        "## Training data",
        "",
        f"The model was trained on tweets from {names}.",
        "",
        data_table(data.accounts),
        "",
        "## Training procedure",
        "",
        f"The model is based on the pre-trained model {model_link}, fine-tuned on "
        f"{handles}'s tweets, with a causal language-modelling loss.",
        "",
        hyperparameter_table(data.hyperparameters),
        "",
        epochs_sentence(data),
        "",
        metrics_table(data.metrics),
        "",
        "![loss](loss.png)",
        "",
        "## How to use",
        "",
        usage(data),
        "",
        samples_section(data.samples),
        "## Limitations and bias",
        "",
        "The model suffers from [the same limitations and bias as GPT-2]"
        "(https://huggingface.co/gpt2#limitations-and-bias).",
        "",
        "In addition, the data present in the user's tweets further affects the text generated "
        "by the model: it can repeat their opinions, errors, and private or offensive content.",
        "",
        "## Generated text must be labelled",
        "",
        "Text produced by this model is machine-generated. Whenever you publish or share it, "
        f"label it clearly as generated by an AI model, never present it as written by "
        f"{handles}, and do not use it to impersonate or deceive.",
        "",
    ]
    return "\n".join(sections)
