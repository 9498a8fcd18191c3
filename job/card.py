"""The model card (README.md) in the Hugging Face format, with the seed card's parts.

Front matter (``job.card_metadata``, from the same ``CardData``), the avatar/name header,
huggingtweets' data table, the training procedure with a link to the base model and to the W&B
run, how to use the model from where the reader can get it, limitations and bias, the rule that
generated text is labelled as such, and the About section. Display names and avatar
URLs come from the posts' source, so they are escaped for HTML and Markdown; nothing secret is
passed in, so nothing secret can come out, and no path of the machine that trained the model is
written (a local base model folder is named by its last part only).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import PurePosixPath

from job.card_metadata import (
    WIDGET_TEXT,
    Account,
    CardData,
    front_matter,
    posts_word,
)
from job.models import TINY, hub_id
from job.separator import Separator

# The project's home, for the card's About section (one place: the chart's `home` says the same).
PROJECT_URL = "https://github.com/htctl/htctl"
SEED_URL = "https://github.com/borisdayma/huggingtweets"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_MARKDOWN_CHARS = set("\\`*_{}[]()#+!|~")
_HTML_SPECIAL = set("<>&'\"")
_SAFE_URL = re.compile(r"^https?://[^\s'\"()\\<>]+$")


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


def data_table(accounts: list[Account], tweets: bool = True) -> str:
    """huggingtweets' table: one column per handle, the four counts of stats.json."""
    rows = (
        [
            ("Tweets downloaded", "downloaded"),
            ("Retweets", "retweets"),
            ("Short tweets", "short"),
            ("Tweets kept", "kept"),
        ]
        if tweets
        else [
            ("Posts downloaded", "downloaded"),
            ("Reposts", "retweets"),
            ("Short posts", "short"),
            ("Posts kept", "kept"),
        ]
    )
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
    ("adapter", "Adapter"),
    ("lora_rank", "LoRA rank"),
    ("lora_alpha", "LoRA alpha"),
    ("lora_dropout", "LoRA dropout"),
]


def _number(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.6g}"
    return str(value)


def _cell(value) -> str:
    if isinstance(value, int | float):
        return _number(value)
    return escape_markdown(str(value))


def base_model_name(spec: str) -> str:
    """The base model as the reader may see it: a local folder by its last part only."""
    spec = str(spec).strip()
    if spec == TINY or hub_id(spec) or spec.startswith(("s3://", "store:")):
        return spec
    return PurePosixPath(spec.replace("\\", "/").rstrip("/")).name or "a local folder"


def hyperparameter_table(hyperparameters: dict) -> str:
    lines = ["| Hyperparameter | Value |", "| --- | --- |"]
    for key, label in _HYPERPARAMETERS:
        if key in hyperparameters:
            value = hyperparameters[key]
            if key == "base_model":
                value = base_model_name(value)
            lines.append(f"| {label} | {_cell(value)} |")
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


def kept_sentence(metrics: dict) -> str:
    """Which weights were published (metrics.json's ``kept``), when not simply the last."""
    kept = metrics.get("kept")
    if not isinstance(kept, dict):
        return ""
    step, last = kept.get("step"), kept.get("last_step")
    if not (isinstance(step, int) and isinstance(last, int)) or step == last:
        return (
            "The published weights are the last trained, which also evaluated best."
            if kept.get("rule") == "best"
            else ""
        )
    loss, last_loss = kept.get("eval_loss"), kept.get("last_eval_loss")
    return (
        f"The published weights are those of step {step}, the best evaluated on valid.txt "
        f"(eval loss {_cell(loss)}), not the last step {last} ({_cell(last_loss)})."
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
    """How a reader gets and loads the model: the Hub repo when pushed, else the store.

    Never a path of the machine that trained it: an S3 store is named by its URI, a local store
    by paths relative to it."""
    prompt = json.dumps(WIDGET_TEXT)
    model_path = f"{data.bot}/model"
    if data.hub_repo:
        intro = f"The model is on the Hugging Face Hub as `{data.hub_repo}`:"
        model = data.hub_repo
        fetch: list[str] = [f"hf download {data.hub_repo} --local-dir ./{data.bot}"]
        fetch_intro = "Or download the model folder with the Hub's CLI:"
    elif data.store_uri.startswith("s3://"):
        intro = (
            f"The model is the folder `{model_path}` of the store `{data.store_uri}`. Generate "
            "with htctl (it reads the model through the bot's manifest and checks every file's "
            "sha256), or copy the folder and load it with transformers:"
        )
        model = f"./{data.bot}"
        fetch = [
            f"htctl generate {data.bot} {prompt} -n 5 --store {data.store_uri}",
            f"aws s3 cp --recursive {data.store_uri}/{model_path} ./{data.bot}",
        ]
        fetch_intro = ""
    else:
        intro = (
            f"The model is the folder `{model_path}` of the store it was published to (the "
            "`--store` folder, `./ht-data` by default). In that folder, generate with htctl "
            "(it reads the model through the bot's manifest and checks every file's sha256), "
            "or load the folder with transformers:"
        )
        model = model_path
        fetch = [
            f"htctl generate {data.bot} {prompt} -n 5 --store .",
            f"cp -r {model_path} DEST  # a copy to take elsewhere",
        ]
        fetch_intro = ""
    separator = Separator.from_dict(data.metrics.get("separator"))
    # The seed's prompt as the seed wrote it; other bases get their bos and separator in the
    # text, so the tokenizer must add no special tokens of its own.
    call = "num_return_sequences=5" + ("" if separator.is_seed else ", add_special_tokens=False")
    code = (
        adapter_code(data, model)
        if data.is_adapter
        else [
            "from transformers import pipeline",
            f"generator = pipeline('text-generation', model={json.dumps(model)})",
        ]
    )
    code.append(f"generator({json.dumps(separator.prefix + WIDGET_TEXT)}, {call})")
    shell = ["```bash", *fetch, "```"]
    python = ["```python", *code, "```"]
    settings = (
        f"Prompts are prefixed with `{separator.prefix}`, the separator the posts were trained "
        "with; the sampling settings (top-p 0.95, temperature 1.0, up to 160 tokens) are saved "
        "in `generation_config.json`."
    )
    if data.hub_repo:
        return "\n".join([intro, "", *python, "", settings, fetch_intro, "", *shell])
    return "\n".join([intro, "", *shell, "", *python, "", settings])


def adapter_code(data: CardData, model: str) -> list[str]:
    """Load the base, then the adapter on it (merged, so the pipeline sees a plain model)."""
    base = data.base_id or base_model_name(str(data.base_model))
    comment = "" if data.base_id else "  # the base model's folder"
    return [
        "from peft import PeftModel",
        "from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline",
        f"base = AutoModelForCausalLM.from_pretrained({json.dumps(base)}){comment}",
        f"model = PeftModel.from_pretrained(base, {json.dumps(model)}).merge_and_unload()",
        f"tokenizer = AutoTokenizer.from_pretrained({json.dumps(model)})",
        "generator = pipeline('text-generation', model=model, tokenizer=tokenizer)",
    ]


def adapter_sentence(data: CardData) -> str:
    """What was trained when it was a LoRA adapter ("" for a full fine-tune)."""
    record = data.adapter
    if not record:
        return ""
    modules = ", ".join(f"`{escape_markdown(str(m))}`" for m in record.get("target_modules", []))
    trained = record.get("trainable_parameters")
    total = record.get("total_parameters")
    share = (
        f" ({_number(trained)} of {_number(total)} parameters, {100 * trained / total:.2f}%)"
        if isinstance(trained, int) and isinstance(total, int) and total
        else ""
    )
    what = (
        f"Only a LoRA adapter was trained{share}: rank {_number(record.get('rank'))}, alpha "
        f"{_number(record.get('alpha'))}, on {modules or 'the default modules'}; the base's own "
        "weights stayed frozen."
    )
    if record.get("merged"):
        return what + (
            " The adapter was then merged into the base's weights: the model folder holds full "
            "weights and loads like any causal language model."
        )
    return what + (
        " The model folder holds the adapter alone (`adapter_model.safetensors`, "
        "`adapter_config.json`) with the tokenizer: load the base model, then the adapter on it."
    )


def samples_section(samples: list[dict]) -> str:
    shown = [s for s in samples if continuation(s["prompt"], s["text"]).strip()]
    if not shown:
        return ""
    lines = ["Samples generated at publish time (seeded), also drawn in `predictions.png`:", ""]
    for s in shown:
        lines.append(f"> {escape_markdown(s['text'])}")
        lines.append("")
    return "\n".join(lines)


def continuation(prompt: str, text: str) -> str:
    """What the model added after the prompt (the whole text when it does not start with it)."""
    return text[len(prompt) :] if text.startswith(prompt) else text


def base_model_sentence(data: CardData) -> str:
    handles = ", ".join(f"@{escape_markdown(a.handle)}" for a in data.accounts)
    spec = str(data.base_model).strip()
    if data.base_id:
        base_id = data.base_id
        link = f"[{escape_markdown(base_id)}](https://huggingface.co/{base_id})"
        if hub_id(spec) != base_id:  # a mirror in a store or folder
            link += f", mirrored as `{escape_markdown(base_model_name(spec))}`"
        if data.base_revision:
            link += f" (revision `{escape_markdown(data.base_revision)}`)"
    elif spec == TINY:
        link = "`tiny`, htctl's offline preset (a 2-layer GPT-2, randomly initialised)"
    else:
        link = f"`{escape_markdown(base_model_name(spec))}`"
    sentence = (
        f"The model is based on the pre-trained model {link}, fine-tuned on {handles}'s "
        f"{posts_word(data)} with a causal language-modelling loss."
    )
    adapter = adapter_sentence(data)
    return f"{sentence} {adapter}" if adapter else sentence


def wandb_lines(data: CardData) -> list[str]:
    """Links to the W&B run when training logged to W&B (metrics.json's "wandb")."""
    run = data.metrics.get("wandb")
    if not isinstance(run, dict):
        return []
    url = safe_url(run.get("url")) if str(run.get("url", "")).startswith("https://") else ""
    if url:
        return [
            f"Hyperparameters and metrics are recorded in the [W&B training run]({url}) for "
            f"full transparency and reproducibility: [explore the run]({url}/overview) (loss, "
            "learning rate, system metrics).",
            "",
        ]
    project, run_id = run.get("project"), run.get("id")
    if not (isinstance(project, str) and isinstance(run_id, str)):
        return []
    offline = " (an offline run: `wandb sync` uploads it)" if run.get("url") is None else ""
    return [
        f"Hyperparameters and metrics were logged to the W&B project "
        f"`{escape_markdown(project)}`, run `{escape_markdown(run_id)}`{offline}.",
        "",
    ]


def about() -> str:
    return "\n".join(
        [
            "## About",
            "",
            f"*Built with [htctl]({PROJECT_URL})*, a batch rebuild of "
            f"[huggingtweets]({SEED_URL}) by Boris Dayma.",
            "",
            f"For more details, visit the [project repository]({PROJECT_URL}).",
            "",
        ]
    )


def render(data: CardData) -> str:
    """The whole card as Markdown."""
    names = " & ".join(escape_markdown(a.display_name) for a in data.accounts)
    handles = ", ".join(f"@{escape_markdown(a.handle)}" for a in data.accounts)
    posts = posts_word(data)
    sections = [
        front_matter(data),
        "",
        header(data),
        "",
        f"I was made with [htctl]({PROJECT_URL}), a batch rebuild of [huggingtweets]({SEED_URL}).",
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
        f"The model was trained on {posts} from {names}.",
        "",
        data_table(data.accounts, data.tweets),
        "",
        f"Explore the data: the {posts} as fetched (`{data.bot}/raw/`) and the dataset "
        f"(`{data.bot}/dataset/`: train.txt, valid.txt, stats.json) are published in the store "
        "next to the model, each file listed with its sha256 in `manifest.json`.",
        "",
        "## Training procedure",
        "",
        base_model_sentence(data),
        "",
        hyperparameter_table(data.hyperparameters),
        "",
        epochs_sentence(data),
        "",
        *wandb_lines(data),
        metrics_table(data.metrics),
        "",
        *([kept, ""] if (kept := kept_sentence(data.metrics)) else []),
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
        f"In addition, the data present in the user's {posts} further affects the text "
        "generated by the model: it can repeat their opinions, errors, and private or offensive "
        "content.",
        "",
        "## Generated text must be labelled",
        "",
        "Text produced by this model is machine-generated. Whenever you publish or share it, "
        f"label it clearly as generated by an AI model, never present it as written by "
        f"{handles}, and do not use it to impersonate or deceive.",
        "",
        about(),
    ]
    return "\n".join(sections)
