"""``htctl mirror-base``: copy a Hub model into the store once, for ``store:base/<id>``."""

from __future__ import annotations

import math

import typer

import job.cli.options as opt
from job.cli.app import log_to_stdout
from job.errors import BadInput
from job.mirror import DEFAULT_MAX_BYTES, mirror_base
from job.store import open_store


def mirror_base_command(
    hub_id: str = typer.Argument(
        ..., help="The Hub model id: gpt2, HuggingFaceTB/SmolLM2-135M (HF_ENDPOINT, HF_TOKEN)."
    ),
    store: str = opt.STORE,
    revision: str = typer.Option(
        None, "--revision", help="Branch, tag or commit sha to mirror (default: main)."
    ),
    force: bool = typer.Option(False, "--force", help="Mirror again even if it is there."),
    max_gb: float = typer.Option(
        DEFAULT_MAX_BYTES / 1024**3, "--max-gb", help="Refuse a model larger than this (GiB)."
    ),
) -> None:
    """Mirror a Hub model into <store>/base/<id>/; Jobs then use --base-model store:base/<id>."""
    log_to_stdout()
    if not math.isfinite(max_gb) or max_gb <= 0:
        raise BadInput(f"--max-gb must be a positive number, not {max_gb}")
    target = open_store(store)
    result = mirror_base(
        target, hub_id, revision=revision, force=force, max_bytes=int(max_gb * 1024**3)
    )
    what = "already mirrored" if result.skipped else f"mirrored {result.files} files"
    typer.echo(
        f"{result.hub_id}@{result.revision}: {what} in {target.uri}/{result.key} "
        f"(license: {result.license or 'unknown'}); train with --base-model store:{result.key}"
    )
