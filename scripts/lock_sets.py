"""The lock sets of requirements/*.txt and the pyproject.toml inputs each one is locked from.

scripts/lock.sh asks this module which extras each set holds and writes the inputs into the
lock's header (`# input: ...`); tests/test_lock.py reads them back and compares them with
pyproject.toml, so a dependency added to pyproject.toml without a re-lock fails the tests.

    python3 scripts/lock_sets.py sets           # NAME EXTRA,EXTRA,... per line
    python3 scripts/lock_sets.py inputs NAME    # the set's input requirements, one per line
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "htctl"
# torch comes from the image's base or the user's own (CUDA) build, never from the lock.
OUTSIDE = frozenset({"torch"})
# Set name -> the extras it installs on top of [project] dependencies.
SETS: dict[str, tuple[str, ...]] = {
    # The image (Jobs and `htctl serve`) and `htctl run` on a workstation: no Kubernetes client,
    # no test tools.
    "runtime": ("hub", "serve", "wandb"),
    # The CLI that launches Jobs (htctl launch/status/logs/wait/cancel).
    "cluster": ("cluster", "hub", "serve", "wandb"),
    # .ci/run and scripts/test.sh.
    "test": ("cluster", "hub", "serve", "wandb", "test"),
}
INPUT_PREFIX = "# input: "


def project_table(pyproject: Path) -> dict:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]


def inputs(pyproject: Path, name: str) -> list[str]:
    """The set's requirements as pyproject.toml states them (normalised, sorted), without torch
    and without the project's references to its own extras (``htctl[cluster]``), which the set
    lists itself."""
    project = project_table(pyproject)
    optional = project.get("optional-dependencies", {})
    missing = [extra for extra in SETS[name] if extra not in optional]
    if missing:
        raise SystemExit(f"pyproject.toml has no extra {', '.join(missing)} (scripts/lock_sets.py)")
    lines = list(project.get("dependencies", []))
    for extra in SETS[name]:
        lines += optional[extra]
    found = set()
    for line in lines:
        req = Requirement(line)
        name_ = canonicalize_name(req.name)
        if name_ in OUTSIDE or name_ == PROJECT:
            continue
        req.name = name_
        found.add(str(req))
    return sorted(found)


def main(argv: list[str]) -> int:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if argv[:1] == ["sets"]:
        for name, extras in SETS.items():
            print(name, ",".join(extras))
        return 0
    if len(argv) == 2 and argv[0] == "inputs" and argv[1] in SETS:
        for line in inputs(pyproject, argv[1]):
            print(INPUT_PREFIX + line)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
