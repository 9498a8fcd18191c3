"""The htctl command line: parse, call the library, turn HTError into one line and an exit code.

Each command group lives in its own module and registers on ``app``; the modules are imported
at the bottom so ``htctl --help`` lists them all. Nothing in ``job`` imports this package.
"""

from __future__ import annotations

import logging
import sys
import traceback

import typer

from job.errors import HTError
from job.launcher import record_rank_failure
from job.progress import setup_logging
from job.redact import redact

app = typer.Typer(
    name="htctl",
    help="Turn social-media handles into text generators, one Kubernetes Job per bot.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion, as typer apps have
    context_settings={"show_default": True},  # every option's default in --help
    pretty_exceptions_enable=False,  # plain tracebacks: rich ones can print secrets in locals
)

log = logging.getLogger("htctl")


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


VERBOSE_FLAGS = ("-v", "--verbose")


def hoist_verbose(argv: list[str]) -> list[str]:
    """``htctl run x -v`` as ``htctl -v run x``: -v/--verbose is one global flag, accepted
    after the command too (as kubectl's). Nothing after ``--`` is touched."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [a for a in argv[:end] if a in VERBOSE_FLAGS]
    if not flags:
        return argv
    rest = [a for a in argv[:end] if a not in VERBOSE_FLAGS]
    return ["--verbose", *rest, *argv[end:]]


def log_to_stdout() -> None:
    """Pipeline commands log to stdout (a pod's log, next to progress); stderr then carries
    nothing but the one error line, so a failed run is easy to read and to grep."""
    for handler in logging.getLogger("htctl").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(sys.stdout)


def main() -> None:
    try:
        app(args=hoist_verbose(sys.argv[1:]))
    except HTError as err:
        log.debug("error detail", exc_info=True)
        sys.stdout.flush()
        message = redact(str(err))  # an API's error body may echo a token
        print(f"htctl: error: {message}", file=sys.stderr)
        record_rank_failure(err.exit_code, message)  # a rank under the launcher tells it why
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        print("htctl: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last resort: a bug, still one line
        sys.stdout.flush()
        if log.isEnabledFor(logging.DEBUG):
            traceback.print_exc()
        print(f"htctl: error: {unexpected(err)}", file=sys.stderr)
        record_rank_failure(1, unexpected(err))
        sys.exit(1)


def unexpected(err: BaseException) -> str:
    """The one line for an exception htctl did not expect: its type and message, and where
    to get the traceback (a bug: please report it with ``-v``)."""
    lines = str(err).splitlines()
    detail = f": {lines[0]}" if lines else ""
    return f"unexpected {type(err).__name__}{detail} (a bug; -v shows the traceback)"


from job.cli import cluster as _cluster  # noqa: E402,F401
from job.cli import generate as _generate  # noqa: E402,F401
from job.cli import mirror as _mirror  # noqa: E402,F401
from job.cli import refresh as _refresh  # noqa: E402,F401
from job.cli import run as _run  # noqa: E402,F401
from job.cli import serve as _serve  # noqa: E402,F401
from job.cli import version as _version  # noqa: E402,F401
