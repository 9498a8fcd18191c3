"""A bot of two handles up to prepare: names, source order, stats per handle and balance."""

from __future__ import annotations

import json

import pytest

from job.rules import EOS
from tests.support.archives import synthetic_posts
from tests.support.cli import assert_one_error_line
from tests.support.stores import store_read, store_snapshot

BIG, SMALL = 900, 90  # posts: a ten-fold difference in size


@pytest.fixture
def archives(make_archive):
    big_posts = synthetic_posts(BIG, seed=11) + ["RT @x: a retweet"] * 5 + ["short"] * 3
    small_posts = synthetic_posts(SMALL, seed=22) + ["RT @y: one more"] * 2
    big = make_archive(big_posts, form="zip", username="Zed_Big")
    small = make_archive(small_posts, username="amy_small")
    return {"big": big, "small": small, "big_posts": big_posts, "small_posts": small_posts}


def chars_by_handle(train: str, posts_by_handle: dict[str, set[str]]) -> dict[str, int]:
    totals = dict.fromkeys(posts_by_handle, 0)
    for post in train.split(EOS):
        if not post:
            continue
        owners = [h for h, posts in posts_by_handle.items() if post in posts]
        assert len(owners) == 1, f"post of unknown origin in train.txt: {post!r}"
        totals[owners[0]] += len(post)
    return totals


def test_two_handles_up_to_prepare(htctl, store_uri, archives):
    # Given in the "wrong" order and mixed case: sources follow the order typed.
    result = htctl(
        "run",
        "Zed_Big+@AMY_small",
        "--source",
        f"archive:{archives['big']}",
        "--source",
        f"archive:{archives['small']}",
        "--until",
        "prepare",
        "--store",
        store_uri,
    )
    assert result.returncode == 0, result.stderr
    bot = "amy_small-zed_big"  # lower-cased, sorted, joined by "-"
    assert set(store_snapshot(store_uri)) == {
        f"{bot}/raw/zed_big.jsonl",
        f"{bot}/raw/zed_big.meta.json",
        f"{bot}/raw/amy_small.jsonl",
        f"{bot}/raw/amy_small.meta.json",
        f"{bot}/dataset/train.txt",
        f"{bot}/dataset/valid.txt",
        f"{bot}/dataset/stats.json",
    }

    stats = json.loads(store_read(store_uri, f"{bot}/dataset/stats.json"))
    assert stats["bot"] == bot
    assert stats["handles"] == {
        "zed_big": {"downloaded": BIG + 8, "retweets": 5, "short": 3, "kept": BIG},
        "amy_small": {"downloaded": SMALL + 2, "retweets": 2, "short": 0, "kept": SMALL},
    }
    meta = json.loads(store_read(store_uri, f"{bot}/raw/zed_big.meta.json"))
    assert meta["handle"] == "zed_big" and meta["display_name"] == "Zed_Big"

    train = store_read(store_uri, f"{bot}/dataset/train.txt").decode()
    valid = store_read(store_uri, f"{bot}/dataset/valid.txt").decode()
    valid_posts = [p for p in valid.split(EOS) if p]
    train_posts = [p for p in train.split(EOS) if p]

    # No validation post is ever trained on.
    assert not set(valid_posts) & set(train_posts)
    # Each handle holds out about 10% of its own kept posts.
    big_set, small_set = set(archives["big_posts"]), set(archives["small_posts"])
    assert sum(p in big_set for p in valid_posts) == BIG // 10
    assert sum(p in small_set for p in valid_posts) == SMALL // 10
    assert stats["valid_posts"] == len(valid_posts)
    assert stats["train_posts"] == len(train_posts)

    # Balance: the small handle is repeated up to about the big one's characters.
    chars = chars_by_handle(train, {"zed_big": big_set, "amy_small": small_set})
    largest = max(chars.values())
    assert all(c >= largest / 1.5 for c in chars.values()), chars
    assert len(train_posts) > (BIG + SMALL) * 0.9  # repeats were added
    # Every distinct train post of the small handle is used.
    small_kept = set(synthetic_posts(SMALL, seed=22))
    assert {p for p in train_posts if p in small_set} == small_kept - set(valid_posts)


def test_a_repeated_handle_is_one_handle(htctl, store_uri, archives):
    result = htctl(
        "run",
        "amy_small+AMY_SMALL",
        "--source",
        f"archive:{archives['small']}",
        "--until",
        "prepare",
        "--store",
        store_uri,
    )
    assert result.returncode == 0, result.stderr
    stats = json.loads(store_read(store_uri, "amy_small/dataset/stats.json"))
    assert list(stats["handles"]) == ["amy_small"]


def test_sources_in_the_wrong_order_are_refused_before_writing(htctl, store_uri, archives):
    result = htctl(
        "run",
        "zed_big+amy_small",
        "--source",
        f"archive:{archives['small']}",
        "--source",
        f"archive:{archives['big']}",
        "--until",
        "prepare",
        "--store",
        store_uri,
    )
    assert_one_error_line(result, 2, "belongs to @amy_small, not @zed_big")
    assert store_snapshot(store_uri) == {}


@pytest.mark.parametrize("count", [1, 3])
def test_more_or_fewer_sources_than_handles_is_exit_2(htctl, store_uri, archives, count):
    sources = []
    for archive in [archives["big"], archives["small"], archives["small"]][:count]:
        sources += ["--source", f"archive:{archive}"]
    result = htctl("run", "zed_big+amy_small", *sources, "--store", store_uri)
    assert_one_error_line(result, 2, "2 handle(s)", f"{count} --source")
    assert store_snapshot(store_uri) == {}


def test_one_handle_with_too_little_text_stops_the_whole_bot(
    htctl, store_uri, archives, make_archive
):
    tiny = make_archive(["a few words here"] * 3 + ["RT @z: x"], username="tiny_one")
    result = htctl(
        "run",
        "zed_big+tiny_one",
        "--source",
        f"archive:{archives['big']}",
        "--source",
        f"archive:{tiny}",
        "--until",
        "prepare",
        "--store",
        store_uri,
    )
    assert_one_error_line(result, 2, "@tiny_one", "4 downloaded, 1 retweets, 0 short, 3 kept")
    assert store_snapshot(store_uri) == {}  # not even the big handle's posts


# --- the split and the balance, directly ---------------------------------------------------------


def test_split_holds_out_ten_percent_and_never_splits_a_repeated_text():
    import random

    from job.dataset import split

    posts = synthetic_posts(95) + ["the same words again and again"] * 6
    train, valid = split(posts, random.Random(0))
    assert sorted(train + valid) == sorted(posts)
    assert not set(train) & set(valid)
    assert 10 <= len(valid) <= 16  # round(101 * 0.1) = 10, plus a repeated group at most


def test_split_of_a_single_text_keeps_it_for_training():
    import random

    from job.dataset import split

    train, valid = split(["one long note post"] * 3, random.Random(0))
    assert (train, valid) == (["one long note post"] * 3, [])


def test_balance_repeats_the_smaller_handle_up_to_the_largest():
    import random

    from job.dataset import balance

    big, small = synthetic_posts(500, seed=1), synthetic_posts(20, seed=2)
    combined = balance([big, small], random.Random(0))
    big_chars = sum(len(p) for p in combined if p in set(big))
    small_chars = sum(len(p) for p in combined if p in set(small))
    assert big_chars == sum(len(p) for p in big)  # the largest is used once, as it is
    assert big_chars <= small_chars < big_chars + max(len(p) for p in small)
