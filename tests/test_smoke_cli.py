"""The CLI as a user meets it: the sample archive up to prepare, and one-line errors."""

import json
from pathlib import Path


def test_sample_archive_until_prepare_writes_stats(htctl, sample_archive, tmp_path):
    store = tmp_path / "store"
    result = htctl(
        "run",
        "htctl_sample",
        "--source",
        f"archive:{sample_archive}",
        "--until",
        "prepare",
        "--store",
        str(store),
    )
    assert result.returncode == 0, result.stderr
    stats = json.loads(Path(store / "htctl_sample/dataset/stats.json").read_text())
    counts = stats["handles"]["htctl_sample"]
    assert counts["downloaded"] == counts["retweets"] + counts["short"] + counts["kept"]
    assert stats["train_posts"] + stats["valid_posts"] == counts["kept"]


def test_invalid_handle_is_one_line_exit_2(htctl, tmp_path):
    result = htctl("run", "not-a-handle!", "--store", str(tmp_path / "s"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "invalid handle" in result.stderr
    assert not (tmp_path / "s").exists()
