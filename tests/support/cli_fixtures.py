"""CLI and archive fixtures (a pytest plugin): the ``htctl`` runner and sample archives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.archives import build_archive
from tests.support.cli import REAL_ARCHIVES, SAMPLE_ARCHIVE, run_htctl


@pytest.fixture
def sample_archive() -> Path:
    return SAMPLE_ARCHIVE


@pytest.fixture
def real_archives() -> Path:
    if not REAL_ARCHIVES.is_dir():
        pytest.skip(f"real X exports not present at {REAL_ARCHIVES} (a fresh clone has no shared/)")
    return REAL_ARCHIVES


@pytest.fixture
def htctl():
    return run_htctl


@pytest.fixture
def make_archive(tmp_path):
    """``make_archive(posts, **layout)`` -> a fresh archive path under tmp_path."""
    counter = iter(range(10**6))

    def make(posts: list[str], **layout) -> Path:
        suffix = ".zip" if layout.get("form") == "zip" else ""
        return build_archive(tmp_path / f"archive{next(counter)}{suffix}", posts, **layout)

    return make
