"""One cache variable: HT_CACHE_DIR, with the old HT_CACHE still honoured (and warned about)."""

from __future__ import annotations

import logging

import pytest

from job import config
from job.generate import cache_root
from job.models import cache_dir


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(config, "_WARNED", set())
    monkeypatch.delenv("HT_CACHE", raising=False)
    monkeypatch.delenv("HT_CACHE_DIR", raising=False)


def test_ht_cache_dir_is_the_cache_of_models_and_generate(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("HT_CACHE_DIR", str(tmp_path / "cache"))

    with caplog.at_level(logging.WARNING, logger="htctl"):
        assert cache_dir() == cache_root() == tmp_path / "cache"
    assert "deprecated" not in caplog.text


def test_the_old_ht_cache_name_still_works_with_one_deprecation_line(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("HT_CACHE", str(tmp_path / "old"))

    with caplog.at_level(logging.WARNING, logger="htctl"):
        assert cache_dir() == cache_root() == tmp_path / "old"
    warnings = [r.getMessage() for r in caplog.records if "deprecated" in r.getMessage()]
    assert warnings == ["HT_CACHE is deprecated: set HT_CACHE_DIR instead"]


def test_ht_cache_dir_wins_over_the_old_name(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("HT_CACHE", str(tmp_path / "old"))
    monkeypatch.setenv("HT_CACHE_DIR", str(tmp_path / "new"))

    with caplog.at_level(logging.WARNING, logger="htctl"):
        assert cache_root() == tmp_path / "new"
    assert "deprecated" not in caplog.text
