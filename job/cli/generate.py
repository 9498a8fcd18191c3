"""``htctl generate``: text from a published bot, one sample per line (or JSON)."""

from __future__ import annotations

import json
import logging
import math
import secrets

import typer

from job.bots import parse_bot
from job.cli.json_output import echo_json, stdout_for_json
from job.cli.options import STORE
from job.errors import BadInput
from job.generate import generate, one_line
from job.store import open_store

log = logging.getLogger("htctl")

# The sampling defaults saved with every model (job.models.generation_config, the model card).
DEFAULT_TEMPERATURE = 1.0
DEFAULT_TOP_P = 0.95
# A sample is at most the context of GPT-2; the serve API caps lower (it serves many users).
MAX_NEW_TOKENS = 1024
MAX_TEMPERATURE = 5.0
SEED_RANGE = 2**32  # what torch and numpy seeds accept


def check_sampling(max_new_tokens: int | None, temperature: float, top_p: float, seed: int | None):
    """Ranges the model cannot sample outside of, as one line (exit 2) before it is loaded."""
    if max_new_tokens is not None and not 1 <= max_new_tokens <= MAX_NEW_TOKENS:
        raise BadInput(f"--max-new-tokens must be 1 to {MAX_NEW_TOKENS}, not {max_new_tokens}")
    if not (math.isfinite(temperature) and 0 < temperature <= MAX_TEMPERATURE):
        raise BadInput(
            f"--temperature must be above 0 and at most {MAX_TEMPERATURE}, not {temperature}"
        )
    if not (math.isfinite(top_p) and 0 < top_p <= 1):
        raise BadInput(f"--top-p must be above 0 and at most 1, not {top_p}")
    if seed is not None and not 0 <= seed < SEED_RANGE:
        raise BadInput(f"--seed must be 0 to {SEED_RANGE - 1}, not {seed}")


def generate_command(
    bot: str = typer.Argument(..., help="The bot: a handle, or handles joined by '+'."),
    prompt: str = typer.Argument(..., help="The start of the text to generate."),
    n: int = typer.Option(1, "-n", "--num", min=1, max=100, help="Number of samples."),
    store: str = STORE,
    seed: int = typer.Option(
        None,
        "--seed",
        envvar="HT_SEED",
        show_default="random, logged",
        help="Sampling seed: the same seed, prompt and model give the same samples.",
    ),
    max_new_tokens: int = typer.Option(
        None,
        "--max-new-tokens",
        show_default="the model's max_length: 160 tokens with the prompt, at least 40 new",
        help=f"New tokens per sample (1 to {MAX_NEW_TOKENS}).",
    ),
    temperature: float = typer.Option(
        DEFAULT_TEMPERATURE,
        "--temperature",
        help=f"Sampling temperature, above 0 and at most {MAX_TEMPERATURE}; lower: safer text.",
    ),
    top_p: float = typer.Option(
        DEFAULT_TOP_P, "--top-p", help="Nucleus sampling: the likeliest tokens up to this mass."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of the samples."),
    base_model: str = typer.Option(
        None,
        "--base-model",
        help="An adapter bot's base when it is a local folder or s3:// path (trusted).",
    ),
) -> None:
    """Generate N samples from a published bot (its model is found through manifest.json).

    The seed is logged on stderr: rerun with --seed SEED for the same samples."""
    check_sampling(max_new_tokens, temperature, top_p, seed)
    name = parse_bot(bot).name
    if seed is None:
        seed = secrets.randbelow(SEED_RANGE)
    with stdout_for_json(as_json):
        samples = generate(
            open_store(store),
            name,
            prompt,
            n=n,
            seed=seed,
            base_model=base_model,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            top_p=top_p,
        )
    # stderr, after the samples: stdout stays the samples, and an error stays one line
    log.info("generate: seed %d (--seed %d gives these samples again)", seed, seed)
    if as_json:
        echo_json(json.dumps(samples, ensure_ascii=False))
        return
    for text in samples:
        typer.echo(one_line(text))
