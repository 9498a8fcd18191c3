"""Every command shows the environment variable of an option the same way: ``[env var: X]``."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from job.cli import app
from job.cli.cluster import COMMAND_SETTINGS
from job.settings import env_name, flag_name


def help_text(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # rich wraps at the box edge


def test_a_pipeline_command_shows_typers_env_var_style():
    assert "[env var: HT_SEED]" in help_text("run")


@pytest.mark.parametrize("command", ["render", "launch", "status", "logs", "wait", "cancel"])
def test_a_cluster_command_shows_every_setting_in_the_same_style(command):
    """Every setting the command reads (COMMAND_SETTINGS; each setting is read by some
    command, tests/test_cli_conventions.py) is a flag with its variable in typer's style."""
    text = help_text(command)

    assert COMMAND_SETTINGS[command]
    for name in COMMAND_SETTINGS[command]:
        assert f"[env var: {env_name(name)}]" in text, name
        assert re.search(re.escape(flag_name(name)) + r"\b", text), name
    assert "[env var: HT_CONFIG]" in text
    assert "(env HT_" not in text  # the old, second style is gone
