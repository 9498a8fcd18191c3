"""``htctl list`` (the bots in a store, from their manifests) and ``htctl serve`` (the gallery,
bot pages and JSON API over a store)."""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import sys

import typer

from job.catalog import BotSummary, list_bots
from job.cli.app import log_to_stdout
from job.cli.options import STORE
from job.errors import BadInput, ConfigError
from job.store import Store, open_store

log = logging.getLogger("htctl")


def _loss(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "n/a"


def list_command(
    store: str = STORE,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of the bots."),
) -> None:
    """The published bots in a store: handles, kept posts, eval loss, revision (manifests only)."""
    bots = list_bots(_existing_store(store))
    if as_json:
        typer.echo(json.dumps([b.to_dict() for b in bots], ensure_ascii=False, indent=1))
        return
    print_table(bots)


def print_table(bots: list[BotSummary]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    columns = ("bot", "handles", "kept", "loss before", "loss after", "revision", "published")
    for column in (*columns, "kind"):
        table.add_column(column, justify="right" if column == "kept" else "left", no_wrap=True)
    for b in bots:
        table.add_row(
            b.bot,
            " ".join(f"@{h.handle}" for h in b.handles),
            str(b.kept),
            _loss(b.eval_loss_before),
            _loss(b.eval_loss_after),
            b.revision,
            b.published_at,
            b.kind,
        )
    # Values come from the store: never read as rich markup. A pipe gets whole lines.
    width = None if sys.stdout.isatty() else 100_000
    Console(highlight=False, markup=False, width=width).print(table)
    if not bots:
        typer.echo("no published bots")


def _existing_store(uri: str | None) -> Store:
    store = open_store(uri)
    folder = store.local_path("")
    if folder is not None and not folder.is_dir():
        raise BadInput(f"no store at {store.uri} (publish a bot with `htctl run` first)")
    return store


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything starts: a taken port is one error line."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET  # a host name: let the resolver pick its IPv4 address
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    return sock


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve_command(
    store: str = STORE,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    token: str = typer.Option(
        None,
        "--token",
        envvar="HT_SERVE_TOKEN",
        help="Require 'Authorization: Bearer TOKEN' on /api (prefer the env var).",
        show_default=False,
    ),
    max_models: int = typer.Option(8, "--max-models", min=1, help="Models kept warm."),
    max_model_mb: int = typer.Option(
        2048, "--max-model-mb", min=1, help="Memory for warm models (MiB of weights)."
    ),
    queue: int = typer.Option(
        16, "--queue", min=0, help="Generations that may wait; more get HTTP 429."
    ),
    threads: int = typer.Option(
        None, "--threads", min=1, help="torch threads (default: OMP_NUM_THREADS, else measured)."
    ),
    recheck: float = typer.Option(
        5.0, "--recheck-seconds", min=0, help="How old a bot list or manifest may be."
    ),
) -> None:
    """Serve a gallery, bot pages with a playground, and a JSON API over the store's bots."""
    try:
        import uvicorn

        from job.serve.app import ServeSettings, create_app
        from job.serve.models import generation_threads
    except ImportError as err:
        raise ConfigError(
            f"htctl serve needs the serve extra ({err.name} is missing): pip install 'htctl[serve]'"
        ) from None

    opened = _existing_store(store)
    opened.folders()  # the store answers (credentials, bucket) before we listen
    settings = ServeSettings(
        store=opened,
        token=token or None,
        max_models=max_models,
        max_model_bytes=max_model_mb * 1024 * 1024,
        queue=queue,
        recheck_seconds=recheck,
    )
    sock = _listen(host, port)
    log_to_stdout()  # a server's log is its pod's log; stderr keeps the one error line
    if not _is_loopback(host) and not token:
        log.warning("serve: listening on %s with no token: anyone who reaches it can use it", host)
    generation_threads(threads)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"htctl serve: {opened.uri} on http://{shown}:{sock.getsockname()[1]}", err=False)
    config = uvicorn.Config(
        create_app(settings), log_level="warning", access_log=False, timeout_graceful_shutdown=5
    )
    uvicorn.Server(config).run(sockets=[sock])
