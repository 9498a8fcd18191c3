"""Cluster commands: render, launch, status, logs, wait, cancel.

Every command takes the settings of job/settings.py as flags (``--gpus-per-job``), from the
environment (``HT_GPUS_PER_JOB``) or from ``--config FILE`` (the chart's values.yaml keys). Their
help shows the variable as ``[env var: HT_GPUS_PER_JOB]``, like the pipeline commands' options.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from job.bots import Bot, parse_bot, parse_users_text, read_users_file
from job.cli.options import PROPAGATION_CHOICES, VIA_CHOICES, choice
from job.errors import BadInput, ConfigError
from job.settings import FIELDS, Settings, env_name, field_type, flag_name, load_settings

EXIT_JOBS_FAILED = 1
ENVVAR_STYLE = "dim yellow"  # typer.rich_utils.STYLE_OPTION_ENVVAR


def envvar_help(variable: str) -> str:
    """``[env var: X]`` as typer's ``envvar=`` shows it (dim yellow), for a setting that
    load_settings reads (so its errors name the variable) and click must not read itself."""
    return f"[{ENVVAR_STYLE}]\\[env var: {variable}][/]"


# The settings each command reads: its --help lists these and no others (cancel has no
# --shm-size). The rest still come from the environment and --config, and are still checked.
CONNECTION = frozenset({"namespace", "instance", "kubeContext", "qps", "burst", "concurrency"})
SERVE = frozenset(name for name in FIELDS if name.startswith("serve"))
JOB = frozenset(FIELDS) - CONNECTION - SERVE
COMMAND_SETTINGS: dict[str, frozenset[str]] = {
    "render": JOB | SERVE | {"namespace", "instance"},
    "launch": JOB | CONNECTION,
    # every command takes --store: scripts pass it (or HT_STORE) to all of them alike
    "status": CONNECTION | {"store"},
    "wait": CONNECTION | {"store"},
    "logs": CONNECTION | {"store"},
    "cancel": CONNECTION | {"store"},
}


def command_settings(fn: Callable[..., Any]) -> list[str]:
    """The settings that ``<name>_command`` takes as flags, in the order of job/settings.py."""
    wanted = COMMAND_SETTINGS[fn.__name__.removesuffix("_command")]
    return [name for name in FIELDS if name in wanted]


def with_settings(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add one ``--flag`` per setting the command reads (and ``--config``) to a command; the
    command receives the merged ``settings: Settings`` instead."""
    own = inspect.signature(fn)
    extra = [
        inspect.Parameter(
            "config",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option(
                None,
                "--config",
                help=f"YAML file of settings (chart values keys). {envvar_help('HT_CONFIG')}",
                metavar="FILE",
            ),
            annotation=str | None,
        )
    ]
    for name in command_settings(fn):
        f = FIELDS[name]
        flag, kind, value_type = flag_name(name), str | None, field_type(name)
        metavar = {int: "N", float: "X", dict: "YAML", list: "YAML"}.get(value_type, "TEXT")
        if value_type is bool:  # --refresh / --no-refresh
            flag, kind, metavar = f"{flag}/--no-{flag[2:]}", bool | None, None
        option = typer.Option(
            None,
            flag,
            help=f"{f.metadata['help']} (value {name}) {envvar_help(env_name(name))}",
            rich_help_panel="Settings",
            metavar=metavar,
        )
        extra.append(
            inspect.Parameter(
                f"setting_{name}", inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind
            )
        )
    params = [p for p in own.parameters.values() if p.name != "settings"] + extra

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        flags = {
            k[len("setting_") :]: kwargs.pop(k) for k in list(kwargs) if k.startswith("setting_")
        }
        settings = load_settings(flags, config_file=kwargs.pop("config"))
        return fn(*args, settings=settings, **kwargs)

    wrapper.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    del wrapper.__wrapped__  # typer must read the new signature, not fn's
    return wrapper


def read_bots(target: str) -> list[Bot]:
    """A users.txt file, ``-`` for stdin, or (for commands that allow it) one bot."""
    if target == "-":
        return parse_users_text(sys.stdin.read(), origin="<stdin>")
    return read_users_file(target)


def bots_or_bot(target: str) -> list[Bot]:
    """A users.txt path when such a file exists, else a bot like ``elonmusk+karpathy``."""
    if target == "-" or Path(target).is_file():
        return read_bots(target)
    return [parse_bot(target)]


CLUSTER_EXTRA_MISSING = (
    "the Kubernetes client is not installed; the cluster commands need the cluster extra: "
    "pip install 'htctl[cluster]' (or pip install --require-hashes -r requirements/cluster.txt "
    "in a checkout)"
)


def connect(settings: Settings):
    # The Job image leaves the client out (htctl run never talks to the API): say what to
    # install instead of failing with a traceback.
    try:
        import kubernetes  # noqa: F401
    except ImportError:
        raise ConfigError(CLUSTER_EXTRA_MISSING) from None
    from job.cluster.client import Api, api_client

    return Api(api_client(settings), settings)


def render_stream(bots: list[Bot], settings: Settings) -> str:
    """One JSON document per Job, each after a ``---`` line: JSON is YAML, so kubectl, helm
    and every YAML reader take the stream, and json's C encoder writes 10,000 Jobs in about a
    second where PyYAML's representer (even over libyaml) took over a minute."""
    from job.cluster.manifests import build_job, check_hub_repo

    check_hub_repo(bots, settings)
    encode = json.JSONEncoder(separators=(", ", ": ")).encode
    return "".join(f"---\n{encode(build_job(b, settings))}\n" for b in bots)


def render_serve(settings: Settings) -> str:
    """The serve Deployment and Service, in render_stream's format."""
    from job.cluster.serve import build_serve

    encode = json.JSONEncoder(separators=(", ", ": ")).encode
    return "".join(f"---\n{encode(doc)}\n" for doc in build_serve(settings))


@with_settings
def render_command(
    users_file: str = typer.Argument(
        None, help="users.txt (one bot per line) or - for stdin; optional with --serve."
    ),
    serve: bool = typer.Option(
        False, "--serve", help="Also print the Deployment and Service of `htctl serve`."
    ),
    *,
    settings: Settings,
) -> None:
    """Print one Job per bot for `kubectl apply -f -`: a YAML stream whose documents are JSON
    objects (fast for thousands of bots; `yq -P` turns it into block YAML). With --serve, then
    the serve Deployment and Service (the chart's serve.enabled)."""
    if users_file is None and not serve:
        raise BadInput("render: give a users.txt (or - for stdin), or --serve")
    # everything is built before anything is printed: an error leaves stdout empty
    jobs = render_stream(read_bots(users_file), settings) if users_file is not None else ""
    sys.stdout.write(jobs + (render_serve(settings) if serve else ""))


@with_settings
def launch_command(
    users_file: str = typer.Argument(..., help="users.txt (one bot per line) or - for stdin."),
    replace: bool = typer.Option(False, "--replace", help="Delete and recreate existing Jobs."),
    via: str = choice("--via", "jobs", VIA_CHOICES, "jobs: one Job per bot; argo: Workflows."),
    propagation: str = choice(
        "--propagation", "Foreground", PROPAGATION_CHOICES, "How --replace deletes the old Jobs."
    ),
    *,
    settings: Settings,
) -> None:
    """Create one Job per bot (skipping bots whose Job exists), or submit Argo Workflows.

    Exit codes: 0 all created or skipped; 2 bad users file or settings; 3 forbidden (RBAC),
    missing namespace or no kubeconfig; 4 API unreachable or some Jobs failed to be created.
    """
    from job.cluster.manifests import check_hub_repo
    from job.errors import TransientError

    if via not in VIA_CHOICES:
        raise BadInput(f"invalid --via {via!r}: expected jobs or argo")
    if propagation not in PROPAGATION_CHOICES:
        raise BadInput(f"invalid --propagation {propagation!r}: Foreground or Background")
    bots = read_bots(users_file)  # the whole file is checked before any request
    check_hub_repo(bots, settings)
    api = connect(settings)
    if via == "argo":
        from job.cluster.argo import submit

        result = submit(bots, settings, api)
        for bot, workflow in result.skipped.items():
            typer.echo(f"skipped {bot} workflow/{workflow}: running (cancel it to resubmit)")
        for name in result.workflows:
            typer.echo(f"submitted workflow/{name}")
        typer.echo(
            f"launch: {len(bots) - len(result.skipped)} bots submitted to Argo in namespace "
            f"{settings.namespace}, {len(result.skipped)} skipped (already running)"
        )
        return

    from job.cluster.launch import CREATED, launch

    def report(outcome) -> None:
        if outcome.result != CREATED:
            detail = f": {outcome.detail}" if outcome.detail else ""
            typer.echo(f"{outcome.result} {outcome.bot} job/{outcome.job}{detail}")

    summary = launch(bots, settings, api, replace=replace, propagation=propagation, report=report)
    typer.echo(summary.line())
    if summary.count("failed"):
        raise TransientError(f"{summary.count('failed')} Jobs could not be created; rerun launch")


@with_settings
def status_command(
    users_file: str = typer.Argument(None, help="Only these bots (users.txt); default: all."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    *,
    settings: Settings,
) -> None:
    """A table per bot: Job or Argo Workflow (and step), phase, pod state and reason, start,
    duration, bot complete in the store (unknown, with the reason, when the store cannot be
    read from here)."""
    from job.cluster.status import statuses

    bots = read_bots(users_file) if users_file else None
    rows = statuses(connect(settings), settings, bots)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row.as_dict()))
        return
    print_table(rows)


def print_table(rows) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("bot", "job", "step", "phase", "pod", "reason", "start", "duration", "complete")
    for r in rows:
        complete = {True: "yes", False: "no", None: "?"}[r.complete]
        if r.store_error:
            complete = f"unknown: {r.store_error}"
        cells = [r.bot, r.where, r.step, r.phase, r.pod, r.reason, r.start, duration(r.duration_s)]
        # cluster objects are untrusted: rich markup in a reason must print as text
        table.add_row(*(escape(c) for c in cells), escape(complete))
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, sec = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{sec:02d}s" if hours else f"{minutes}m{sec:02d}s"


@with_settings
def logs_command(
    bot: str = typer.Argument(..., help="The bot, e.g. karpathy or elonmusk+karpathy."),
    follow: bool = typer.Option(False, "--follow", "-f", help="Stream until the pod ends."),
    tail: int = typer.Option(None, "--tail", help="Only the last N lines."),
    *,
    settings: Settings,
) -> None:
    """Print the log of the newest pod of the bot's Job, or of its newest Argo step."""
    from job.cluster.status import logs

    for chunk in logs(connect(settings), settings, parse_bot(bot), follow=follow, tail=tail):
        sys.stdout.write(chunk)
        sys.stdout.flush()


@with_settings
def wait_command(
    users_file: str = typer.Argument(None, help="Only these bots (users.txt); default: all."),
    timeout: float = typer.Option(86400.0, "--timeout", help="Give up after this many seconds."),
    interval: float = typer.Option(10.0, "--interval", help="Seconds between polls."),
    *,
    settings: Settings,
) -> None:
    """Wait until every Job has finished. Exit 0: all succeeded; 1: some failed or were never
    launched; 4: timeout."""
    from job.cluster.status import NOT_LAUNCHED, wait

    bots = read_bots(users_file) if users_file else None
    rows = wait(connect(settings), settings, bots, timeout_s=timeout, interval_s=interval)
    bad = [r for r in rows if r.phase in ("Failed", NOT_LAUNCHED)]
    for r in bad:
        typer.echo(f"{r.phase.lower()} {r.bot} {r.where} {r.reason}".rstrip(), err=True)
    typer.echo(f"wait: {len(rows) - len(bad)} succeeded, {len(bad)} failed or not launched")
    if bad:
        raise typer.Exit(EXIT_JOBS_FAILED)


@with_settings
def cancel_command(
    target: str = typer.Argument(..., help="A bot (karpathy) or a users.txt file."),
    ignore_not_found: bool = typer.Option(
        False, "--ignore-not-found", help="Exit 0 when a bot has no Job or Workflow."
    ),
    *,
    settings: Settings,
) -> None:
    """Delete the Jobs and Argo Workflows (and their pods) of a bot or of every bot in a
    users.txt. Exit 2 when a bot has none (as kubectl delete), unless --ignore-not-found."""
    from job.cluster.names import job_name
    from job.cluster.status import cancel

    bots = bots_or_bot(target)
    deleted = cancel(connect(settings), settings, bots)
    for bot, what in deleted.items():
        typer.echo(f"deleted {bot} {what}" if what else f"not found {bot} job/{job_name(bot)}")
    missing = [bot for bot, what in deleted.items() if not what]
    typer.echo(f"cancel: {len(deleted) - len(missing)} deleted, {len(missing)} not found")
    if missing and not ignore_not_found:
        shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
        raise BadInput(
            f"cancel: no Job or running Workflow for {len(missing)} bot(s): {shown} "
            "(--ignore-not-found to accept)"
        )
