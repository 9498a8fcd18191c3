"""The refresh plan as JSON and the staging keys the promote protocol reads back.

A plan is a marker in a shared store: one of the wrong shape is never resumed. The keys of a
staging area come from job/layout.py and are read back from manifests and listings.
"""

from __future__ import annotations

import json

import pytest

from job import layout
from job.bots import parse_bot
from job.manifest import entry_for_bytes, new_manifest, write_manifest
from job.promote import drop_staging, leftover_staging, staging_view
from job.refresh import RefreshPlan, staged_revision
from job.store import Store, open_store, write_json

BOT = "alice"


def a_plan(rev: str = "20260101T000000Z-abcdef") -> RefreshPlan:
    return RefreshPlan(rev, True, 1000, 1200, {"alice": 3}, 0.2)


@pytest.fixture
def store(store_uri) -> Store:
    s = open_store(store_uri)
    s.check()
    return s


@pytest.fixture
def published(store) -> Store:
    entry = entry_for_bytes("raw/alice.jsonl", b"{}\n")
    store.write_bytes(layout.bot_file(BOT, entry.path), b"{}\n")
    write_manifest(store, new_manifest(BOT, [entry]))
    return store


def test_a_plan_round_trips_through_json():
    plan = a_plan()
    text = json.dumps(plan.to_json())
    assert RefreshPlan.from_json(json.loads(text)) == plan
    assert set(json.loads(text)) == {
        "rev",
        "retrain",
        "trained_chars",
        "kept_chars",
        "new_posts",
        "growth",
    }


def test_a_staged_entry_key_names_its_staging_area():
    key = layout.staged_entry_key(BOT, "r1", "model/config.json")
    assert layout.is_staged_key(key) and layout.staged_revision(key) == "r1"
    assert not layout.is_staged_key("model/config.json")
    # The file behind the key is where the staging view writes the path.
    assert layout.bot_file(BOT, key) == f"{layout.staging(BOT, 'r1')}/{BOT}/model/config.json"


def test_a_complete_staged_plan_is_resumed(published):
    rev = "20260101T000000Z-abcdef"
    staging_view(published, BOT, rev).write_bytes(layout.raw_posts(BOT, "alice"), b"{}\n")
    assert staged_revision(published, parse_bot(BOT)) is None  # raw/ without a plan: not yet
    write_json(published, layout.refresh_plan(BOT, rev), a_plan(rev).to_json())
    assert staged_revision(published, parse_bot(BOT)) == rev


@pytest.mark.parametrize(
    "plan",
    [
        {**a_plan().to_json(), "retrain": "yes"},
        {**a_plan().to_json(), "kept_chars": -5},
        {**a_plan().to_json(), "growth": "NaN"},
        {k: v for k, v in a_plan().to_json().items() if k != "new_posts"},
        ["not", "an", "object"],
    ],
)
def test_a_plan_of_the_wrong_shape_is_never_resumed(published, plan):
    rev = "20260101T000000Z-abcdef"
    write_json(published, layout.refresh_plan(BOT, rev), plan)
    assert staged_revision(published, parse_bot(BOT)) is None


def test_leftovers_are_the_staging_areas_no_manifest_points_into(store):
    for rev in ("r1", "r2"):
        staging_view(store, BOT, rev).write_bytes(layout.raw_posts(BOT, "alice"), b"{}\n")
    staged_key = layout.staged_entry_key(BOT, "r2", "raw/alice.jsonl")
    entry = entry_for_bytes("raw/alice.jsonl", b"{}\n", key=staged_key)
    live = new_manifest(BOT, [entry])
    assert leftover_staging(store, BOT, live) == ["r1"]
    assert leftover_staging(store, BOT, None) == ["r1", "r2"]
    drop_staging(store, BOT, "r1")
    assert store.list(layout.staging(BOT, "r1") + "/") == []
    assert leftover_staging(store, BOT, None) == ["r2"]
    drop_staging(store, BOT, "r2")
    folder = store.local_path(layout.staging_root(BOT))
    assert store.list(layout.staging_root(BOT) + "/") == []
    assert folder is None or not folder.exists()  # a folder store keeps no empty folders
