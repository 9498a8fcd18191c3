"""``htctl version``: this htctl's version and the libraries it runs on, ``--json`` for scripts.

The library versions come from the installed packages' metadata: nothing is imported, so the
command answers at once (torch takes seconds to import).
"""

from __future__ import annotations

import json
import platform
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import typer

from job import __version__

LIBRARIES = ("torch", "transformers", "deepspeed", "typer")


def versions() -> dict[str, str | None]:
    """htctl, Python and each library's version (None when it is not installed)."""
    found: dict[str, str | None] = {"htctl": __version__, "python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = package_version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def version_command(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Print htctl's version, Python's and those of torch, transformers and deepspeed."""
    found = versions()
    if as_json:
        typer.echo(json.dumps(found))
        return
    typer.echo(" ".join(f"{k} {v or 'not installed'}" for k, v in found.items()))
