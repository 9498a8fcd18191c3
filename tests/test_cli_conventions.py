"""The conventions users bring from kubectl, helm and huggingface-cli: --version, completion,
-v anywhere, pure --json, choices and defaults in --help, generate's sampling options, and
training progress as a bar on a terminal and as plain lines in a pod."""

from __future__ import annotations

import json
import logging
import platform
import re
import subprocess
import sys
from importlib.metadata import version as package_version
from io import StringIO
from pathlib import Path

import pytest

from job import __version__
from job.cli import hoist_verbose
from job.cli.cluster import COMMAND_SETTINGS
from job.cli.generate import check_sampling
from job.errors import BadInput
from job.settings import FIELDS
from tests.support.archives import synthetic_posts
from tests.support.cli import ROOT, assert_one_error_line
from tests.support.kube_cluster import STATES
from tests.support.publishing import BOT, PROMPT

ANSI = re.compile(r"\x1b\[")
WIDE = {"COLUMNS": "250", "TERM": "dumb"}


def help_text(htctl, *command: str) -> str:
    """--help with the box drawing and the wrapping taken out: words separated by one space."""
    result = htctl(*command, "--help", env=WIDE)
    assert result.returncode == 0, result.stderr
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout).split())


# -- --version, version --json, completion, -v -----------------------------------------------


def test_dash_dash_version_prints_the_version_without_importing_torch():
    code = (
        "import sys\n"
        "sys.argv = ['htctl', '--version']\n"
        "from job.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "print('torch' in sys.modules, 'transformers' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"htctl {__version__}\n"
    assert result.stderr.split() == ["False", "False"]


def test_version_json_is_one_object_of_the_installed_versions(htctl):
    result = htctl("version", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["htctl"] == __version__
    assert found["python"] == platform.python_version()
    for name in ("torch", "transformers", "deepspeed"):
        assert found[name] == package_version(name)


def test_shell_completion_is_offered(htctl):
    text = help_text(htctl)
    assert "--install-completion" in text and "--show-completion" in text
    assert "--version" in text


def test_completion_script_is_printed_for_a_shell(htctl):
    env = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = htctl("--show-completion", "bash", env=env)
    assert result.returncode == 0, result.stderr
    assert "complete" in result.stdout


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "x", "-v"], ["--verbose", "run", "x"]),
        (["-v", "run", "x"], ["--verbose", "run", "x"]),
        (["run", "--verbose", "x", "-v"], ["--verbose", "run", "x"]),
        (["generate", "b", "p"], ["generate", "b", "p"]),
        # after --, -v is an argument (a prompt), not the flag
        (["generate", "b", "--", "-v"], ["generate", "b", "--", "-v"]),
        (["generate", "b", "-v", "--", "-v"], ["--verbose", "generate", "b", "--", "-v"]),
        # only the exact flags: a value that merely starts with -v is left alone
        (["run", "x", "--source", "-vx"], ["run", "x", "--source", "-vx"]),
    ],
)
def test_verbose_is_hoisted_from_anywhere_before_double_dash(argv, expected):
    assert hoist_verbose(argv) == expected


def test_dash_v_after_the_subcommand_turns_on_debug_detail(htctl, tmp_path):
    store = tmp_path / "empty"
    store.mkdir()
    quiet = htctl("generate", "nobody", PROMPT, "--store", str(store))
    assert_one_error_line(quiet, 2)
    loud = htctl("generate", "nobody", PROMPT, "--store", str(store), "-v")
    assert loud.returncode == 2
    assert "DEBUG error detail" in loud.stderr and "Traceback" in loud.stderr
    assert loud.stderr.strip().splitlines()[-1] == quiet.stderr.strip()


# -- --json is JSON alone on stdout ----------------------------------------------------------


def test_refresh_json_prints_only_the_json_line_and_logs_to_stderr(htctl, make_archive, tmp_path):
    archive = make_archive(synthetic_posts(300), username="alice")
    result = htctl(
        "refresh",
        "alice",
        "--source",
        f"archive:{archive}",
        "--until",
        "prepare",
        "--store",
        str(tmp_path / "store"),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    document = json.loads(lines[0])
    assert document["bot"] == "alice"
    assert "INFO" in result.stderr  # the logs are there, on stderr
    assert "INFO" not in result.stdout


def test_refresh_without_json_keeps_logs_on_stdout(htctl, make_archive, tmp_path):
    archive = make_archive(synthetic_posts(300), username="alice")
    result = htctl(
        "refresh", "alice", "--source", f"archive:{archive}", "--until", "prepare",
        "--store", str(tmp_path / "store"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "INFO" in result.stdout and result.stderr == ""


def test_generate_json_is_a_json_list_and_the_seed_goes_to_stderr(htctl, shared_published):
    result = htctl("generate", BOT, PROMPT, "-n", "2", "--json", "--store", shared_published.uri)
    assert result.returncode == 0, result.stderr
    samples = json.loads(result.stdout)
    assert len(samples) == 2 and all(s.startswith(PROMPT) for s in samples)
    assert re.search(r"generate: seed \d+", result.stderr)


def test_list_json_is_pure_json(htctl, shared_published):
    result = htctl("list", "--json", "--store", shared_published.uri)
    assert result.returncode == 0, result.stderr
    assert [b["bot"] for b in json.loads(result.stdout)] == [BOT]


def test_status_json_is_one_object_per_line(cluster, kube_env, htctl):
    s, _, _ = cluster
    result = htctl("status", "--store", s.store, "--json", "-v", env=kube_env)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["bot"] for r in rows) == sorted(STATES)


# -- one help style: choices, defaults, settings per command ---------------------------------


@pytest.mark.parametrize(
    ("command", "flag", "bad", "choices"),
    [
        (["run", "alice"], "--until", "deploy", ["scrape", "prepare", "train", "publish"]),
        (["refresh", "alice"], "--until", "train", ["prepare", "publish"]),
        (["launch", "users.txt"], "--via", "helm", ["jobs", "argo"]),
        (["launch", "users.txt"], "--propagation", "Orphan", ["Foreground", "Background"]),
    ],
)
def test_choices_are_listed_in_help_and_others_refused_with_exit_2(
    htctl, tmp_path, command, flag, bad, choices
):
    text = help_text(htctl, command[0])
    assert f"{flag} <{'|'.join(choices)}>" in text.replace(" ", "").replace(flag, f"{flag} ")
    result = htctl(*command, flag, bad, "--store", str(tmp_path / "store"))
    assert result.returncode == 2, result.stderr
    assert bad in result.stderr and all(c in result.stderr for c in choices)
    assert not (tmp_path / "store").exists()  # refused before anything ran


def test_defaults_and_env_variables_are_shown(htctl):
    run = help_text(htctl, "run")
    assert "[env var: HT_STORE] [default: ./ht-data]" in run
    assert "--until" in run and "[default: publish]" in run
    generate = help_text(htctl, "generate")
    assert "[default: 1.0]" in generate and "[default: 0.95]" in generate
    assert "[default: (random, logged)]" in generate
    assert "[default: ./ht-data]" in help_text(htctl, "list")


@pytest.mark.parametrize("command", ["cancel", "logs", "status", "wait"])
def test_commands_that_only_talk_to_the_api_list_no_job_settings(htctl, command):
    text = help_text(htctl, command)
    for flag in ("--shm-size", "--gpus-per-job", "--image", "--serve-replicas", "--tolerations"):
        assert flag not in text, (command, flag)
    for flag in ("--namespace", "--instance", "--kube-context", "--config"):
        assert flag in text, (command, flag)


def test_render_and_launch_list_the_job_settings(htctl):
    for command in ("render", "launch"):
        text = help_text(htctl, command)
        assert "--shm-size" in text and "--gpus-per-job" in text
    assert "--serve-replicas" in help_text(htctl, "render")
    assert "--serve-replicas" not in help_text(htctl, "launch")


def test_every_setting_is_a_flag_of_some_command_and_only_known_settings_are_named():
    named = set().union(*COMMAND_SETTINGS.values())
    assert named <= set(FIELDS)
    assert set(FIELDS) <= named


def test_settings_a_command_does_not_list_still_come_from_the_environment(cluster, kube_env, htctl):
    """cancel has no --shm-size, yet a bad HT_SHM_SIZE is still refused: settings are still
    read and checked as a whole."""
    result = htctl("cancel", "nobody", env={**kube_env, "HT_SHM_SIZE": "lots"})
    assert_one_error_line(result, 2, "shmSize")


# -- generate: seed, max-new-tokens, temperature, top-p --------------------------------------


def seed_of(stderr: str) -> int:
    return int(re.search(r"generate: seed (\d+)", stderr).group(1))


def test_generate_seed_is_random_reported_and_reproduces(htctl, shared_published):
    args = ("generate", BOT, PROMPT, "-n", "2", "--store", shared_published.uri)
    first, second = htctl(*args), htctl(*args)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert seed_of(first.stderr) != seed_of(second.stderr)
    again = htctl(*args, "--seed", str(seed_of(first.stderr)))
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert seed_of(again.stderr) == seed_of(first.stderr)


def test_generate_sampling_options_change_the_samples(htctl, shared_published):
    args = ("generate", BOT, PROMPT, "--seed", "7", "--store", shared_published.uri)
    default = htctl(*args)
    short = htctl(*args, "--max-new-tokens", "1", "--temperature", "0.5", "--top-p", "0.5")
    assert default.returncode == short.returncode == 0, default.stderr + short.stderr
    assert len(short.stdout) < len(default.stdout)


@pytest.mark.parametrize(
    ("flag", "value", "needle"),
    [
        ("--temperature", "0", "--temperature"),
        ("--temperature", "-1", "--temperature"),
        ("--temperature", "nan", "--temperature"),
        ("--temperature", "inf", "--temperature"),
        ("--top-p", "0", "--top-p"),
        ("--top-p", "1.01", "--top-p"),
        ("--max-new-tokens", "0", "--max-new-tokens"),
        ("--max-new-tokens", "1000000", "--max-new-tokens"),
        ("--seed", "-1", "--seed"),
        ("--seed", str(2**40), "--seed"),
    ],
)
def test_generate_out_of_range_sampling_is_one_line_exit_2(htctl, tmp_path, flag, value, needle):
    # the store does not exist: the ranges are checked before anything is read
    result = htctl("generate", "alice", PROMPT, flag, value, "--store", str(tmp_path / "none"))
    assert_one_error_line(result, 2, needle)


def test_sampling_ranges_accept_their_bounds():
    check_sampling(1, 5.0, 1.0, 0)
    check_sampling(1024, 0.01, 0.01, 2**32 - 1)
    check_sampling(None, 1.0, 0.95, None)
    with pytest.raises(BadInput):
        check_sampling(1025, 1.0, 0.95, None)


# -- training progress -----------------------------------------------------------------------


def trainer_objects(tmp_path: Path, max_steps: int, at_step: int = 0):
    from transformers import TrainerControl, TrainerState, TrainingArguments

    args = TrainingArguments(output_dir=str(tmp_path / "out"), report_to=[], use_cpu=True)
    state = TrainerState(max_steps=max_steps, global_step=at_step, num_input_tokens_seen=0)
    state.is_world_process_zero = True
    return args, state, TrainerControl()


def drive(callback, args, state, control, until: int, tokens_per_step: int = 512) -> None:
    """What the Trainer calls, in its order: step end (flow callback decides should_log), then
    on_log with the loss every other step, then train end."""
    callback.on_train_begin(args, state, control)
    while state.global_step < until:
        state.global_step += 1
        state.num_input_tokens_seen += tokens_per_step
        control.should_log = state.global_step % 2 == 0
        callback.on_step_end(args, state, control)
        if control.should_log:
            loss = 5.0 - state.global_step / 10
            callback.on_log(args, state, control, logs={"loss": loss, "grad_norm": 1.0})
            control.should_log = False
    callback.on_log(args, state, control, logs={"eval_loss": 4.25})
    callback.on_train_end(args, state, control)


def test_training_on_a_terminal_draws_a_bar_with_loss_rate_and_eta(tmp_path, caplog):
    from rich.console import Console

    from job.train_progress import TrainProgress

    caplog.set_level(logging.INFO, logger="htctl")
    console = Console(force_terminal=True, file=StringIO(), width=160)
    args, state, control = trainer_objects(tmp_path, max_steps=10)
    drive(TrainProgress(console=console), args, state, control, until=10)
    screen = console.file.getvalue()
    assert ANSI.search(screen)
    assert "10/10" in screen and "steps" in screen
    assert "loss 4.0000" in screen and "tokens/s" in screen
    messages = [r.getMessage() for r in caplog.records]
    # the bar replaces the per-step lines; what is not a step still is a line
    assert not any(re.match(r"train: \d+/10 steps", m) for m in messages), messages
    assert "train: started at step 0 of 10" in messages
    assert "train: step 10 eval_loss 4.2500" in messages


def test_training_in_a_pod_logs_plain_lines_with_steps_loss_rate_and_eta(
    tmp_path, caplog, monkeypatch
):
    from job.train_progress import TrainProgress

    monkeypatch.setenv("HT_PROGRESS_INTERVAL", "0")
    caplog.set_level(logging.INFO, logger="htctl")
    args, state, control = trainer_objects(tmp_path, max_steps=8, at_step=4)  # resumed at 4
    drive(TrainProgress(bar=False), args, state, control, until=8)
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == "train: started at step 4 of 8"
    steps = [int(m.group(1)) for m in (re.match(r"train: (\d+)/8 steps", x) for x in lines) if m]
    assert steps[0] == 5 and steps[-1] == 8 and steps == sorted(steps)
    six = next(x for x in lines if x.startswith("train: 6/8 steps"))
    assert re.fullmatch(r"train: 6/8 steps, loss 4\.4000, [\d,]+ tokens/s, ETA \d+:\d\d:\d\d", six)
    assert not any(ANSI.search(x) for x in lines)


def test_deepspeed_op_build_is_announced_only_when_it_will_happen(tmp_path, monkeypatch, caplog):
    from job.train_progress import announce_deepspeed_op_build, unbuilt_deepspeed_ops

    monkeypatch.setenv("DS_ACCELERATOR", "cpu")
    monkeypatch.setenv("TORCH_EXTENSIONS_DIR", str(tmp_path / "ext"))
    caplog.set_level(logging.INFO, logger="htctl")
    announce_deepspeed_op_build()
    missing = unbuilt_deepspeed_ops()
    assert [name for name, _ in missing] == ["deepspeed_shm_comm"]
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("train: building DeepSpeed's CPU op deepspeed_shm_comm once (about")
    assert line.endswith(f"cached in {tmp_path / 'ext'}")
    # once built (the compiled library in its folder), nothing is announced
    name, folder = missing[0]
    (folder / f"{name}.so").write_bytes(b"\x7fELF")
    caplog.clear()
    announce_deepspeed_op_build()
    assert caplog.records == [] and unbuilt_deepspeed_ops() == []


@pytest.mark.slow
def test_tiny_training_in_a_pod_prints_periodic_step_lines(htctl, sample_archive, tmp_path):
    result = htctl(
        "run", BOT, "--source", f"archive:{sample_archive}", "--store", str(tmp_path / "s"),
        "--base-model", "tiny", "--until", "train", "--max-steps", "6",
        env={"HT_PROGRESS_INTERVAL": "0", "OMP_NUM_THREADS": "1", "TERM": "xterm-256color"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not ANSI.search(result.stdout)
    assert "{'loss'" not in result.stdout and "'loss':" not in result.stdout  # no raw dicts
    steps = [int(n) for n in re.findall(r"train: (\d+)/6 steps, loss \d+\.\d{4}", result.stdout)]
    assert steps[0] == 1 and steps[-1] == 6 and steps == sorted(steps)
    assert re.search(r"train: 1/6 steps, loss [\d.]+, [\d,]+ tokens/s, ETA \d", result.stdout)
    assert "train: started at step 0 of 6" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle", "help_of"),
    [
        (["run"], "Missing argument 'bot'", "htctl run --help"),
        (["run", "alice", "--bogus"], "No such option: --bogus", "htctl run --help"),
        (["generate", "alice"], "Missing argument 'prompt'", "htctl generate --help"),
        (["nosuch"], "No such command 'nosuch'", "htctl --help"),
        (["run", "alice", "--epochs", "many"], "Invalid value for '--epochs'", "htctl run --help"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(htctl, args, needle, help_of):
    """A usage mistake reads like every other error: one line, exit 2, where to find help."""
    result = htctl(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert result.stderr.startswith("htctl: error: "), result.stderr
    assert needle in result.stderr and help_of in result.stderr, result.stderr
    assert result.stdout == ""
