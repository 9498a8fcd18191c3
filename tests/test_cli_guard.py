"""The CLI's last resort: an exception htctl did not expect is a bug, but the user still gets
one line on stderr and exit 1 (Jobs retry it); the traceback only with ``-v``."""

from __future__ import annotations

import sys

import pytest

import job.cli
import job.cli.generate


def run_main(monkeypatch, *argv: str) -> int:
    monkeypatch.setattr(sys, "argv", ["htctl", *argv])
    with pytest.raises(SystemExit) as exited:
        job.cli.main()
    return exited.value.code


@pytest.fixture
def failing_generate(monkeypatch):
    """A library call that fails the way a bug does (not an HTError)."""

    def boom(*args, **kwargs):
        raise RuntimeError("weights missing\nsecond line of detail")

    monkeypatch.setattr(job.cli.generate, "generate", boom)


def test_an_unexpected_exception_is_one_line_and_exit_1(
    monkeypatch, capsys, tmp_path, failing_generate
):
    code = run_main(monkeypatch, "generate", "alice", "hi", "--store", str(tmp_path))

    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines() == [
        "htctl: error: unexpected RuntimeError: weights missing (a bug; -v shows the traceback)"
    ]
    assert "Traceback" not in err


def test_verbose_shows_the_traceback_of_an_unexpected_exception(
    monkeypatch, capsys, tmp_path, failing_generate
):
    code = run_main(monkeypatch, "-v", "generate", "alice", "hi", "--store", str(tmp_path))

    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().splitlines()[-1].startswith("htctl: error: unexpected RuntimeError")
