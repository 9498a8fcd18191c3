"""Run options, training settings and the process rank: typed, checked where they are built.

In-process: these are values and the rules they enforce (the CLI's subprocess tests are in
test_cli_errors.py).
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from job import config
from job.errors import BadInput, ConfigError
from job.launcher import launches_ranks
from job.options import STAGES, TRAINING_STAGES, RunOptions, TrainSettings
from job.rank import Rank


@pytest.fixture
def environ():
    """Read settings from a mapping of the test's own (config's one switch)."""
    mapping: dict[str, str] = {}
    config.use_environ(mapping)
    yield mapping
    config.use_environ(None)


def test_settings_and_options_are_frozen_values():
    settings = TrainSettings(max_steps=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.max_steps = 0  # type: ignore[misc]
    options = RunOptions(train=settings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.until = "train"  # type: ignore[misc]
    assert dataclasses.replace(options, until="prepare").train is settings


@pytest.mark.parametrize(
    "values",
    [
        {"zero_stage": 7},
        {"zero_stage": -1},
        {"micro_batch": 0},
        {"grad_accum": 0},
        {"block_size": -8},
        {"epochs": 0, "max_steps": 0},
        {"epochs": -1.5},
        {"checkpoint_every": -1},
    ],
)
def test_a_bad_setting_cannot_be_built_at_all(values):
    with pytest.raises(BadInput):
        TrainSettings(**values)
    with pytest.raises(BadInput):
        TrainSettings.from_dict(values)


def test_unknown_or_misspelt_settings_are_bad_input_and_none_means_the_recipe():
    with pytest.raises(BadInput, match="unknown training setting.*: lr, zero"):
        TrainSettings.from_dict({"lr": 1, "zero": 2})
    assert TrainSettings.from_dict({"epochs": None, "max_steps": None}) == TrainSettings()


@pytest.mark.parametrize("until", ["deploy", "", "Publish", "train "])
def test_run_options_refuse_an_unknown_last_stage(until):
    with pytest.raises(BadInput, match="unknown stage"):
        RunOptions(until=until)


def test_the_rank_outside_torchrun_is_one_primary_process(environ):
    rank = Rank.from_env()
    assert rank == Rank() and rank.is_primary and not rank.under_torchrun
    assert rank.world_size == 1


def test_the_rank_under_torchrun_is_read_once_from_its_variables(environ):
    environ.update(RANK="3", WORLD_SIZE="4", LOCAL_RANK="1")
    rank = Rank.from_env()
    assert rank == Rank(index=3, world_size=4, local_index=1, under_torchrun=True)
    assert not rank.is_primary
    environ["RANK"] = "0"
    assert Rank.from_env().is_primary
    # The options built now carry the value read then: a later change is not seen.
    options = RunOptions()
    environ["RANK"] = "2"
    assert options.rank.index == 0


@pytest.mark.parametrize(
    "variables",
    [
        {"RANK": "one"},
        {"RANK": "-1"},
        {"RANK": "1.5"},
        {"RANK": "0", "WORLD_SIZE": "0"},
        {"RANK": "0", "WORLD_SIZE": "many"},
        {"RANK": "0", "LOCAL_RANK": "-2"},
    ],
)
def test_a_malformed_rank_is_a_configuration_error(environ, variables):
    environ.update(variables)
    with pytest.raises(ConfigError, match="is not a process rank"):
        Rank.from_env()


def test_only_a_process_outside_torchrun_launches_ranks_and_only_to_train():
    alone, launched = Rank(), Rank(index=0, world_size=2, under_torchrun=True)
    for until in STAGES:
        assert launches_ranks(alone, 2, until) == (until in TRAINING_STAGES)
        assert not launches_ranks(launched, 2, until)  # a rank never launches again
        assert not launches_ranks(alone, 1, until)


@pytest.mark.parametrize(
    "values, needle",
    [
        ({"until": "train"}, "refresh --until is prepare or publish, not 'train'"),
        ({"until": "scrape"}, "refresh --until is prepare or publish"),
        ({"min_growth": -0.1}, "--min-growth must be at least 0"),
    ],
)
def test_refresh_options_are_checked_when_built(values, needle):
    from job.refresh import RefreshOptions

    with pytest.raises(BadInput, match=re.escape(needle)):
        RefreshOptions(**values)
