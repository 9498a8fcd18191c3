"""The model card's data and its metadata (the YAML front matter the Hub reads).

``CardData`` is everything the card says; ``front_matter`` writes its metadata with PyYAML (so a
value such as ``no`` stays a string): language, license as the Hub accepts it, base model,
thumbnail, widget and the ``model-index`` with the eval loss and perplexity. ``job.card``
renders the Markdown sections from the same data.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from job.models import hub_id

WIDGET_TEXT = "My dream is"
DEFAULT_LANGUAGE = "en"
# The licenses of well-known base models, by lower-cased Hub id (their Hub cards say so).
KNOWN_LICENSES = {
    **{
        f"{org}{name}": "mit"
        for org in ("", "openai-community/")
        for name in ("gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl")
    },
    "distilgpt2": "apache-2.0",
    "distilbert/distilgpt2": "apache-2.0",
    **{f"eleutherai/gpt-neo-{size}": "mit" for size in ("125m", "1.3b", "2.7b")},
    **{
        f"eleutherai/pythia-{size}{suffix}": "apache-2.0"
        for size in ("14m", "31m", "70m", "160m", "410m", "1b", "1.4b", "2.8b", "6.9b", "12b")
        for suffix in ("", "-deduped")
    },
}
# The license identifiers the Hub accepts in `license:`
# (https://huggingface.co/docs/hub/repositories-licenses); any other license is written as
# `license: other` with its name in `license_name`, which is what the Hub asks for.
# fmt: off
HUB_LICENSES = frozenset((
    "apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0",
    "bsd", "bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear", "c-uda", "cc", "cc0-1.0",
    "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0",
    "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0",
    "epl-1.0", "epl-2.0", "etalab-2.0", "eupl-1.1", "eupl-1.2", "agpl-3.0", "gfdl", "gpl",
    "gpl-2.0", "gpl-3.0", "lgpl", "lgpl-2.1", "lgpl-3.0", "isc", "h-research", "intel-research",
    "lppl-1.3c", "ms-pl", "apple-ascl", "apple-amlr", "mpl-2.0", "odc-by", "odbl", "openrail++",
    "osl-3.0", "postgresql", "ofl-1.1", "ncsa", "unlicense", "zlib", "pddl", "lgpl-lr",
    "deepfloyd-if-license", "fair-noncommercial-research-license", "llama2", "llama3", "llama3.1",
    "llama3.2", "llama3.3", "llama4", "gemma", "unknown", "other",
))
# fmt: on
_LICENSE_NAME = re.compile(r"^[a-z0-9][a-z0-9.+-]{0,63}$")
# Sources whose posts are tweets (an X archive is X's own export); every other one has posts.
TWEET_SOURCES = frozenset({"x", "archive"})
# X's codes for "no language": undetermined, no linguistic content, media/hashtag/mention only.
_NO_LANGUAGE = {"und", "zxx", "qme", "qht", "qam", "qct", "qst", "art", ""}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


@dataclass
class Account:
    handle: str  # lower-case key
    display_name: str
    avatar_url: str | None
    counts: dict  # downloaded, retweets, short, kept (stats.json)
    source: str = "x"  # raw/<handle>.meta.json's source: x, archive, file, bsky, mastodon


@dataclass
class CardData:
    bot: str
    accounts: list[Account]
    base_model: str  # the --base-model spec the model was trained from
    hyperparameters: dict
    metrics: dict  # metrics.json; its optional "wandb" names the W&B run
    epochs_in_text: bool
    store_uri: str
    language: str = DEFAULT_LANGUAGE
    license: str | None = None  # the base model's license, None when unknown
    base_hub_id: str | None = None  # the Hub id of the base (for a mirror: where it came from)
    base_revision: str | None = None
    thumbnail: str = "predictions.png"
    hub_repo: str | None = None
    samples: list[dict] = field(default_factory=list)

    @property
    def base_id(self) -> str | None:
        return self.base_hub_id or hub_id(self.base_model)

    @property
    def adapter(self) -> dict | None:
        """metrics.json's LoRA record, when the bot was trained as an adapter."""
        record = self.metrics.get("adapter")
        return record if isinstance(record, dict) else None

    @property
    def is_adapter(self) -> bool:
        """True when the published folder is an adapter (LoRA not merged into the weights)."""
        return bool(self.adapter) and not self.adapter.get("merged")

    @property
    def tweets(self) -> bool:
        """True when every handle's posts come from X: the card then says tweets."""
        return all(a.source in TWEET_SOURCES for a in self.accounts)


def majority_language(langs: Iterable[str | None]) -> str:
    """The most common post language, ignoring X's "no language" codes; ``en`` when none."""
    counts = Counter(
        lang for lang in langs if lang and lang not in _NO_LANGUAGE and _LANGUAGE.match(lang)
    )
    return counts.most_common(1)[0][0] if counts else DEFAULT_LANGUAGE


def known_license(base_id: str | None) -> str | None:
    return KNOWN_LICENSES.get(base_id.lower()) if base_id else None


def license_fields(license: str | None) -> dict:
    """``license`` (and ``license_name``) as the Hub accepts them; nothing when unknown."""
    value = (license or "").strip().lower()
    if not value:
        return {}
    if value in HUB_LICENSES:
        return {"license": value}
    name = re.sub(r"[^a-z0-9.+-]+", "-", value).strip("-.+")[:64]
    return {"license": "other", "license_name": name} if _LICENSE_NAME.match(name) else {}


def posts_word(data: CardData) -> str:
    return "tweets" if data.tweets else "posts"


def _metric(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def model_index(data: CardData) -> list[dict]:
    """The Hub's ``model-index``: eval loss and perplexity after fine-tuning, on valid.txt."""
    metrics = [
        {"type": kind, "value": value, "name": name}
        for kind, name, value in (
            ("loss", "Eval loss", _metric(data.metrics.get("eval_loss_after"))),
            ("perplexity", "Perplexity", _metric(data.metrics.get("perplexity_after"))),
        )
        if value is not None
    ]
    if not metrics:
        return []
    handles = ", ".join(f"@{a.handle}" for a in data.accounts)
    return [
        {
            "name": data.hub_repo or data.bot,
            "results": [
                {
                    "task": {"type": "text-generation", "name": "Text Generation"},
                    "dataset": {
                        "type": posts_word(data),
                        "name": f"{handles} {posts_word(data)} (valid.txt)",
                        "split": "validation",
                    },
                    "metrics": metrics,
                }
            ],
        }
    ]


def front_matter_data(data: CardData) -> dict:
    """The card's metadata, in the order it is written."""
    matter: dict = {"language": data.language, **license_fields(data.license)}
    # An adapter repo is a peft one (the Hub shows it as an adapter of its base_model).
    matter["library_name"] = "peft" if data.is_adapter else "transformers"
    if data.base_id:
        matter["base_model"] = data.base_id
    adapter_tags = ["lora"] if data.adapter else []
    matter |= {
        "pipeline_tag": "text-generation",
        "tags": ["huggingtweets", "htctl", "text-generation", *adapter_tags],
        "thumbnail": data.thumbnail,
        "widget": [{"text": WIDGET_TEXT}],
    }
    index = model_index(data)
    if index:
        matter["model-index"] = index
    return matter


def front_matter(data: CardData) -> str:
    dumped = yaml.safe_dump(
        front_matter_data(data), sort_keys=False, allow_unicode=True, width=1000
    )
    return f"---\n{dumped}---"
