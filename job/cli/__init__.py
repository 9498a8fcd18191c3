"""The htctl command line: parse, call the library, turn HTError into one line and an exit code.

Each command lives in a module of this package as a plain function; ``COMMANDS`` below is the
one table that names them, in the order ``htctl --help`` lists them, and registers them on the
typer ``app`` (``job/cli/app.py``). Nothing in ``job`` imports this package.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable

import click
import typer
import typer.exceptions

from job.cli import cluster, generate, mirror, refresh, run, serve, version
from job.cli.app import app
from job.errors import HTError
from job.launcher import record_rank_failure
from job.redact import redact

log = logging.getLogger("htctl")

# Usage errors (a missing argument, an unknown option): typer >= 0.26 raises its own copy of
# click's exceptions, older typers click's.
USAGE_ERRORS = (
    click.ClickException,
    getattr(typer.exceptions, "TyperException", click.ClickException),
)

# name -> the function that parses and runs it; the order is the order of `htctl --help`.
COMMANDS: dict[str, Callable[..., None]] = {
    "render": cluster.render_command,
    "launch": cluster.launch_command,
    "status": cluster.status_command,
    "logs": cluster.logs_command,
    "wait": cluster.wait_command,
    "cancel": cluster.cancel_command,
    "generate": generate.generate_command,
    "mirror-base": mirror.mirror_base_command,
    "refresh": refresh.refresh_command,
    "run": run.run_command,
    "list": serve.list_command,
    "serve": serve.serve_command,
    "version": version.version_command,
}
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)


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


def main() -> None:
    try:
        # Not standalone: usage errors come here, to be one line like every other error.
        code = app(args=hoist_verbose(sys.argv[1:]), standalone_mode=False)
    except USAGE_ERRORS as err:
        print(f"htctl: error: {usage_line(err)}", file=sys.stderr)
        sys.exit(err.exit_code)
    except (click.Abort, typer.Abort):
        print("htctl: interrupted", file=sys.stderr)
        sys.exit(130)
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
    if isinstance(code, int) and code:  # typer.Exit(N), e.g. `wait` when a Job failed
        sys.exit(code)


def usage_line(err: Exception) -> str:
    """click's usage error as one line, naming the command and where its help is."""
    ctx, names = getattr(err, "ctx", None), []
    while ctx is not None and ctx.parent is not None:  # the root's name is how we were started
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    command = " ".join(["htctl", *names])
    message = " ".join(err.format_message().split())
    return f"{message} (see '{command} --help')"


def unexpected(err: BaseException) -> str:
    """The one line for an exception htctl did not expect: its type and message, and where
    to get the traceback (a bug: please report it with ``-v``)."""
    lines = str(err).splitlines()
    detail = f": {lines[0]}" if lines else ""
    return f"unexpected {type(err).__name__}{detail} (a bug; -v shows the traceback)"
