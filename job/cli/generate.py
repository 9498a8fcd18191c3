"""``htctl generate``: text from a published bot, one sample per line (or JSON)."""

from __future__ import annotations

import json

import typer

from job.bots import parse_bot
from job.generate import generate, one_line
from job.store import open_store


def generate_command(
    bot: str = typer.Argument(..., help="The bot: a handle, or handles joined by '+'."),
    prompt: str = typer.Argument(..., help="The start of the text to generate."),
    n: int = typer.Option(1, "-n", "--num", min=1, max=100, help="Number of samples."),
    store: str = typer.Option(
        None, "--store", envvar="HT_STORE", help="Local folder or s3://bucket/prefix."
    ),
    seed: int = typer.Option(0, "--seed", envvar="HT_SEED", help="Sampling seed."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of the samples."),
) -> None:
    """Generate N samples from a published bot (its model is found through manifest.json)."""
    name = parse_bot(bot).name
    samples = generate(open_store(store), name, prompt, n=n, seed=seed)
    if as_json:
        typer.echo(json.dumps(samples, ensure_ascii=False))
        return
    for text in samples:
        typer.echo(one_line(text))
