"""Hub repo ids: ``{bot}`` gives every bot its own repo, with a name the Hub takes.

huggingface_hub's own validator checks every name we make, independently of ours; the push itself
is tested against a local Hub server in tests/test_publish.py.
"""

from __future__ import annotations

import hashlib

import pytest
from huggingface_hub.utils import HFValidationError, validate_repo_id

from job.bots import parse_bot
from job.cluster.names import job_name
from job.errors import BadInput, ConfigError
from job.hub import MAX_REPO_NAME, hub_target, repo_name, resolve_repo_id, valid_repo_id

BOTS = [
    "karpathy",
    "elonmusk+Karpathy",
    "@_under_score",
    "abc_",
    "a_b",
    "a+b",
    "_",
    "__",
    "123456789012345",
    "ABCDEFGHIJKLMNO+abcdefghijklmnp+zzzzzzzzzzzzzzz+yyyyyyyyyyyyyyy",
    "+".join(f"handle{i:02d}_abcdef" for i in range(8)),
    "+".join(f"handle{i:02d}_abcdeg" for i in range(8)),
    "bsky:alice.bsky.social",
    "bsky:a-b.bsky.social",
    "bsky:alice.git",
    "mastodon:a@b.bsky.social",
    "mastodon:Bob@example.social+karpathy",
    "mastodon:bob_@example.social",
    "archive:dril=/data/dril",
    "file:me=/data/posts.jsonl+karpathy",
]


def sha8(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:8]


def assert_hub_takes(repo_id: str) -> None:
    assert valid_repo_id(repo_id), repo_id
    try:
        validate_repo_id(repo_id)
    except HFValidationError as err:
        pytest.fail(f"huggingface_hub refuses {repo_id!r}: {err}")


@pytest.mark.parametrize(
    "bot", ["karpathy", "elonmusk+karpathy", "a_b", "abc_", "bsky:alice.bsky.social"]
)
def test_names_the_hub_takes_stay_as_they_are(bot):
    name = parse_bot(bot).name
    assert repo_name(name) == name


@pytest.mark.parametrize(
    ("bot", "readable"),
    [
        ("@_under_score", "under_score"),  # a repo name starts with a letter or digit
        ("mastodon:Bob@example.social", "bob-example.social"),  # no "@"
        ("bsky:a-b.bsky.social", "a-b.bsky.social"),  # bot name a--b.bsky.social: no "--"
        ("bsky:alice.git", "alice.git"),  # the Hub refuses names ending in .git
    ],
)
def test_sanitised_names_carry_the_hash_of_the_real_name(bot, readable):
    name = parse_bot(bot).name
    assert repo_name(name) == f"{readable}-{sha8(name)}"
    assert job_name(name).endswith(sha8(name))  # the same 8 hex digits as the bot's Job


def test_every_bot_gets_its_own_valid_repo():
    names = [parse_bot(b).name for b in BOTS]
    repos = [repo_name(n) for n in names]
    assert len(set(names)) == len(names)
    assert len(set(repos)) == len(repos), repos
    for repo in repos:
        assert len(repo) <= MAX_REPO_NAME
        assert_hub_takes(f"myorg/{repo}")


def test_bots_that_sanitise_alike_get_different_repos():
    # a@b.bsky.social (Mastodon) and a-b.bsky.social (Bluesky) both read a-b.bsky.social
    first = repo_name(parse_bot("mastodon:a@b.bsky.social").name)
    second = repo_name(parse_bot("bsky:a-b.bsky.social").name)
    assert first.startswith("a-b.bsky.social-") and second.startswith("a-b.bsky.social-")
    assert first != second


def test_a_name_kept_as_is_never_equals_a_hashed_name():
    """_0 becomes 0-<hash>; the plain bot 0+<hash> is named exactly that, so it is hashed too."""
    hashed = repo_name(parse_bot("_0").name)
    lookalike = parse_bot(f"0+{sha8('_0')}").name
    assert lookalike == hashed
    assert repo_name(lookalike) != hashed
    assert repo_name(lookalike) == f"{lookalike}-{sha8(lookalike)}"


def test_long_names_are_cut_and_stay_apart():
    first = parse_bot("+".join(f"handle{i:02d}_abcdef" for i in range(8))).name
    second = parse_bot("+".join(f"handle{i:02d}_abcdef" for i in range(7)) + "+zz").name
    assert len(first) > MAX_REPO_NAME
    a, b = repo_name(first), repo_name(second)
    assert len(a) == MAX_REPO_NAME and a.endswith(f"-{sha8(first)}")
    assert a != b
    assert len(repo_name(first, limit=20)) <= 20


def test_placeholder_is_replaced_by_the_bots_repo_name():
    assert resolve_repo_id("myorg/{bot}", "karpathy") == "myorg/karpathy"
    assert resolve_repo_id("myorg/gpt2-{bot}-v2", "karpathy") == "myorg/gpt2-karpathy-v2"
    assert resolve_repo_id("myorg/one-repo", "karpathy") == "myorg/one-repo"
    bob = parse_bot("mastodon:bob@example.social").name
    assert resolve_repo_id("myorg/{bot}", bob) == f"myorg/bob-example.social-{sha8(bob)}"


def test_placeholder_name_fits_the_room_around_it():
    long_bot = parse_bot("+".join(f"handle{i:02d}_abcdef" for i in range(8))).name
    repo = resolve_repo_id("myorg/huggingtweets-{bot}-gpt2", long_bot)
    name = repo.split("/", 1)[1]
    assert len(name) == MAX_REPO_NAME
    assert name.startswith("huggingtweets-handle00") and name.endswith(f"-{sha8(long_bot)}-gpt2")
    assert_hub_takes(repo)


@pytest.mark.parametrize(
    "repo",
    [
        "{bot}/models",  # the owner is one's own
        "myorg/{bot}{bot}",
        "myorg/" + "x" * 90 + "{bot}",  # no room left for a bot
        "myorg/{bot}-",
        "myorg/a--{bot}",
        "myorg/{other}",
        "myorg",
        "myorg/a/b",
        "myorg/x.git",
    ],
)
def test_bad_repo_ids_are_one_line_bad_input(repo):
    with pytest.raises(BadInput) as err:
        resolve_repo_id(repo, "karpathy")
    message = str(err.value)
    assert "invalid Hub repo id" in message and "\n" not in message


def test_hub_target_resolves_the_placeholder_and_hides_the_token(monkeypatch):
    monkeypatch.setenv("HT_HUB_REPO", "myorg/{bot}")
    monkeypatch.setenv("HF_TOKEN", "hf_sekrit")
    target = hub_target(None, "elonmusk-karpathy")
    assert target is not None and target.repo_id == "myorg/elonmusk-karpathy"
    assert "hf_sekrit" not in repr(target)
    assert hub_target("other/{bot}", "karpathy").repo_id == "other/karpathy"  # flag over env


def test_hub_target_off_or_without_token(monkeypatch):
    monkeypatch.delenv("HT_HUB_REPO", raising=False)
    monkeypatch.setenv("HF_TOKEN", "hf_sekrit")
    assert hub_target(None, "karpathy") is None
    monkeypatch.delenv("HF_TOKEN")
    with pytest.raises(ConfigError, match="myorg/karpathy"):
        hub_target("myorg/{bot}", "karpathy")
