"""The typer application every command registers on (in ``job/cli/__init__.py``'s table).

A leaf of ``job.cli``: the command modules import what they share from here, never from the
package, so the package can import them without a cycle.
"""

from __future__ import annotations

import logging
import sys

import typer

from job.progress import setup_logging

app = typer.Typer(
    name="htctl",
    help="Turn social-media handles into text generators, one Kubernetes Job per bot.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion, as typer apps have
    context_settings={"show_default": True},  # every option's default in --help
    pretty_exceptions_enable=False,  # plain tracebacks: rich ones can print secrets in locals
)


def print_version(value: bool) -> None:
    if value:
        from job import __version__

        typer.echo(f"htctl {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Debug logs and error detail (also after the command)."
    ),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=print_version, help="Print the version."
    ),
) -> None:
    setup_logging(verbose)


def log_to_stdout() -> None:
    """Pipeline commands log to stdout (a pod's log, next to progress); stderr then carries
    nothing but the one error line, so a failed run is easy to read and to grep."""
    for handler in logging.getLogger("htctl").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(sys.stdout)
